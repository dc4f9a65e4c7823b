namespace Bittensor.Runtime.Storage;

/// <summary>
/// Uncommitted changes on top of another store: reads fall through to the parent, writes and removals stay
/// here until <see cref="Commit"/> applies them to the parent; dropping the overlay discards them. Overlays nest,
/// which is how a call runs inside a block and a block inside the chain.
/// <para>
/// The changed keys are kept in the order they were first written; their sorted set (for <see cref="Changes"/> and
/// <see cref="Scan"/>) is built on the first call that needs it and kept up to date from then on, so the many
/// short-lived layers that only write and commit (one per call) never sort anything.
/// </para>
/// </summary>
public sealed class StateOverlay(IKeyValueStore parent) : IKeyValueStore
{
    private readonly Dictionary<byte[], byte[]?> _changes = new(ByteArrayComparer.Instance);
    private readonly List<byte[]> _written = [];
    private SortedSet<byte[]>? _sortedKeys;

    public IKeyValueStore Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    /// <summary>The pending changes in key order: a null value is a removal.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]?>> Changes
    {
        get
        {
            foreach (var key in SortedKeys)
            {
                yield return new(key, _changes[key]);
            }
        }
    }

    public int ChangeCount => _changes.Count;

    private SortedSet<byte[]> SortedKeys => _sortedKeys ??= new SortedSet<byte[]>(_written, ByteArrayComparer.Instance);

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
            Added(key);
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
            Added(key);
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
        if (_written.Count == 0)
        {
            yield break;
        }

        var sorted = SortedKeys;
        if (prefix.AsSpan().SequenceCompareTo(sorted.Max) > 0)
        {
            yield break;
        }

        var end = KeyRange.PrefixEnd(prefix);
        var max = sorted.Max!;
        var upper = end is null || ByteArrayComparer.Instance.Compare(end, max) > 0 ? max : end;
        foreach (var key in sorted.GetViewBetween(prefix, upper))
        {
            if (!key.AsSpan().StartsWith(prefix))
            {
                yield break;
            }

            yield return new(key, _changes[key]);
        }
    }

    /// <summary>Applies every pending change to the parent (in the order the keys were first written) and forgets them.</summary>
    public void Commit()
    {
        foreach (var key in _written)
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
        _written.Clear();
        _sortedKeys = null;
    }

    private void Added(byte[] key)
    {
        _written.Add(key);
        _sortedKeys?.Add(key);
    }
}
