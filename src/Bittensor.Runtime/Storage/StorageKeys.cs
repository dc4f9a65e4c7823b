using Bittensor.Primitives.Hashing;

namespace Bittensor.Runtime.Storage;

/// <summary>
/// Storage keys: <c>Blake2b-128(module) ‖ Blake2b-128(item)</c>, then the SCALE encoding of each map key
/// concatenated as is (no hashing), so a map iterates in the byte order of its encoded keys and a double map
/// can be walked by its first key.
/// </summary>
public static class StorageKeys
{
    public static byte[] Prefix(string module, string item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(item);
        var key = new byte[32];
        Hashes.Blake2b128(System.Text.Encoding.UTF8.GetBytes(module)).CopyTo(key, 0);
        Hashes.Blake2b128(System.Text.Encoding.UTF8.GetBytes(item)).CopyTo(key, 16);
        return key;
    }
}
