using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Storage;

/// <summary>
/// Everything one imported block writes to the chain database, applied atomically by
/// <see cref="ChainDatabase.CommitBlock"/>: the block and its hash, the hash of each of its transactions (same order
/// and count as <see cref="Block.Transactions"/>), the opaque receipts blob, the state changes (a null value deletes
/// the key) and the new trie nodes.
/// </summary>
public sealed record BlockCommit(
    Block Block,
    Hash32 BlockHash,
    IReadOnlyList<Hash32> TransactionHashes,
    byte[] Receipts,
    IReadOnlyList<KeyValuePair<byte[], byte[]?>> StateChanges,
    IReadOnlyList<(Hash32 Hash, byte[] Node)> TrieNodes);
