using System.Collections.Concurrent;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.State;

/// <summary>A trie node store held in memory (tests, benchmarks, throwaway tries); safe for concurrent use.</summary>
public sealed class InMemoryTrieNodeStore : ITrieNodeStore
{
    private readonly ConcurrentDictionary<Hash32, byte[]> _nodes = new();

    /// <summary>How many distinct nodes are stored.</summary>
    public int Count => _nodes.Count;

    public byte[]? Get(Hash32 hash) => _nodes.TryGetValue(hash, out var encoded) ? encoded : null;

    public void Put(Hash32 hash, byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        _nodes.TryAdd(hash, encoded);
    }
}
