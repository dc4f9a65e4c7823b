using Bittensor.Contracts.Storage;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Storage;

/// <summary>
/// A typed map with a two-part key. Entries sharing the first key are contiguous in key order, so they can be
/// walked or cleared by the first key alone.
/// </summary>
public sealed class StorageDoubleMap<TKey1, TKey2, TValue>(
    StateAccess state,
    string module,
    string name,
    IScaleCodec<TKey1> key1Codec,
    IScaleCodec<TKey2> key2Codec,
    IScaleCodec<TValue> valueCodec,
    TValue defaultValue)
{
    private readonly byte[] _prefix = StorageKeys.Prefix(module, name);

    public string Name { get; } = name;

    public byte[] Prefix => _prefix;

    public byte[] KeyOf(TKey1 key1, TKey2 key2) => ScratchWriters.ToArrayAndReturn(WriteKey(key1, key2));

    /// <summary>The key in a rented writer: looked up from its span, with no array of its own.</summary>
    private ScaleWriter WriteKey(TKey1 key1, TKey2 key2)
    {
        var w = ScratchWriters.Rent();
        w.WriteFixed(_prefix);
        key1Codec.Encode(w, key1);
        key2Codec.Encode(w, key2);
        return w;
    }

    private byte[]? Read(TKey1 key1, TKey2 key2)
    {
        var w = WriteKey(key1, key2);
        var bytes = state.Store.Get(w.WrittenSpan);
        ScratchWriters.Return(w);
        return bytes;
    }

    public byte[] PrefixOf(TKey1 key1)
    {
        var w = new ScaleWriter(64);
        w.WriteFixed(_prefix);
        key1Codec.Encode(w, key1);
        return w.ToArray();
    }

    public bool Contains(TKey1 key1, TKey2 key2) => Read(key1, key2) is not null;

    public TValue Get(TKey1 key1, TKey2 key2) =>
        Read(key1, key2) is { } bytes ? Codecs.Decode(valueCodec, bytes) : defaultValue;

    public bool TryGet(TKey1 key1, TKey2 key2, out TValue value)
    {
        if (Read(key1, key2) is { } bytes)
        {
            value = Codecs.Decode(valueCodec, bytes);
            return true;
        }

        value = defaultValue;
        return false;
    }

    public void Set(TKey1 key1, TKey2 key2, TValue value) => state.Store.Set(KeyOf(key1, key2), Codecs.Encode(valueCodec, value));

    public void Remove(TKey1 key1, TKey2 key2) => state.Store.Remove(KeyOf(key1, key2));

    public TValue Mutate(TKey1 key1, TKey2 key2, Func<TValue, TValue> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var v = change(Get(key1, key2));
        Set(key1, key2, v);
        return v;
    }

    /// <summary>Every entry under <paramref name="key1"/>, in key order, read into a list.</summary>
    public List<(TKey2 Key2, TValue Value)> Entries(TKey1 key1)
    {
        var prefix = PrefixOf(key1);
        var list = new List<(TKey2, TValue)>();
        foreach (var (k, v) in state.Store.Scan(prefix))
        {
            var r = new ScaleReader(k.AsSpan(prefix.Length));
            var key2 = key2Codec.Decode(ref r);
            r.EnsureEnd(Name + " key");
            list.Add((key2, Codecs.Decode(valueCodec, v)));
        }

        return list;
    }

    /// <summary>Every entry of the map, in key order, read into a list.</summary>
    public List<(TKey1 Key1, TKey2 Key2, TValue Value)> All()
    {
        var list = new List<(TKey1, TKey2, TValue)>();
        foreach (var (k, v) in state.Store.Scan(_prefix))
        {
            var r = new ScaleReader(k.AsSpan(_prefix.Length));
            var key1 = key1Codec.Decode(ref r);
            var key2 = key2Codec.Decode(ref r);
            r.EnsureEnd(Name + " key");
            list.Add((key1, key2, Codecs.Decode(valueCodec, v)));
        }

        return list;
    }

    /// <summary>Removes every entry under <paramref name="key1"/>.</summary>
    public void RemovePrefix(TKey1 key1)
    {
        foreach (var (k, _) in state.Store.Scan(PrefixOf(key1)).ToList())
        {
            state.Store.Remove(k);
        }
    }
}
