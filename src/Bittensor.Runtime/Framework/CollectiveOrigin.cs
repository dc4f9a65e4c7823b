namespace Bittensor.Runtime.Framework;

/// <summary>An approved motion of a collective: <paramref name="Ayes"/> of <paramref name="Total"/> seats voted for it.</summary>
public sealed record CollectiveOrigin(uint Ayes, uint Total) : Origin;
