namespace Bittensor.Runtime.Framework;

/// <summary>Root: the sudo key, or a call run by an approved senate motion.</summary>
public sealed record RootOrigin : Origin;
