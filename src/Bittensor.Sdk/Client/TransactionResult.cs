using Bittensor.Primitives.Hashing;

namespace Bittensor.Sdk.Client;

/// <summary>
/// An included transaction: its hash, the block it is in (hash and number, and whether that block is final when the
/// result was made) and its receipt — whether the call succeeded or the <see cref="Error"/> it failed with, the fee
/// and the events.
/// </summary>
public sealed record TransactionResult(Hash32 TransactionHash, Hash32 BlockHash, ulong BlockNumber, bool IsFinalized, TransactionReceipt Receipt)
{
    public bool Success => Receipt.Success;

    /// <summary>Rao paid (tip included).</summary>
    public ulong Fee => Receipt.Fee;

    public IReadOnlyList<ChainEvent> Events => Receipt.Events;

    /// <summary>Why the call failed, or null when it succeeded.</summary>
    public DispatchError? Error => Receipt.Error;
}
