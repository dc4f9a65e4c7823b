using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.State;

/// <summary>
/// Where the nodes of the state trie live, addressed by their hash: in memory for tests, in the chain database for
/// the node (written in the same database transaction as the block that produced them).
/// </summary>
public interface ITrieNodeStore
{
    /// <summary>The encoded node with this hash, or null when unknown.</summary>
    byte[]? Get(Hash32 hash);

    /// <summary>Stores an encoded node under its hash (idempotent).</summary>
    void Put(Hash32 hash, byte[] encoded);
}
