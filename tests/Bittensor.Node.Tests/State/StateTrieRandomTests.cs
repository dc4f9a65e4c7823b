using Bittensor.Node.State;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Tests.State;

/// <summary>
/// The incremental trie held against the from-scratch construction over seeded random batches of inserts,
/// overwrites and deletes; order and batching independence; reads of the current and older roots.
/// </summary>
public sealed class StateTrieRandomTests
{
    [Theory(Timeout = 120_000)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public async Task RandomBatches_RootMatchesFromScratch_AfterEveryBatch(int seed) => await Task.Run(() =>
    {
        var gen = new TrieKeyGenerator(seed);
        var random = gen.Random;
        var store = new InMemoryTrieNodeStore();
        var trie = new StateTrie(store, StateTrie.EmptyRoot);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var history = new List<(Hash32 Root, KeyValuePair<byte[], byte[]>[] Entries)>();

        for (var batch = 0; batch < 120; batch++)
        {
            var changes = new List<KeyValuePair<byte[], byte[]?>>();
            var count = random.Next(1, 40);
            for (var i = 0; i < count; i++)
            {
                var op = random.Next(8);
                byte[] key;
                if (op < 3 || model.Count == 0)
                {
                    key = gen.NextKey();
                }
                else
                {
                    key = model.Keys.ElementAt(random.Next(model.Count));
                }

                // Deletes of present keys, and now and then of absent ones; the rest insert or overwrite.
                var delete = op >= 6 || (op == 2 && random.Next(3) == 0);
                var value = delete ? null : gen.NextValue();
                changes.Add(new((byte[])key.Clone(), value));
                if (value is null)
                {
                    model.Remove(key);
                }
                else
                {
                    model[key] = value;
                }
            }

            var root = trie.Apply(changes);
            Assert.Equal(root, trie.Root);
            Assert.Equal(StateTrie.ComputeRoot(model), root);
            if (model.Count == 0)
            {
                Assert.Equal(StateTrie.EmptyRoot, root);
            }

            foreach (var (key, value) in model)
            {
                Assert.Equal(value, trie.Get(key));
            }

            for (var i = 0; i < 10; i++)
            {
                var probe = gen.NextKey();
                Assert.Equal(model.GetValueOrDefault(probe), trie.Get(probe));
            }

            if (batch % 10 == 0)
            {
                history.Add((root, [.. model]));
            }
        }

        // Every older root is still readable from the same store, with the values it had then.
        foreach (var (root, entries) in history)
        {
            var old = new StateTrie(store, root);
            foreach (var (key, value) in entries)
            {
                Assert.Equal(value, old.Get(key));
            }
        }

        // Deleting everything, in random order and batches, ends at the empty root, matching at every step.
        var keys = model.Keys.ToList();
        Shuffle(random, keys);
        while (keys.Count > 0)
        {
            var take = Math.Min(keys.Count, random.Next(1, 25));
            var changes = keys.Take(take).Select(k => new KeyValuePair<byte[], byte[]?>(k, null)).ToList();
            keys.RemoveRange(0, take);
            foreach (var (key, _) in changes)
            {
                model.Remove(key);
            }

            Assert.Equal(StateTrie.ComputeRoot(model), trie.Apply(changes));
        }

        Assert.Equal(StateTrie.EmptyRoot, trie.Root);
        Assert.Empty(model);
    });

    [Theory(Timeout = 60_000)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task SameFinalSet_ViaDifferentOrdersAndBatching_GivesTheSameRoot(int seed) => await Task.Run(() =>
    {
        var gen = new TrieKeyGenerator(seed);
        var random = gen.Random;
        var final = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var i = 0; i < 300; i++)
        {
            final[gen.NextKey()] = gen.NextValue();
        }

        var expected = StateTrie.ComputeRoot(final);

        // One batch, in sorted order.
        var sorted = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);
        Assert.Equal(expected, sorted.Apply(final.Select(e => new KeyValuePair<byte[], byte[]?>(e.Key, e.Value))));

        // One batch, in reverse order.
        var reversed = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);
        Assert.Equal(expected, reversed.Apply(final.Reverse().Select(e => new KeyValuePair<byte[], byte[]?>(e.Key, e.Value))));

        // Shuffled, in many small batches, with decoy keys inserted on the way and deleted again, and every final key
        // first written with another value.
        var entries = final.ToList();
        Shuffle(random, entries);
        var noisy = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);
        var decoys = new List<byte[]>();
        for (var i = 0; i < entries.Count;)
        {
            var changes = new List<KeyValuePair<byte[], byte[]?>>();
            var take = random.Next(1, 20);
            for (var j = 0; j < take && i < entries.Count; j++, i++)
            {
                changes.Add(new(entries[i].Key, [.. entries[i].Value, 0x99]));
                var decoy = gen.NextKey();
                if (!final.ContainsKey(decoy))
                {
                    decoys.Add(decoy);
                    changes.Add(new(decoy, gen.NextValue()));
                }
            }

            noisy.Apply(changes);
        }

        Shuffle(random, entries);
        noisy.Apply(entries.Select(e => new KeyValuePair<byte[], byte[]?>(e.Key, e.Value)));
        var root = noisy.Apply(decoys.Select(d => new KeyValuePair<byte[], byte[]?>(d, null)));
        Assert.Equal(expected, root);

        // Key by key, each in its own batch.
        Shuffle(random, entries);
        var single = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);
        foreach (var (key, value) in entries)
        {
            single.Apply([new(key, value)]);
        }

        Assert.Equal(expected, single.Root);
    });

    [Fact(Timeout = 10_000)]
    public async Task EdgeKeysAndValues_EmptyKeyEmptyValuesPrefixKeys() => await Task.Run(() =>
    {
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var trie = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);

        void Apply(params (byte[] Key, byte[]? Value)[] changes)
        {
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    model.Remove(key);
                }
                else
                {
                    model[key] = value;
                }
            }

            trie.Apply(changes.Select(c => new KeyValuePair<byte[], byte[]?>(c.Key, c.Value)));
            Assert.Equal(StateTrie.ComputeRoot(model), trie.Root);
            foreach (var (key, value) in model)
            {
                Assert.Equal(value, trie.Get(key));
            }
        }

        Apply(([], []));
        Assert.NotEqual(StateTrie.EmptyRoot, trie.Root);
        Assert.Equal<byte[]?>([], trie.Get([]));
        Apply(([0x12], [1]), ([0x12, 0x34], []), ([0x12, 0x34, 0x56], [3]));
        Apply(([0x12, 0x30], [4]));
        Apply(([0x12], null));
        Apply(([], null));
        Assert.Null(trie.Get([]));
        Apply(([0x12, 0x34], null));
        Apply(([0x12, 0x34, 0x56], null), ([0x12, 0x30], null));
        Assert.Equal(StateTrie.EmptyRoot, trie.Root);

        // An empty value and an absent key are different states.
        Apply(([0x01], []));
        Assert.NotEqual(StateTrie.EmptyRoot, trie.Root);
        Assert.Equal<byte[]?>([], trie.Get([0x01]));
        Assert.Null(trie.Get([0x02]));

        // A later change to the same key in one batch wins; a delete then a re-insert leaves the key present.
        Apply(([0x05], [1]), ([0x05], [2]), ([0x06], [1]), ([0x06], null), ([0x07], null), ([0x07], [7]));
        Assert.Equal<byte[]?>([2], trie.Get([0x05]));
        Assert.Null(trie.Get([0x06]));

        // Deleting an absent key, or rewriting a value with itself, leaves the root as it was.
        var before = trie.Root;
        Apply(([0x99], null), ([0x05, 0x00], null), ([0x05], [2]));
        Assert.Equal(before, trie.Root);

        // No changes at all.
        Assert.Equal(before, trie.Apply([]));
    });

    [Fact(Timeout = 10_000)]
    public async Task EmptyTrie_RootIsTheHashOfTheEmptyNode_AndApplyOfNothingKeepsIt() => await Task.Run(() =>
    {
        Assert.Equal(Hash32.Of([0x00]), StateTrie.EmptyRoot);
        Assert.Equal(StateTrie.EmptyRoot, StateTrie.ComputeRoot([]));
        var trie = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);
        Assert.Equal(StateTrie.EmptyRoot, trie.Apply([]));
        Assert.Equal(StateTrie.EmptyRoot, trie.Apply([new([1, 2], null)]));
        Assert.Null(trie.Get([1, 2]));
        Assert.Null(trie.Get([]));
    });

    [Fact(Timeout = 10_000)]
    public async Task MissingNode_ApplyThrows_AndLeavesTheRoot() => await Task.Run(() =>
    {
        var store = new InMemoryTrieNodeStore();
        var trie = new StateTrie(store, StateTrie.EmptyRoot);
        trie.Apply([new([1], [1]), new([2], [2])]);

        var unknown = new StateTrie(new InMemoryTrieNodeStore(), trie.Root);
        Assert.Throws<InvalidOperationException>(() => unknown.Apply([new([3], [3])]));
        Assert.Equal(trie.Root, unknown.Root);
        Assert.Throws<InvalidOperationException>(() => unknown.Get([1]));
    });

    [Fact(Timeout = 10_000)]
    public async Task ComputeRoot_RejectsARepeatedKey() => await Task.Run(() =>
        Assert.Throws<ArgumentException>(() => StateTrie.ComputeRoot([new([1], [1]), new([1], [2])])));

    private static void Shuffle<T>(Random random, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
