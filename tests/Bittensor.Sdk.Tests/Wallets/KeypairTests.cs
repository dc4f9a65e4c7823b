using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>Wallet keys: the spec's Ed25519 vectors, every way in and out, and secrets kept out of text.</summary>
public sealed class KeypairTests
{
    [Fact]
    public void FromMnemonic_GivesTheSpecsEd25519Key()
    {
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        Assert.Equal(KeyType.Ed25519, key.Type);
        Assert.Equal(SpecVectors.MiniSecret, "0x" + Convert.ToHexStringLower(key.ExportSeed()!));
        Assert.Equal(SpecVectors.Ed25519AddressFormat0, Ss58.Encode(key.PublicKey, 0));
        Assert.Equal(Ss58.Encode(key.PublicKey), key.Ss58Address);
        Assert.Equal(SpecVectors.Mnemonic, key.ExportMnemonic());
    }

    [Fact]
    public void FromMnemonic_SubkeyPhrase_HasTheDocumentedMiniSecret()
    {
        var key = Keypair.FromMnemonic("caution juice atom organ advance problem want pledge someone senior holiday very");
        Assert.Equal("c8fa03532fb22ee1f7f6908b9c02b4e72483f0dbd66e4cd456b8f34c6230b849", Convert.ToHexStringLower(key.ExportSeed()!));
    }

    [Fact]
    public void FromMnemonic_NormalisesWhitespace()
    {
        var key = Keypair.FromMnemonic("  old leopard\ttransfer rib spatial phone calm indicate online fire caution\n review ");
        Assert.Equal(SpecVectors.Mnemonic, key.ExportMnemonic());
        Assert.Equal(Keypair.FromMnemonic(SpecVectors.Mnemonic).PublicKey, key.PublicKey);
    }

    [Fact]
    public void Seed_PrivateKeyAndUri_GiveTheSameKey()
    {
        var fromPhrase = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var fromSeed = Keypair.FromSeedHex(SpecVectors.MiniSecret);
        var fromPrivate = Keypair.FromEd25519PrivateKey(fromPhrase.ExportPrivateKey());
        var fromUri = Keypair.FromUri(SpecVectors.MiniSecret);
        Assert.All(new[] { fromSeed, fromPrivate, fromUri }, key => Assert.Equal(fromPhrase.PublicKey, key.PublicKey));
        Assert.False(fromSeed.HasMnemonic);

        var privateKey = fromPhrase.ExportPrivateKey()!;
        Assert.Equal(64, privateKey.Length);
        Assert.Equal(fromPhrase.ExportSeed(), privateKey[..32]);
        Assert.Equal(fromPhrase.PublicKey.ToArray(), privateKey[32..]);
    }

    [Fact]
    public void FromEd25519PrivateKey_RefusesAForeignPublicHalf()
    {
        var privateKey = Keypair.FromMnemonic(SpecVectors.Mnemonic).ExportPrivateKey()!;
        privateKey[40] ^= 1;
        var error = Assert.Throws<FormatException>(() => Keypair.FromEd25519PrivateKey(privateKey));
        Assert.Contains("not the public key of its seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DevUri_IsAlice()
    {
        Assert.Equal("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", Keypair.FromUri("//Alice").Ss58Address);
    }

    [Fact]
    public void PublicOnlyKeys_CannotSign()
    {
        var key = Keypair.FromSs58Address(SpecVectors.LegacyAddress);
        Assert.Equal(SpecVectors.LegacyPublicKey, key.PublicKey.ToHex());
        Assert.Equal(key.PublicKey, Keypair.FromPublicKeyHex(SpecVectors.LegacyPublicKey).PublicKey);
        Assert.False(key.HasPrivateKey);
        Assert.Null(key.ExportSeed());
        Assert.Null(key.ExportPrivateKey());
        Assert.Throws<InvalidOperationException>(() => key.Sign("x"u8));
    }

    [Fact]
    public void Sign_VerifiesUnderItsOwnKeyOnly()
    {
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var signature = key.Sign("message"u8);
        Assert.True(key.Verify("message"u8, signature));
        Assert.True(key.ToPublic().Verify("message"u8, signature));
        Assert.False(key.Verify("messagf"u8, signature));
        Assert.False(Keypair.FromUri("//Alice").Verify("message"u8, signature));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(18)]
    [InlineData(21)]
    [InlineData(24)]
    public void Generate_MakesAMnemonicOfTheRequestedLengthThatRestoresTheKey(int words)
    {
        var key = Keypair.Generate(words);
        var mnemonic = key.ExportMnemonic()!;
        Assert.Equal(words, mnemonic.Split(' ').Length);
        Assert.Equal(key.PublicKey, Keypair.FromMnemonic(mnemonic).PublicKey);
    }

    [Fact]
    public void Generate_RefusesOtherWordCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Keypair.Generate(13));
    }

    [Fact]
    public void Sr25519Secrets_AreNotSupportedYet()
    {
        var error = Assert.Throws<NotSupportedException>(() => Keypair.FromMnemonic(SpecVectors.Mnemonic, KeyType.Sr25519));
        Assert.Contains("Sr25519", error.Message, StringComparison.Ordinal);
        Assert.Equal(SpecVectors.Sr25519Address, Keypair.FromPublicKeyHex(SpecVectors.Sr25519PublicKey, KeyType.Sr25519).Ss58Address);
    }

    [Fact]
    public void ToString_ShowsTheAddressAndNoSecret()
    {
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var text = key.ToString();
        Assert.Contains(key.Ss58Address, text, StringComparison.Ordinal);
        Assert.DoesNotContain("leopard", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SpecVectors.MiniSecret[2..], text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BadSecrets_AreRefusedWithoutBeingQuoted()
    {
        var phrase = Assert.Throws<FormatException>(() => Keypair.FromMnemonic("old leopard transfer rib spatial phone calm indicate online fire caution caution"));
        Assert.DoesNotContain("leopard", phrase.Message, StringComparison.Ordinal);
        var seed = Assert.Throws<FormatException>(() => Keypair.FromSeedHex("0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be41zz"));
        Assert.DoesNotContain("da3cf5", seed.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Keypair.FromSeedHex("0x1234"));
    }
}
