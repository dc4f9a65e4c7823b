using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Transactions;

/// <summary>
/// The receipt of an included transaction: whether its call succeeded (else the named error), the fee it paid and
/// the events it produced (a failed call keeps only the fee's events).
/// </summary>
public sealed record ApplyResult(Hash32 TransactionHash, DispatchError? Error, ulong Fee, IReadOnlyList<RuntimeEvent> Events)
{
    public bool Success => Error is null;
}
