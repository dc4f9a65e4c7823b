using Bittensor.Node.State;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Trie;

namespace Bittensor.Node.Tests.State;

/// <summary>
/// A change touches only the nodes on its path: counted store reads and writes for single-key changes in a trie of
/// 100,000 entries (counts, not timings).
/// </summary>
public sealed class StateTrieCostTests
{
    private const int Entries = 100_000;

    [Fact(Timeout = 120_000)]
    public async Task SingleKeyChange_In100kTrie_ReadsAndWritesOnlyThePath() => await Task.Run(() =>
    {
        var inner = new InMemoryTrieNodeStore();
        var store = new CountingTrieNodeStore(inner);
        var trie = new StateTrie(store, StateTrie.EmptyRoot);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var i = 0; i < Entries; i++)
        {
            model[Key(i)] = Value(i, 0);
        }

        trie.Apply(model.Select(e => new KeyValuePair<byte[], byte[]?>(e.Key, e.Value)));
        Assert.Equal(StateTrie.ComputeRoot(model), trie.Root);
        Assert.Equal(inner.Count, store.Puts);

        foreach (var i in new[] { 0, 1, 4_321, 99_999 })
        {
            // Overwrite: exactly the nodes on the path are rewritten, and only they are read.
            var key = Key(i);
            var depth = PathLength(trie, key);
            Assert.InRange(depth, 2, 12);
            store.Reset();
            model[key] = Value(i, 1);
            trie.Apply([new(key, model[key])]);
            Assert.Equal(depth, store.Puts);
            Assert.InRange(store.Gets, 1, depth);

            // Insert of a new key next to it: the path plus the new leaf, perhaps a new branch.
            var fresh = Key(Entries + i);
            store.Reset();
            model[fresh] = Value(i, 2);
            trie.Apply([new(fresh, model[fresh])]);
            var freshDepth = PathLength(trie, fresh);
            Assert.InRange(store.Puts, 1, (2 * freshDepth) + 4);
            Assert.InRange(store.Gets, 1, (2 * freshDepth) + 4);

            // Delete: the path (less a merged branch), reading at most one sibling more.
            store.Reset();
            model.Remove(key);
            trie.Apply([new(key, null)]);
            Assert.InRange(store.Puts, 1, (2 * depth) + 4);
            Assert.InRange(store.Gets, 1, (2 * depth) + 4);
        }

        Assert.Equal(StateTrie.ComputeRoot(model), trie.Root);
    });

    [Fact(Timeout = 60_000)]
    public async Task UnchangedBatch_WritesNothing() => await Task.Run(() =>
    {
        var store = new CountingTrieNodeStore(new InMemoryTrieNodeStore());
        var trie = new StateTrie(store, StateTrie.EmptyRoot);
        trie.Apply(Enumerable.Range(0, 1_000).Select(i => new KeyValuePair<byte[], byte[]?>(Key(i), Value(i, 0))));
        var root = trie.Root;
        store.Reset();

        // Same values again, and deletes of absent keys.
        trie.Apply(Enumerable.Range(0, 50).Select(i => new KeyValuePair<byte[], byte[]?>(Key(i), Value(i, 0))));
        trie.Apply(Enumerable.Range(5_000, 50).Select(i => new KeyValuePair<byte[], byte[]?>(Key(i), null)));
        Assert.Equal(root, trie.Root);
        Assert.Equal(0, store.Puts);
    });

    /// <summary>Storage-like keys: one 32-byte prefix shared by all, then the Blake2b-128 of the index.</summary>
    internal static byte[] Key(int i)
    {
        var key = new byte[48];
        "bench-prefix-for-state-trie-key!"u8.CopyTo(key);
        Hashes.Blake2b128(BitConverter.GetBytes(i)).CopyTo(key, 32);
        return key;
    }

    internal static byte[] Value(int i, int version)
    {
        var value = new byte[40];
        BitConverter.TryWriteBytes(value, i);
        BitConverter.TryWriteBytes(value.AsSpan(4), version);
        return value;
    }

    private static int PathLength(StateTrie trie, byte[] key)
    {
        var count = 0;
        var store = new Dictionary<Hash32, byte[]>();
        foreach (var node in trie.Prove([key]).Nodes)
        {
            store[Hash32.Of(node)] = node;
        }

        TrieLookup.Lookup(trie.Root.Bytes, key, h => store.GetValueOrDefault(new Hash32(h)), _ => count++);
        return count;
    }
}
