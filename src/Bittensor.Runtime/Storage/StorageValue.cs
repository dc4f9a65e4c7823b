using Bittensor.Contracts.Storage;

namespace Bittensor.Runtime.Storage;

/// <summary>A single typed value in storage, with the default returned when it was never set.</summary>
public sealed class StorageValue<T>(StateAccess state, string module, string name, IScaleCodec<T> codec, T defaultValue)
{
    private readonly byte[] _key = StorageKeys.Prefix(module, name);

    public string Name { get; } = name;

    public byte[] Key => _key;

    public bool Exists => state.Store.Get(_key) is not null;

    public T Get() => state.Store.Get(_key) is { } bytes ? Codecs.Decode(codec, bytes) : defaultValue;

    public void Set(T value) => state.Store.Set(_key, Codecs.Encode(codec, value));

    public void Remove() => state.Store.Remove(_key);
}
