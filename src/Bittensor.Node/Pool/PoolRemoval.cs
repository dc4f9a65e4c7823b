using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Pool;

/// <summary>A transaction dropped from the pool: why (<paramref name="Error"/>, the runtime's <paramref name="Reason"/> if any) and a message.</summary>
public sealed record PoolRemoval(Hash32 Hash, PoolError Error, InvalidTransaction? Reason, string Message);
