using Bittensor.Primitives.Hashing;

namespace Bittensor.Contracts.Transactions;

/// <summary>What a signature binds a transaction to: the chain (its genesis hash) and the runtime's versions.</summary>
public sealed record ChainIdentity(Hash32 GenesisHash, uint SpecVersion, uint TransactionVersion)
{
    /// <summary>The runtime version this code implements.</summary>
    public const uint CurrentSpecVersion = 1;

    /// <summary>The transaction format version this code implements.</summary>
    public const uint CurrentTransactionVersion = 1;

    public static ChainIdentity For(Hash32 genesisHash) => new(genesisHash, CurrentSpecVersion, CurrentTransactionVersion);
}
