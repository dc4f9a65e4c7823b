namespace Bittensor.Runtime.Storage;

/// <summary>
/// A key-value store in memory: a hash map for point reads and a sorted key set for ordered prefix scans.
/// </summary>
public sealed class InMemoryKeyValueStore : IKeyValueStore
{
    private readonly Dictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
    private readonly SortedSet<byte[]> _keys = new(ByteArrayComparer.Instance);

    public int Count => _values.Count;

    public byte[]? Get(ReadOnlySpan<byte> key) =>
        _values.GetAlternateLookup<ReadOnlySpan<byte>>() is var lookup && lookup.TryGetValue(key, out var v) ? v : null;

    public void Set(byte[] key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_values.TryAdd(key, value))
        {
            _keys.Add(key);
        }
        else
        {
            _values[key] = value;
        }
    }

    public void Remove(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_values.Remove(key))
        {
            _keys.Remove(key);
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (var key in KeysFrom(prefix))
        {
            if (!key.AsSpan().StartsWith(prefix))
            {
                yield break;
            }

            yield return new(key, _values[key]);
        }
    }

    /// <summary>Every entry, in key order.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> All()
    {
        foreach (var key in _keys)
        {
            yield return new(key, _values[key]);
        }
    }

    private IEnumerable<byte[]> KeysFrom(byte[] prefix)
    {
        if (_keys.Count == 0)
        {
            return [];
        }

        var end = KeyRange.PrefixEnd(prefix);
        var max = _keys.Max!;
        if (prefix.AsSpan().SequenceCompareTo(max) > 0)
        {
            return [];
        }

        var upper = end is null || ByteArrayComparer.Instance.Compare(end, max) > 0 ? max : end;
        return _keys.GetViewBetween(prefix, upper);
    }
}
