using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>Ed25519 keys from phrases, seeds and secret URIs, against Substrate's published keys.</summary>
public sealed class KeyDerivationTests
{
    /// <summary>
    /// Hard-derived dev keys: URI, public key. //Name and //Name//stash: sp-keyring's ed25519 table (checked there
    /// against `Pair::from_string`); //0, //1, //11 (numeric junctions) and //aegis: a public test suite pinned to
    /// @polkadot/keyring 13.5.9.
    /// </summary>
    public static TheoryData<string, string> PublishedDevKeys() => new()
    {
        { "//Alice", "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee" },
        { "//Bob", "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69" },
        { "//Charlie", "439660b36c6c03afafca027b910b4fecf99801834c62a5e6006f27d978de234f" },
        { "//Dave", "5e639b43e0052c47447dac87d6fd2b6ec50bdd4d0f614e4299c665249bbd09d9" },
        { "//Eve", "1dfe3e22cc0d45c70779c1095f7489a8ef3cf52d62fbd8c2fa38c9f1723502b5" },
        { "//Ferdie", "568cb4a574c6d178feb39c27dfc8b3f789e5f5423e19c71633c748b9acf086b5" },
        { "//Alice//stash", "451781cd0c5504504f69ceec484cc66e4c22a2b6a9d20fb1a426d91ad074a2a8" },
        { "//Bob//stash", "292684abbb28def63807c5f6e84e9e8689769eb37b1ab130d79dbfbf1b9a0d44" },
        { "//Charlie//stash", "dd6a6118b6c11c9c9e5a4f34ed3d545e2c74190f90365c60c230fa82e9423bb9" },
        { "//Dave//stash", "1d0432d75331ab299065bee79cdb1bdc2497c597a3087b4d955c67e3c000c1e2" },
        { "//Eve//stash", "c833bdd2e1a7a18acc1c11f8596e2e697bb9b42d6b6051e474091a1d43a294d7" },
        { "//Ferdie//stash", "199d749dbf4b8135cb1f3c8fd697a390fc0679881a8a110c1d06375b3b62cd09" },
        { "//One", "16f97016bbea8f7b45ae6757b49efc1080accc175d8f018f9ba719b60b0815e4" },
        { "//Two", "5079bcd20fd97d7d2f752c4607012600b401950260a91821f73e692071c82bf5" },
        { "//0", "ffe0b81700cedadde9debaf7e61292d80581d4a37896055ba25f491b96b25ee6" },
        { "//1", "bf3a763d817cee09bf785b9cc6118f58dab5c03f3ace6d524899bcb28ac74f27" },
        { "//11", "efe91956ecf147383f508af0763c66c2a1c833ca9e2db3e8f0b51e5bba494530" },
        { "//aegis", "a42ea701be5e5e6bf2c3af0b8ae5f82e0c138e6899b503d4331d70ba1fdf8a1f" },
    };

    [Theory]
    [MemberData(nameof(PublishedDevKeys))]
    public void DevUris_GiveSubstratesKeys(string uri, string publicKey)
    {
        Assert.Equal("0x" + publicKey, KeyDerivation.Ed25519FromUri(uri).PublicKey.ToHex());
        Assert.Equal("0x" + publicKey, KeyDerivation.Ed25519FromUri(SecretUri.DevPhrase + uri).PublicKey.ToHex());
    }

    [Fact]
    public void Alice_MatchesSubkeyInspect()
    {
        // `subkey inspect --scheme ed25519 "<dev phrase>//Alice"`: secret seed, public key and SS58 address.
        var alice = KeyDerivation.Ed25519FromUri(SecretUri.DevPhrase + "//Alice");
        Assert.Equal("abf8e5bdbe30c65656c0a3cbd181ff8a56294a69dfedd27982aace4a76909115", Hex.Encode(alice.ExportSeed()));
        Assert.Equal("0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", alice.PublicKey.ToHex());
        Assert.Equal("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", Ss58.Encode(alice.PublicKey));
    }

    [Fact]
    public void ChainXDevSeeds_MatchTheDerivedSeeds()
    {
        // Dev-chain validator secret seeds published alongside these public keys.
        Assert.Equal("3b7b60af2abcd57ba401ab398f84f4ca54bd6b2140d2503fbcf3286535fe3ff1", Hex.Encode(KeyDerivation.Ed25519FromUri("//Bob").ExportSeed()));
        Assert.Equal("072c02fa1409dc37e03a4ed01703d4a9e6bba9c228a49a00366e9630a97cba7c", Hex.Encode(KeyDerivation.Ed25519FromUri("//Charlie").ExportSeed()));
        Assert.Equal("771f47d3caf8a2ee40b0719e1c1ecbc01d73ada220cf08df12a00453ab703738", Hex.Encode(KeyDerivation.Ed25519FromUri("//Dave").ExportSeed()));
    }

    [Fact]
    public void HardDerivationOfAZeroChainCode_MatchesSpCore()
    {
        // sp-core ed25519 test `seed_and_derive_should_work`: RFC 8032 TEST 1's seed, one hard junction of 32 zero bytes.
        var seed = Hex.Decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var derived = KeyDerivation.Ed25519DeriveHard(seed, DeriveJunction.FromEncoded(new byte[32], isHard: true));
        Assert.Equal("ede3354e133f9c8e337ddd6ee5415ed4b4ffe5fc7d21e933f4930a3730e5b21c", Hex.Encode(derived));
    }

    [Fact]
    public void HexSeedUri_IsTheSeedItself()
    {
        // sp-core ed25519 test `test_vector_by_string_should_work`.
        var pair = KeyDerivation.Ed25519FromUri("0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Assert.Equal("0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", pair.PublicKey.ToHex());

        var derived = KeyDerivation.Ed25519FromUri("0xabf8e5bdbe30c65656c0a3cbd181ff8a56294a69dfedd27982aace4a76909115//stash");
        Assert.Equal("0x451781cd0c5504504f69ceec484cc66e4c22a2b6a9d20fb1a426d91ad074a2a8", derived.PublicKey.ToHex());
    }

    [Fact]
    public void BittensorSdkEd25519Vector()
    {
        // Bittensor SDK test: the `old leopard …` mnemonic as ed25519, SS58 format 0.
        var pair = KeyDerivation.Ed25519FromUri("old leopard transfer rib spatial phone calm indicate online fire caution review");
        Assert.Equal("16dYRUXznyhvWHS1ktUENGfNAEjCawyDzHRtN9AdFnJRc38h", Ss58.Encode(pair.PublicKey, 0));
        Assert.Equal(pair.PublicKey, KeyDerivation.Ed25519FromPhrase("old leopard transfer rib spatial phone calm indicate online fire caution review").PublicKey);
    }

    [Fact]
    public void UriPassword_IsTheBip39Passphrase_AndAnOverrideReplacesIt()
    {
        // sp-core: "//Alice///password" equals the dev phrase //Alice with password "password".
        var fromUri = KeyDerivation.Ed25519FromUri("//Alice///password");
        var fromOverride = KeyDerivation.Ed25519FromUri(SecretUri.DevPhrase + "//Alice", "password");
        var overridden = KeyDerivation.Ed25519FromUri("//Alice///other password", "password");
        Assert.Equal(fromUri.PublicKey, fromOverride.PublicKey);
        Assert.Equal(fromUri.PublicKey, overridden.PublicKey);
        Assert.NotEqual(fromUri.PublicKey, KeyDerivation.Ed25519FromUri("//Alice").PublicKey);

        var phraseWithPassword = KeyDerivation.Ed25519FromPhrase(SecretUri.DevPhrase, "password");
        Assert.Equal(phraseWithPassword.PublicKey, KeyDerivation.Ed25519FromUri("///password").PublicKey);

        // An empty password is no password.
        Assert.Equal(KeyDerivation.Ed25519FromUri("//Alice").PublicKey, KeyDerivation.Ed25519FromUri("//Alice///").PublicKey);
    }

    [Fact]
    public void NoPath_IsTheMiniSecret()
    {
        var pair = KeyDerivation.Ed25519FromUri(SecretUri.DevPhrase);
        Assert.Equal("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e", Hex.Encode(pair.ExportSeed()));
        Assert.Equal(pair.PublicKey, KeyDerivation.Ed25519FromPhrase(SecretUri.DevPhrase).PublicKey);
    }

    [Fact]
    public void NumericJunctions_IgnoreLeadingZeros()
    {
        Assert.Equal(KeyDerivation.Ed25519FromUri("//1").PublicKey, KeyDerivation.Ed25519FromUri("//0001").PublicKey);
    }

    [Theory]
    [InlineData("//Alice/soft")]
    [InlineData("/Alice")]
    [InlineData("//Bob/test")]
    public void SoftJunctions_AreRejectedWithAClearMessage(string uri)
    {
        var error = Assert.Throws<NotSupportedException>(() => KeyDerivation.Ed25519FromUri(uri));
        Assert.Contains("only hard derivation", error.Message, StringComparison.Ordinal);
        Assert.Contains("sr25519", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x1234", "32 bytes")]
    [InlineData("0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f6", "hexadecimal")]
    [InlineData("0xzz61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hexadecimal")]
    public void BadHexSeeds_AreFormatExceptions(string uri, string reason)
    {
        var error = Assert.Throws<FormatException>(() => KeyDerivation.Ed25519FromUri(uri));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("9d61", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidPhrase_IsAFormatException_ThatDoesNotQuoteIt()
    {
        var error = Assert.Throws<FormatException>(() => KeyDerivation.Ed25519FromUri("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo//hot"));
        Assert.DoesNotContain("zoo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeriveSeed_ChecksItsInput()
    {
        Assert.Throws<ArgumentException>(() => KeyDerivation.Ed25519DeriveSeed(new byte[31], []));
        Assert.Throws<ArgumentException>(() => KeyDerivation.Ed25519DeriveHard(new byte[33], DeriveJunction.FromIndex(0, true)));
        Assert.Equal(new byte[32], KeyDerivation.Ed25519DeriveSeed(new byte[32], []));
    }
}
