namespace Bittensor.Runtime.Transactions;

/// <summary>A transaction that may be included: its pool priority and the fee it pays (rao, tip included).</summary>
public sealed record ValidTransaction(ulong Priority, ulong Fee);
