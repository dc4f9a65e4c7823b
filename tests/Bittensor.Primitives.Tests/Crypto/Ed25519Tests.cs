using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;

namespace Bittensor.Primitives.Tests.Crypto;

/// <summary>Ed25519 key pairs and verification: RFC 8032 test vectors 1–3 and the failure cases.</summary>
public sealed class Ed25519Tests
{
    /// <summary>RFC 8032, section 7.1, TEST 1–3: secret key (seed), public key, message, signature.</summary>
    public static TheoryData<string, string, string, string> Rfc8032Vectors() => new()
    {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            string.Empty,
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Rfc8032_PublicKeySignatureAndVerification(string seed, string publicKey, string message, string signature)
    {
        var pair = new Ed25519KeyPair(Hex.Decode(seed));
        Assert.Equal("0x" + publicKey, pair.PublicKey.ToHex());

        var signed = pair.Sign(Hex.Decode(message));
        Assert.Equal(SignatureScheme.Ed25519, signed.Scheme);
        Assert.Equal(signature, Hex.Encode(signed.Bytes));

        var published = new Signature(SignatureScheme.Ed25519, Hex.Decode(signature));
        Assert.True(Signatures.Verify(AccountId.FromHex(publicKey), Hex.Decode(message), published));
        Assert.True(Signatures.VerifyEd25519(Hex.Decode(publicKey), Hex.Decode(message), Hex.Decode(signature)));
        Assert.True(pair.Verify(Hex.Decode(message), published));
        Assert.True(DefaultSignatureVerifier.Instance.Verify(pair.PublicKey, Hex.Decode(message), published));
    }

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Rfc8032_AnyChangedBit_FailsVerification(string seed, string publicKey, string message, string signature)
    {
        _ = seed;
        var key = AccountId.FromHex(publicKey);
        var msg = Hex.Decode(message);
        var sig = Hex.Decode(signature);

        var longer = msg.Concat(new byte[] { 0 }).ToArray();
        Assert.False(Signatures.Verify(key, longer, new Signature(SignatureScheme.Ed25519, sig)));
        for (var bit = 0; bit < msg.Length * 8; bit++)
        {
            var changed = (byte[])msg.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Signatures.Verify(key, changed, new Signature(SignatureScheme.Ed25519, sig)));
        }

        for (var bit = 0; bit < 512; bit += 7)
        {
            var changed = (byte[])sig.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Signatures.Verify(key, msg, new Signature(SignatureScheme.Ed25519, changed)));
        }

        for (var bit = 0; bit < 256; bit += 5)
        {
            var changed = key.ToArray();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Signatures.Verify(new AccountId(changed), msg, new Signature(SignatureScheme.Ed25519, sig)));
        }
    }

    [Fact]
    public void Sr25519_IsNotSupportedYet_AndVerifiesAsFalse()
    {
        var pair = new Ed25519KeyPair(new byte[32]);
        var good = pair.Sign("hello"u8);
        var asSr25519 = new Signature(SignatureScheme.Sr25519, good.Bytes);

        Assert.True(Signatures.IsSupported(SignatureScheme.Ed25519));
        Assert.False(Signatures.IsSupported(SignatureScheme.Sr25519));
        Assert.True(Signatures.Verify(pair.PublicKey, "hello"u8, good));
        Assert.False(Signatures.Verify(pair.PublicKey, "hello"u8, asSr25519));
    }

    [Fact]
    public void GarbageKeysAndSignatures_VerifyAsFalse_WithoutThrowing()
    {
        var random = new Random(5);
        var key = new byte[32];
        var sig = new byte[64];
        for (var k = 0; k < 300; k++)
        {
            random.NextBytes(key);
            random.NextBytes(sig);
            if (k % 3 == 0)
            {
                // S = 2^255 - 1 and similar: at or above the group order.
                sig.AsSpan(32).Fill(0xff);
            }

            Assert.False(Signatures.Verify(new AccountId(key), "message"u8, new Signature(SignatureScheme.Ed25519, sig)));
        }

        Assert.False(Signatures.Verify(AccountId.Zero, [], default));
        Assert.False(Signatures.VerifyEd25519(new byte[31], [], new byte[64]));
        Assert.False(Signatures.VerifyEd25519(new byte[32], [], new byte[63]));
    }

    [Fact]
    public void SmallOrderKeys_NeverVerify_EvenWhereTheCurveEquationHolds()
    {
        // The identity point (encoded 01 00 … 00) as the key and as R with S = 0 satisfies [S]B = R + [k]A for every
        // message k; so does the all-zero encoding (the point of order 4). Strict verification must refuse both, or
        // such a "signature" would authorise anything for that account.
        var identity = new byte[32];
        identity[0] = 1;
        var identitySignature = new byte[64];
        identitySignature[0] = 1;
        foreach (var message in new[] { Array.Empty<byte>(), "transfer everything"u8.ToArray() })
        {
            Assert.False(Signatures.VerifyEd25519(identity, message, identitySignature));
            Assert.False(Signatures.VerifyEd25519(new byte[32], message, new byte[64]));
            Assert.False(Signatures.Verify(AccountId.Zero, message, new Signature(SignatureScheme.Ed25519, new byte[64])));
        }
    }

    [Fact]
    public void NonCanonicalS_IsRejected()
    {
        // RFC 8032 TEST 1 with S replaced by S + L (the group order): the same point equation, but not canonical.
        var pair = new Ed25519KeyPair(Hex.Decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        var sig = pair.Sign([]).ToArray();
        var s = new System.Numerics.BigInteger(sig.AsSpan(32), isUnsigned: true);
        var order = (System.Numerics.BigInteger.One << 252) + System.Numerics.BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
        var bumped = (s + order).ToByteArray(isUnsigned: true);
        Assert.True(bumped.Length <= 32);
        Array.Clear(sig, 32, 32);
        bumped.CopyTo(sig, 32);
        Assert.False(Signatures.Verify(pair.PublicKey, [], new Signature(SignatureScheme.Ed25519, sig)));
    }

    [Fact]
    public void Sign_IsDeterministic_AndTheSpanOverloadWritesTheSameBytes()
    {
        var pair = new Ed25519KeyPair(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var message = "set_weights"u8.ToArray();
        var a = pair.Sign(message);
        var b = pair.Sign(message);
        Assert.Equal(a, b);

        var destination = new byte[70];
        pair.Sign(message, destination);
        Assert.Equal(a.ToArray(), destination[..64]);
        Assert.Throws<ArgumentException>(() => pair.Sign(message, new byte[63]));
    }

    [Fact]
    public void SeedIsCopiedIn_ExportedAsACopy_AndNeverShownByToString()
    {
        var seed = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var pair = new Ed25519KeyPair(seed);
        var publicKey = pair.PublicKey;
        seed[0] ^= 0xff;
        Assert.Equal(publicKey, new Ed25519KeyPair(pair.ExportSeed()).PublicKey);

        var exported = pair.ExportSeed();
        exported[1] ^= 0xff;
        Assert.NotEqual(exported, pair.ExportSeed());

        var text = pair.ToString();
        Assert.Contains(publicKey.ToHex(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Hex.Encode(pair.ExportSeed()), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Seed_MustBe32Bytes(int length) =>
        Assert.Throws<ArgumentException>(() => new Ed25519KeyPair(new byte[length]));

    [Fact]
    public void SubstrateSeededPairVector()
    {
        // sp-core's ed25519 test `seeded_pair_should_work`: the seed is the ASCII text "12345678901234567890123456789012".
        var pair = new Ed25519KeyPair("12345678901234567890123456789012"u8);
        Assert.Equal("0x2f8c6129d816cf51c374bc7f08c3e63ed156cf78aefb4a6550d97b87997977ee", pair.PublicKey.ToHex());
    }

    [Fact]
    public void SignAndVerify_AgreeWithASecondImplementation_AndVerifyAllocatesNothing()
    {
        // BouncyCastle's RFC 8032 code, used only here, as an independent check of libsodium's.
        var random = new Random(11);
        for (var k = 0; k < 40; k++)
        {
            var seed = new byte[32];
            random.NextBytes(seed);
            var message = new byte[k * 7];
            random.NextBytes(message);
            var pair = new Ed25519KeyPair(seed);
            var publicKey = new byte[32];
            Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
            Assert.Equal(publicKey, pair.PublicKey.ToArray());
            var theirs = new byte[64];
            Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed, 0, message, 0, message.Length, theirs, 0);
            Assert.Equal(theirs, pair.Sign(message).ToArray());
            Assert.True(Signatures.VerifyEd25519(publicKey, message, theirs));
        }

        var fixedPair = new Ed25519KeyPair(new byte[32]);
        var fixedMessage = new byte[200];
        var signature = fixedPair.Sign(fixedMessage);
        Assert.True(Signatures.Verify(fixedPair.PublicKey, fixedMessage, signature));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            Signatures.Verify(fixedPair.PublicKey, fixedMessage, signature);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
