namespace Bittensor.Runtime.Genesis;

/// <summary>A genesis free balance.</summary>
public sealed record GenesisBalance(string Account, ulong Amount);
