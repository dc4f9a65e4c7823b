namespace Bittensor.Contracts.Transactions;

/// <summary>A transaction was refused before dispatch for <see cref="Reason"/>; no state changed.</summary>
public sealed class TransactionValidityException(InvalidTransaction reason, string detail)
    : Exception($"Invalid transaction ({reason}): {detail}")
{
    public InvalidTransaction Reason { get; } = reason;
}
