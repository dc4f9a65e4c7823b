using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Chain;

/// <summary>A candidate the block builder left out because it is no longer valid, with the runtime's reason.</summary>
public sealed record RejectedTransaction(Hash32 Hash, InvalidTransaction Reason, string Message);
