using Bittensor.Node.State;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Tests.State;

/// <summary>A trie node store that counts the reads and writes it serves, over an in-memory store.</summary>
internal sealed class CountingTrieNodeStore(ITrieNodeStore inner) : ITrieNodeStore
{
    public int Gets { get; private set; }

    public int Puts { get; private set; }

    public byte[]? Get(Hash32 hash)
    {
        Gets++;
        return inner.Get(hash);
    }

    public void Put(Hash32 hash, byte[] encoded)
    {
        Puts++;
        inner.Put(hash, encoded);
    }

    public void Reset()
    {
        Gets = 0;
        Puts = 0;
    }
}
