using System.Text;
using Bittensor.Primitives.Hashing;
using Org.BouncyCastle.Crypto.Digests;

namespace Bittensor.Primitives.Tests.Hashing;

/// <summary>Published digests of Blake2b, Keccak-256 and SHA-256, and Keccak-256 against a second implementation.</summary>
public sealed class HashesTests
{
    private static readonly byte[] Abc = "abc"u8.ToArray();

    [Fact]
    public void Blake2b512_OfAbc_IsTheRfc7693Example()
    {
        // RFC 7693, Appendix A.
        Assert.Equal(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
            Hex.Encode(Hashes.Blake2b(Abc, 64)));
    }

    [Fact]
    public void Blake2b256_KnownDigests()
    {
        Assert.Equal("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8", Hex.Encode(Hashes.Blake2b256([])));
        Assert.Equal("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", Hex.Encode(Hashes.Blake2b256(Abc)));
    }

    [Fact]
    public void Blake2b128_KnownDigests()
    {
        // Blake2b with a 16-byte output (a different parameter block, not a truncated Blake2b-256).
        Assert.Equal("cae66941d9efbd404e4d88758ea67670", Hex.Encode(Hashes.Blake2b128([])));
        Assert.Equal("cf4ab791c62b8d2b2109c90275287816", Hex.Encode(Hashes.Blake2b128(Abc)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Blake2b_RejectsOutputLengthsOutside1To64(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Hashes.Blake2b(Abc, length));

    [Fact]
    public void Keccak256_KnownDigests()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.Encode(Hashes.Keccak256([])));
        Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Hex.Encode(Hashes.Keccak256(Abc)));
        Assert.Equal(
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15",
            Hex.Encode(Hashes.Keccak256(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog"))));
    }

    [Fact]
    public void Keccak256_IsNotSha3()
    {
        // SHA3-256("abc") from FIPS 202's examples: same permutation, different padding byte.
        Assert.NotEqual("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", Hex.Encode(Hashes.Keccak256(Abc)));
    }

    [Fact]
    public void Blake2b_AgreesWithBouncyCastle_ForEveryOutputLengthAndBlockBoundary()
    {
        var random = new Random(3);
        foreach (var length in new[] { 0, 1, 127, 128, 129, 255, 256, 257, 1000 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            foreach (var outputBytes in new[] { 1, 16, 20, 32, 48, 64 })
            {
                var digest = new Blake2bDigest(outputBytes * 8);
                digest.BlockUpdate(data, 0, data.Length);
                var expected = new byte[outputBytes];
                digest.DoFinal(expected, 0);
                Assert.Equal(expected, Hashes.Blake2b(data, outputBytes));
                var into = new byte[outputBytes];
                Hashes.Blake2b(data, into);
                Assert.Equal(expected, into);
            }
        }

        Assert.Throws<ArgumentException>(() => Hashes.Blake2b([], new byte[65]));
        Assert.Throws<ArgumentException>(() => Hashes.Blake2b([], Span<byte>.Empty));
    }

    [Fact]
    public void Keccak256_AgreesWithBouncyCastle_OnEveryLengthAroundTheRate()
    {
        // Lengths 0..300 cover the empty input, the padding bytes meeting in one byte (135), an exactly full block
        // (136) and multi-block inputs; then random longer inputs.
        var random = new Random(17);
        var lengths = Enumerable.Range(0, 301).Concat(Enumerable.Range(0, 200).Select(_ => random.Next(300, 5000)));
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(BouncyCastleKeccak256(data), Hashes.Keccak256(data));
        }
    }

    [Fact]
    public void Keccak256_SpanOverload_WritesIntoTheDestination_AndChecksItsSize()
    {
        Span<byte> destination = stackalloc byte[40];
        destination.Fill(0xee);
        Hashes.Keccak256(Abc, destination);
        Assert.Equal(Hashes.Keccak256(Abc), destination[..32].ToArray());
        Assert.True(destination[32..].ToArray().All(b => b == 0xee));
        Assert.Throws<ArgumentException>(() => Hashes.Keccak256(Abc, new byte[31]));
    }

    [Fact]
    public void Sha256_StandardVectors()
    {
        // FIPS 180-2 examples and the empty message.
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex.Encode(Hashes.Sha256([])));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Encode(Hashes.Sha256(Abc)));
        Assert.Equal(
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            Hex.Encode(Hashes.Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8)));
        Assert.Equal(
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            Hex.Encode(Hashes.Sha256(Enumerable.Repeat((byte)'a', 1_000_000).ToArray())));
    }

    [Fact]
    public void Sha256_SpanOverload_WritesIntoTheDestination_AndChecksItsSize()
    {
        var destination = new byte[32];
        Hashes.Sha256(Abc, destination);
        Assert.Equal(Hashes.Sha256(Abc), destination);
        Assert.Throws<ArgumentException>(() => Hashes.Sha256(Abc, new byte[16]));
    }

    private static byte[] BouncyCastleKeccak256(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
