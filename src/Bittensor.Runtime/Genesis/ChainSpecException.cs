namespace Bittensor.Runtime.Genesis;

/// <summary>A chain spec that cannot be read or applied; the message names the field and what to do.</summary>
public sealed class ChainSpecException(string message) : Exception(message);
