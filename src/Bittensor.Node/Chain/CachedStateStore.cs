using System.Collections.Concurrent;
using Bittensor.Runtime.Storage;

namespace Bittensor.Node.Chain;

/// <summary>
/// The committed state with a read cache in front of the database: values (and absences) read once are answered
/// from memory until a block changes them. <see cref="NodeChain"/> keeps it exact: it reads only under its best-state
/// lock or on the thread that commits, pins the current values of a block's keys (<see cref="Pin"/>) before the
/// database commit and applies the block's changes here under the write lock right after it. Scans go to the database (they need its order). The cache forgets everything when it passes its
/// capacity.
/// </summary>
internal sealed class CachedStateStore(IKeyValueStore committed, int capacity = 1 << 21) : IKeyValueStore
{
    private readonly ConcurrentDictionary<byte[], byte[]?> _cache = new(ByteContentComparer.Instance);

    public int Count => _cache.Count;

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var value = committed.Get(key);

        // A key pinned meanwhile (see Pin) holds the value of the state readers are at; it wins over what was read.
        return lookup.TryAdd(key, value) || !lookup.TryGetValue(key, out var pinned) ? value : pinned;
    }

    /// <summary>
    /// Makes the cache hold the current value of every key in <paramref name="changes"/> before a commit writes the
    /// new ones to the database, so readers keep seeing the current state until <see cref="Apply"/> (under the chain's
    /// write lock) replaces them.
    /// </summary>
    public void Pin(IEnumerable<KeyValuePair<byte[], byte[]?>> changes)
    {
        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        foreach (var (key, _) in changes)
        {
            if (!lookup.ContainsKey(key))
            {
                _cache.TryAdd(key, committed.Get(key));
            }
        }
    }

    public void Set(byte[] key, byte[] value) => committed.Set(key, value);

    public void Remove(byte[] key) => committed.Remove(key);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix) => committed.Scan(prefix);

    /// <summary>Mirrors a committed block's changes (null removes).</summary>
    public void Apply(IEnumerable<KeyValuePair<byte[], byte[]?>> changes)
    {
        if (_cache.Count > capacity)
        {
            _cache.Clear();
        }

        foreach (var (key, value) in changes)
        {
            _cache[key] = value;
        }
    }

    /// <summary>Forgets everything (after a failed commit, whose outcome in the database is then re-read).</summary>
    public void Clear() => _cache.Clear();
}
