namespace Bittensor.Runtime.Storage;

/// <summary>
/// The raw state: SCALE-encoded keys to SCALE-encoded values. Iteration is in ascending byte order of the keys,
/// so every walk over a map is deterministic. The runtime sees only this interface; the node supplies a
/// persistent implementation, tests and simulations the in-memory one.
/// </summary>
public interface IKeyValueStore
{
    /// <summary>The value at <paramref name="key"/>, or null when absent.</summary>
    byte[]? Get(ReadOnlySpan<byte> key);

    void Set(byte[] key, byte[] value);

    void Remove(byte[] key);

    /// <summary>Every entry whose key starts with <paramref name="prefix"/>, in ascending key order.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix);
}
