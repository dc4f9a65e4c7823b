using System.Collections.Concurrent;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Contracts.Storage;

/// <summary>
/// Storage keys: <c>Blake2b-128(module) ‖ Blake2b-128(item)</c>, then the SCALE encoding of each map key
/// concatenated as is (no hashing), so a map iterates in the byte order of its encoded keys and a double map
/// can be walked by its first key.
/// </summary>
public static class StorageKeys
{
    // A runtime is built for every query and every pooled transaction's check, each time with hundreds of storage
    // items: their prefixes are computed once per process.
    private static readonly ConcurrentDictionary<(string Module, string Item), byte[]> Prefixes = new();

    /// <summary>The 32-byte prefix of an item (a fresh copy the caller may keep).</summary>
    public static byte[] Prefix(string module, string item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(item);
        return (byte[])Prefixes.GetOrAdd((module, item), static k => Compute(k.Module, k.Item)).Clone();
    }

    private static byte[] Compute(string module, string item)
    {
        var key = new byte[32];
        Hashes.Blake2b128(System.Text.Encoding.UTF8.GetBytes(module)).CopyTo(key, 0);
        Hashes.Blake2b128(System.Text.Encoding.UTF8.GetBytes(item)).CopyTo(key, 16);
        return key;
    }
}
