using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Tests.Crypto;

/// <summary>The MultiSignature-style tagged signature: construction, SCALE encoding and decoding, equality.</summary>
public sealed class SignatureTests
{
    private static readonly byte[] Bytes64 = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(SignatureScheme.Ed25519, 0)]
    [InlineData(SignatureScheme.Sr25519, 1)]
    public void Encoding_IsTheTagByteThenTheBytes(SignatureScheme scheme, byte tag)
    {
        var signature = new Signature(scheme, Bytes64);
        var encoded = signature.Encode();
        Assert.Equal(Signature.EncodedSize, encoded.Length);
        Assert.Equal(tag, encoded[0]);
        Assert.Equal(Bytes64, encoded[1..]);

        var writer = new ScaleWriter();
        signature.Write(writer);
        Assert.Equal(encoded, writer.ToArray());

        var decoded = Signature.Decode(encoded);
        Assert.Equal(signature, decoded);
        Assert.Equal(scheme, decoded.Scheme);
        Assert.Equal(Bytes64, decoded.ToArray());
    }

    [Theory]
    [InlineData(2, "ECDSA")]
    [InlineData(3, "unknown scheme tag 3")]
    [InlineData(255, "unknown scheme tag 255")]
    public void UnknownTag_IsAScaleFormatException(byte tag, string expected)
    {
        var encoded = new byte[Signature.EncodedSize];
        encoded[0] = tag;
        var error = Assert.Throws<ScaleFormatException>(() => Signature.Decode(encoded));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedOrPadded_IsAScaleFormatException()
    {
        var encoded = new Signature(SignatureScheme.Ed25519, Bytes64).Encode();
        for (var cut = 0; cut < encoded.Length; cut++)
        {
            var prefix = encoded[..cut];
            Assert.Throws<ScaleFormatException>(() => Signature.Decode(prefix));
        }

        Assert.Throws<ScaleFormatException>(() => Signature.Decode([.. encoded, 0]));
    }

    [Fact]
    public void ReadFromAStream_LeavesTheRestForTheNextField()
    {
        var writer = new ScaleWriter();
        new Signature(SignatureScheme.Sr25519, Bytes64).Write(writer);
        writer.WriteU32(77);
        var reader = new ScaleReader(writer.WrittenSpan);
        var signature = Signature.Read(ref reader);
        Assert.Equal(SignatureScheme.Sr25519, signature.Scheme);
        Assert.Equal(77u, reader.ReadU32());
        reader.EnsureEnd("extrinsic");
    }

    [Fact]
    public void Constructor_ChecksLengthAndScheme()
    {
        Assert.Throws<ArgumentException>(() => new Signature(SignatureScheme.Ed25519, new byte[63]));
        Assert.Throws<ArgumentException>(() => new Signature(SignatureScheme.Ed25519, new byte[65]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Signature((SignatureScheme)2, Bytes64));
    }

    [Fact]
    public void Constructor_CopiesTheInput()
    {
        var bytes = (byte[])Bytes64.Clone();
        var signature = new Signature(SignatureScheme.Ed25519, bytes);
        bytes[0] ^= 0xff;
        Assert.Equal(Bytes64, signature.ToArray());
    }

    [Fact]
    public void Equality_UsesSchemeAndBytes()
    {
        var a = new Signature(SignatureScheme.Ed25519, Bytes64);
        var b = new Signature(SignatureScheme.Ed25519, Bytes64);
        var c = new Signature(SignatureScheme.Sr25519, Bytes64);
        var other = (byte[])Bytes64.Clone();
        other[63] ^= 1;
        var d = new Signature(SignatureScheme.Ed25519, other);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.True(a != d);
        Assert.False(a.Equals((object)"x"));
    }

    [Fact]
    public void Default_IsAnAllZeroEd25519Signature()
    {
        var signature = default(Signature);
        Assert.Equal(SignatureScheme.Ed25519, signature.Scheme);
        Assert.Equal(new byte[64], signature.ToArray());
        Assert.Equal(Signature.EncodedSize, signature.Encode().Length);
    }

    [Fact]
    public void ToString_ShowsSchemeAndHex()
    {
        var text = new Signature(SignatureScheme.Sr25519, Bytes64).ToString();
        Assert.Equal("Sr25519:0x" + Hex.Encode(Bytes64), text);
    }
}
