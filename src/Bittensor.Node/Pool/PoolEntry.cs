using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Pool;

/// <summary>
/// A pooled transaction: its hash (Blake2b-256 of <see cref="Encoded"/>), its bytes, the decoded transaction, its
/// priority (from the runtime's pool validation), its arrival (the pool's own counter, increasing with every
/// admission) and its status.
/// </summary>
public sealed record PoolEntry(Hash32 Hash, byte[] Encoded, SignedTransaction Transaction, ulong Priority, ulong Arrival, PoolStatus Status);
