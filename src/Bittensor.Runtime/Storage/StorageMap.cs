using Bittensor.Contracts.Storage;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Storage;

/// <summary>A typed map in storage: key → value, iterated in the byte order of the SCALE-encoded keys.</summary>
public sealed class StorageMap<TKey, TValue>(
    StateAccess state, string module, string name, IScaleCodec<TKey> keyCodec, IScaleCodec<TValue> valueCodec, TValue defaultValue)
{
    private readonly byte[] _prefix = StorageKeys.Prefix(module, name);

    public string Name { get; } = name;

    public byte[] Prefix => _prefix;

    public byte[] KeyOf(TKey key) => ScratchWriters.ToArrayAndReturn(WriteKey(key));

    /// <summary>The key in a rented writer: looked up from its span, with no array of its own.</summary>
    private ScaleWriter WriteKey(TKey key)
    {
        var w = ScratchWriters.Rent();
        w.WriteFixed(_prefix);
        keyCodec.Encode(w, key);
        return w;
    }

    private byte[]? Read(TKey key)
    {
        var w = WriteKey(key);
        var bytes = state.Store.Get(w.WrittenSpan);
        ScratchWriters.Return(w);
        return bytes;
    }

    public bool Contains(TKey key) => Read(key) is not null;

    public TValue Get(TKey key) => Read(key) is { } bytes ? Codecs.Decode(valueCodec, bytes) : defaultValue;

    public bool TryGet(TKey key, out TValue value)
    {
        if (Read(key) is { } bytes)
        {
            value = Codecs.Decode(valueCodec, bytes);
            return true;
        }

        value = defaultValue;
        return false;
    }

    public void Set(TKey key, TValue value) => state.Store.Set(KeyOf(key), Codecs.Encode(valueCodec, value));

    public void Remove(TKey key) => state.Store.Remove(KeyOf(key));

    /// <summary>Reads, changes and writes one entry (the default when absent).</summary>
    public TValue Mutate(TKey key, Func<TValue, TValue> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var v = change(Get(key));
        Set(key, v);
        return v;
    }

    /// <summary>Every entry in key order, read into a list (so the caller may write while walking it).</summary>
    public List<(TKey Key, TValue Value)> Entries()
    {
        var list = new List<(TKey, TValue)>();
        foreach (var (k, v) in state.Store.Scan(_prefix))
        {
            var r = new ScaleReader(k.AsSpan(_prefix.Length));
            var key = keyCodec.Decode(ref r);
            r.EnsureEnd(Name + " key");
            list.Add((key, Codecs.Decode(valueCodec, v)));
        }

        return list;
    }

    /// <summary>Every key in key order.</summary>
    public List<TKey> Keys() => Entries().ConvertAll(e => e.Key);

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        foreach (var (k, _) in state.Store.Scan(_prefix).ToList())
        {
            state.Store.Remove(k);
        }
    }
}
