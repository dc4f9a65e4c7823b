using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>The entropy-based seed of substrate-bip39, with that crate's published vectors and known mini-secrets.</summary>
public sealed class SubstrateBip39Tests
{
    /// <summary>Entropy and 64-byte seed with password "Substrate", from substrate-bip39's test vectors.</summary>
    public static TheoryData<string, string> SubstrateVectors() => new()
    {
        { "00000000000000000000000000000000", "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453" },
        { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "4313249608fe8ac10fd5886c92c4579007272cb77c21551ee5b8d60b780416850f1e26c1f4b8d88ece681cb058ab66d6182bc2ce5a03181f7b74c27576b5c8bf" },
        { "80808080808080808080808080808080", "27f3eb595928c60d5bc91a4d747da40ed236328183046892ed6cd5aa9ae38122acd1183adf09a89839acb1e6eaa7fb563cc958a3f9161248d5a036e0d0af533d" },
        { "ffffffffffffffffffffffffffffffff", "227d6256fd4f9ccaf06c45eaa4b2345969640462bbb00c5f51f43cb43418c7a753265f9b1e0c0822c155a9cabc769413ecc14553e135fe140fc50b6722c6b9df" },
        { "000000000000000000000000000000000000000000000000", "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453" },
        { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "cb1d50e14101024a88905a098feb1553d4306d072d7460e167a60ccb3439a6817a0afc59060f45d999ddebc05308714733c9e1e84f30feccddd4ad6f95c8a445" },
        { "ffffffffffffffffffffffffffffffffffffffffffffffff", "8971cb290e7117c64b63379c97ed3b5c6da488841bd9f95cdc2a5651ac89571e2c64d391d46e2475e8b043911885457cd23e99a28b5a18535fe53294dc8e1693" },
        { "0000000000000000000000000000000000000000000000000000000000000000", "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453" },
        { "8080808080808080808080808080808080808080808080808080808080808080", "2c9c6144a06ae5a855453d98c3dea470e2a8ffb78179c2e9eb15208ccca7d831c97ddafe844ab933131e6eb895f675ede2f4e39837bb5769d4e2bc11df58ac42" },
        { "9e885d952ad362caeb4efe34a8e91bd2", "f4956be6960bc145cdab782e649a5056598fd07cd3f32ceb73421c3da27833241324dc2c8b0a4d847eee457e6d4c5429f5e625ece22abaa6a976e82f1ec5531d" },
        { "68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c", "7c60c555126c297deddddd59f8cdcdc9e3608944455824dd604897984b5cc369cad749803bb36eb8b786b570c9cdc8db275dbe841486676a6adf389f3be3f076" },
        { "f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f", "938ba18c3f521f19bd4a399c8425b02c716844325b1a65106b9d1593fbafe5e0b85448f523f91c48e331995ff24ae406757cff47d11f240847352b348ff436ed" },
    };

    [Theory]
    [MemberData(nameof(SubstrateVectors))]
    public void SubstrateBip39Vectors_WithPasswordSubstrate(string entropy, string seed)
    {
        Assert.Equal(seed, Hex.Encode(SubstrateBip39.SeedFromEntropy(Hex.Decode(entropy), "Substrate")));
        Assert.Equal(seed[..64], Hex.Encode(SubstrateBip39.MiniSecretFromEntropy(Hex.Decode(entropy), "Substrate")));
    }

    [Theory]
    // The Substrate dev phrase (spec neurons.md §1.8).
    [InlineData("bottom drive obey lake curtain smoke basket hold race lonely fit walk", "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e")]
    // Substrate's subkey documentation example ("Secret seed" of `subkey inspect`).
    [InlineData("caution juice atom organ advance problem want pledge someone senior holiday very", "c8fa03532fb22ee1f7f6908b9c02b4e72483f0dbd66e4cd456b8f34c6230b849")]
    // The Bittensor SDK test mnemonic; the mini-secret literal of its `test_unsupport_crypto_type` test.
    [InlineData("old leopard transfer rib spatial phone calm indicate online fire caution review", "da3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143")]
    public void MiniSecret_OfKnownPhrases(string phrase, string miniSecret) =>
        Assert.Equal(miniSecret, Hex.Encode(SubstrateBip39.MiniSecretFromPhrase(phrase)));

    [Fact]
    public void MiniSecret_IsNotTheStandardBip39Seed()
    {
        // The standard BIP39 seed of "abandon … about" with passphrase "TREZOR" (Trezor vectors) hashes the words;
        // Substrate's hashes the entropy.
        const string Phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        var standardSeed = "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04";
        Assert.NotEqual(standardSeed[..64], Hex.Encode(SubstrateBip39.MiniSecretFromPhrase(Phrase, "TREZOR")));
    }

    [Fact]
    public void Password_ChangesTheSecret()
    {
        const string Phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
        Assert.NotEqual(SubstrateBip39.MiniSecretFromPhrase(Phrase), SubstrateBip39.MiniSecretFromPhrase(Phrase, "password"));
        Assert.Equal(SubstrateBip39.MiniSecretFromPhrase(Phrase), SubstrateBip39.MiniSecretFromPhrase(Phrase, string.Empty));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    [InlineData(33)]
    public void Entropy_MustBeAValidBip39Length(int length) =>
        Assert.Throws<ArgumentException>(() => SubstrateBip39.SeedFromEntropy(new byte[length]));

    [Fact]
    public void InvalidPhrase_IsAFormatException() =>
        Assert.Throws<FormatException>(() => SubstrateBip39.MiniSecretFromPhrase("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo"));
}
