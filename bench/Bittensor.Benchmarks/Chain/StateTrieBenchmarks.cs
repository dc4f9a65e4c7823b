using BenchmarkDotNet.Attributes;
using Bittensor.Node.State;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Benchmarks.Chain;

/// <summary>
/// A block's worth of state changes (200 keys overwritten) applied to a state trie of 100,000 entries: the nodes on
/// the 200 paths are loaded, rewritten, re-encoded and hashed, and the new root computed. Keys are storage-like (a
/// shared 32-byte prefix, then a 16-byte hash), values 40 bytes. Baseline: Blake2b-256 of the same 200 values alone,
/// in the same run, so the ratio says what the trie adds over hashing the changed data once.
/// </summary>
[MemoryDiagnoser]
public class StateTrieBenchmarks
{
    private const int Entries = 100_000;
    private const int Changed = 200;
    private InMemoryTrieNodeStore _store = null!;
    private Hash32 _root;
    private KeyValuePair<byte[], byte[]?>[] _changes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = new InMemoryTrieNodeStore();
        var trie = new StateTrie(_store, StateTrie.EmptyRoot);
        _root = trie.Apply(Enumerable.Range(0, Entries).Select(i => new KeyValuePair<byte[], byte[]?>(Key(i), Value(i, 0))));

        // Spread the changed keys over the whole trie.
        _changes = [.. Enumerable.Range(0, Changed).Select(i => new KeyValuePair<byte[], byte[]?>(Key(i * (Entries / Changed)), Value(i, 1)))];
        var after = new StateTrie(_store, _root).Apply(_changes);
        if (after == _root || new StateTrie(_store, after).Get(_changes[0].Key) is not { } v || !v.AsSpan().SequenceEqual(_changes[0].Value))
        {
            throw new InvalidOperationException("The benchmark changes do not apply.");
        }
    }

    [Benchmark(Baseline = true, Description = "Blake2b-256 of 200 values")]
    public int HashValues()
    {
        var acc = 0;
        foreach (var (_, value) in _changes)
        {
            acc += Hashes.Blake2b256(value)[0];
        }

        return acc;
    }

    [Benchmark(Description = "StateTrie.Apply of 200 changes, 100k entries")]
    public Hash32 Apply() => new StateTrie(_store, _root).Apply(_changes);

    private static byte[] Key(int i)
    {
        var key = new byte[48];
        "bench-prefix-for-state-trie-key!"u8.CopyTo(key);
        Hashes.Blake2b128(BitConverter.GetBytes(i)).CopyTo(key, 32);
        return key;
    }

    private static byte[] Value(int i, int version)
    {
        var value = new byte[40];
        BitConverter.TryWriteBytes(value, i);
        BitConverter.TryWriteBytes(value.AsSpan(4), version);
        return value;
    }
}
