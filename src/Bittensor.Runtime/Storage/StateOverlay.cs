namespace Bittensor.Runtime.Storage;

/// <summary>
/// Uncommitted changes on top of another store: reads fall through to the parent, writes and removals stay
/// here until <see cref="Commit"/> applies them to the parent; dropping the overlay discards them. Overlays nest,
/// which is how a call runs inside a block and a block inside the chain.
/// </summary>
public sealed class StateOverlay(IKeyValueStore parent) : IKeyValueStore
{
    private readonly Dictionary<byte[], byte[]?> _changes = new(ByteArrayComparer.Instance);
    private readonly SortedSet<byte[]> _changedKeys = new(ByteArrayComparer.Instance);

    public IKeyValueStore Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    /// <summary>The pending changes in key order: a null value is a removal.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]?>> Changes
    {
        get
        {
            foreach (var key in _changedKeys)
            {
                yield return new(key, _changes[key]);
            }
        }
    }

    public int ChangeCount => _changes.Count;

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        if (_changes.Count > 0 && _changes.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var v))
        {
            return v;
        }

        return Parent.Get(key);
    }

    public void Set(byte[] key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_changes.TryAdd(key, value))
        {
            _changedKeys.Add(key);
        }
        else
        {
            _changes[key] = value;
        }
    }

    public void Remove(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_changes.TryAdd(key, null))
        {
            _changedKeys.Add(key);
        }
        else
        {
            _changes[key] = null;
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var mine = ChangesWithPrefix(prefix).ToList();
        if (mine.Count == 0)
        {
            foreach (var kv in Parent.Scan(prefix))
            {
                yield return kv;
            }

            yield break;
        }

        var comparer = ByteArrayComparer.Instance;
        using var below = Parent.Scan(prefix).GetEnumerator();
        var hasBelow = below.MoveNext();
        var i = 0;
        while (hasBelow || i < mine.Count)
        {
            int order;
            if (!hasBelow)
            {
                order = 1;
            }
            else if (i >= mine.Count)
            {
                order = -1;
            }
            else
            {
                order = comparer.Compare(below.Current.Key, mine[i].Key);
            }

            if (order < 0)
            {
                yield return below.Current;
                hasBelow = below.MoveNext();
                continue;
            }

            if (order == 0)
            {
                hasBelow = below.MoveNext();
            }

            if (mine[i].Value is { } value)
            {
                yield return new(mine[i].Key, value);
            }

            i++;
        }
    }

    private IEnumerable<KeyValuePair<byte[], byte[]?>> ChangesWithPrefix(byte[] prefix)
    {
        if (_changedKeys.Count == 0 || prefix.AsSpan().SequenceCompareTo(_changedKeys.Max) > 0)
        {
            yield break;
        }

        var end = KeyRange.PrefixEnd(prefix);
        var max = _changedKeys.Max!;
        var upper = end is null || ByteArrayComparer.Instance.Compare(end, max) > 0 ? max : end;
        foreach (var key in _changedKeys.GetViewBetween(prefix, upper))
        {
            if (!key.AsSpan().StartsWith(prefix))
            {
                yield break;
            }

            yield return new(key, _changes[key]);
        }
    }

    /// <summary>Applies every pending change to the parent and forgets them.</summary>
    public void Commit()
    {
        foreach (var key in _changedKeys)
        {
            var value = _changes[key];
            if (value is null)
            {
                Parent.Remove(key);
            }
            else
            {
                Parent.Set(key, value);
            }
        }

        Discard();
    }

    /// <summary>Drops every pending change.</summary>
    public void Discard()
    {
        _changes.Clear();
        _changedKeys.Clear();
    }
}
