using System.Security.Cryptography;
using Bittensor.Primitives.Crypto;

namespace Bittensor.Primitives.Hashing;

/// <summary>
/// The hash functions of the chain: Blake2b (256 and 128 bits; libsodium's <c>crypto_generichash</c>), Keccak-256
/// (original padding; our own) and SHA-256 (the platform's).
/// </summary>
public static class Hashes
{
    public static byte[] Blake2b256(ReadOnlySpan<byte> data) => Blake2b(data, 32);

    public static byte[] Blake2b128(ReadOnlySpan<byte> data) => Blake2b(data, 16);

    /// <summary>Unkeyed Blake2b with an output of <paramref name="outputBytes"/> bytes (1 to 64).</summary>
    public static byte[] Blake2b(ReadOnlySpan<byte> data, int outputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputBytes, 64);
        var output = new byte[outputBytes];
        Blake2b(data, output);
        return output;
    }

    /// <summary>
    /// Unkeyed Blake2b of <paramref name="data"/> with an output as long as <paramref name="destination"/> (1 to 64
    /// bytes; the length is a Blake2b parameter, so a 16-byte output is not a truncated 32-byte one). No allocation.
    /// </summary>
    public static void Blake2b(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length is < 1 or > 64)
        {
            throw new ArgumentException($"Blake2b writes 1 to 64 bytes; the destination has {destination.Length}.", nameof(destination));
        }

        Sodium.EnsureReady();
        if (Sodium.GenericHash(destination, (nuint)destination.Length, data, (ulong)data.Length, ReadOnlySpan<byte>.Empty, 0) != 0)
        {
            throw new InvalidOperationException("libsodium's Blake2b failed.");
        }
    }

    /// <summary>Keccak-256 as Ethereum and the PoW seal use it (padding 0x01), not SHA3-256.</summary>
    public static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        var output = new byte[32];
        Keccak.Hash256(data, output);
        return output;
    }

    /// <summary>Keccak-256 into the first 32 bytes of <paramref name="destination"/>, without allocating.</summary>
    public static void Keccak256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException($"Keccak-256 writes 32 bytes; the destination has {destination.Length}.", nameof(destination));
        }

        Keccak.Hash256(data, destination);
    }

    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    /// <summary>SHA-256 into the first 32 bytes of <paramref name="destination"/>, without allocating.</summary>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException($"SHA-256 writes 32 bytes; the destination has {destination.Length}.", nameof(destination));
        }

        SHA256.HashData(data, destination);
    }
}
