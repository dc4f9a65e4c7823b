using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Tests.Blocks;

/// <summary>The block header: its layout, round trip, author signature and hash, and tampering of every field.</summary>
public sealed class BlockHeaderTests
{
    internal static BlockHeader Unsigned(ulong number = 1_234) => new(
        Hash32.Of("parent"u8),
        number,
        Hash32.Of("state"u8),
        Hash32.Of("extrinsics"u8),
        1_700_000_000_123,
        DevAccounts.Alice.PublicKey,
        default);

    [Fact]
    public void Encode_FollowsTheDocumentedLayout_AndRoundTrips()
    {
        var header = Unsigned(5).SignedBy(DevAccounts.Alice);
        var encoded = header.Encode();
        Assert.Equal(32 + 1 + 32 + 32 + 8 + 32 + 65, encoded.Length);
        Assert.Equal(header.ParentHash.ToArray(), encoded[..32]);
        Assert.Equal(0x14, encoded[32]);
        Assert.Equal(header.StateRoot.ToArray(), encoded[33..65]);
        Assert.Equal(header.ExtrinsicsRoot.ToArray(), encoded[65..97]);
        Assert.Equal(1_700_000_000_123UL, BitConverter.ToUInt64(encoded, 97));
        Assert.Equal(DevAccounts.Alice.PublicKey.ToArray(), encoded[105..137]);
        Assert.Equal((byte)SignatureScheme.Ed25519, encoded[137]);
        Assert.Equal(header.AuthorSignature.ToArray(), encoded[138..]);

        var decoded = BlockHeader.Decode(encoded);
        Assert.Equal(header, decoded);
        Assert.Equal(encoded, decoded.Encode());
        Assert.Equal(Hash32.Of(encoded), header.Hash());

        // Large block numbers take the longer compact forms.
        foreach (var number in new ulong[] { 0, 63, 64, 16_383, 16_384, uint.MaxValue, ulong.MaxValue })
        {
            var h = Unsigned(number).SignedBy(DevAccounts.Alice);
            Assert.Equal(h, BlockHeader.Decode(h.Encode()));
        }

        Assert.Throws<ScaleFormatException>(() => BlockHeader.Decode([.. encoded, 0]));
        Assert.Throws<ScaleFormatException>(() => BlockHeader.Decode(encoded.AsSpan(0, encoded.Length - 1)));
    }

    [Fact]
    public void SignedBy_GivesAValidSignature_OnlyForTheNamedAuthor()
    {
        var unsigned = Unsigned();
        Assert.False(unsigned.HasValidSignature());
        var signed = unsigned.SignedBy(DevAccounts.Alice);
        Assert.True(signed.HasValidSignature());
        Assert.Equal(SignatureScheme.Ed25519, signed.AuthorSignature.Scheme);
        Assert.True(Signatures.Verify(DevAccounts.Alice.PublicKey, signed.SigningPayload(), signed.AuthorSignature));

        // The payload is domain-separated and leaves the signature out.
        Assert.Equal("bittensor-header"u8.ToArray(), signed.SigningPayload()[..16]);
        Assert.Equal(unsigned.SigningPayload(), signed.SigningPayload());
        Assert.Equal(signed.Encode()[..^65], signed.SigningPayload()[16..]);

        Assert.Throws<ArgumentException>(() => unsigned.SignedBy(DevAccounts.Bob));

        // Deterministic signing: the same header signs to the same bytes.
        Assert.Equal(signed, Unsigned().SignedBy(DevAccounts.Alice));
    }

    [Fact]
    public void ChangingAnyField_InvalidatesTheSignature_AndChangesTheHash()
    {
        var signed = Unsigned().SignedBy(DevAccounts.Alice);
        var flipped = signed.AuthorSignature.ToArray();
        flipped[10] ^= 0x01;
        var variants = new[]
        {
            signed with { ParentHash = Hash32.Of("other parent"u8) },
            signed with { Number = signed.Number + 1 },
            signed with { StateRoot = Hash32.Of("other state"u8) },
            signed with { ExtrinsicsRoot = Hash32.Of("other extrinsics"u8) },
            signed with { TimestampMs = signed.TimestampMs + 1 },
            signed with { Author = DevAccounts.Bob.PublicKey },
            signed with { AuthorSignature = new Signature(SignatureScheme.Ed25519, flipped) },
            signed with { AuthorSignature = new Signature(SignatureScheme.Sr25519, signed.AuthorSignature.Bytes) },
            signed with { AuthorSignature = Unsigned(99).SignedBy(DevAccounts.Alice).AuthorSignature },
        };

        var hashes = new HashSet<Hash32> { signed.Hash() };
        foreach (var variant in variants)
        {
            Assert.False(variant.HasValidSignature());
            Assert.True(hashes.Add(variant.Hash()));
        }

        // Re-signed by the new author, a header with another author is valid again.
        var byBob = (signed with { Author = DevAccounts.Bob.PublicKey }).SignedBy(DevAccounts.Bob);
        Assert.True(byBob.HasValidSignature());
        Assert.NotEqual(signed.Hash(), byBob.Hash());
    }

    [Fact]
    public void FlippingAnyBitOfTheEncoding_IsRefusedOrInvalid()
    {
        var signed = Unsigned().SignedBy(DevAccounts.Alice);
        var encoded = signed.Encode();
        for (var i = 0; i < encoded.Length; i++)
        {
            for (var bit = 0; bit < 8; bit += 3)
            {
                var tampered = (byte[])encoded.Clone();
                tampered[i] ^= (byte)(1 << bit);
                BlockHeader decoded;
                try
                {
                    decoded = BlockHeader.Decode(tampered);
                }
                catch (ScaleFormatException)
                {
                    continue;
                }

                Assert.False(decoded.HasValidSignature(), $"byte {i} bit {bit}");
                Assert.NotEqual(signed.Hash(), decoded.Hash());
            }
        }
    }

    [Fact]
    public void DefaultSignature_IsNotValid_ForAnyDevAuthor()
    {
        foreach (var key in DevAccounts.All)
        {
            var header = Unsigned() with { Author = key.PublicKey };
            Assert.False(header.HasValidSignature());
            Assert.True(header.SignedBy(key).HasValidSignature());
        }
    }
}
