using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Storage;

/// <summary>Where a committed transaction sits: its block (hash and number) and its position in the block.</summary>
public sealed record TransactionLocation(Hash32 BlockHash, ulong Number, int Index);
