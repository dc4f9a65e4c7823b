using Bittensor.Node.State;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Storage;

/// <summary>The committed trie nodes of a <see cref="ChainDatabase"/>, read-only.</summary>
internal sealed class CommittedTrieNodeStore(ChainDatabase database) : ITrieNodeStore
{
    public byte[]? Get(Hash32 hash) => database.GetTrieNode(hash);

    public void Put(Hash32 hash, byte[] encoded) =>
        throw new InvalidOperationException("The committed trie nodes are read-only: trie nodes are stored only through ChainDatabase.CommitBlock.");
}
