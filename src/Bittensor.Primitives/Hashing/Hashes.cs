using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Bittensor.Primitives.Hashing;

/// <summary>The hash functions of the chain: Blake2b (256 and 128 bits), Keccak-256 (original padding) and SHA-256.</summary>
public static class Hashes
{
    public static byte[] Blake2b256(ReadOnlySpan<byte> data) => Blake2b(data, 32);

    public static byte[] Blake2b128(ReadOnlySpan<byte> data) => Blake2b(data, 16);

    public static byte[] Blake2b(ReadOnlySpan<byte> data, int outputBytes)
    {
        var digest = new Blake2bDigest(outputBytes * 8);
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[outputBytes];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>Keccak-256 as Ethereum and the PoW seal use it (padding 0x01), not SHA3-256.</summary>
    public static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);
}
