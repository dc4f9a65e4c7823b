using System.Security.Cryptography;
using System.Text;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>Keyfile plaintext: the SDK's exact bytes on writing, tolerance on reading, and the loading rules.</summary>
public sealed class KeyfileJsonTests
{
    [Fact]
    public void Serialize_Sr25519Fields_AreTheSpecsBytes()
    {
        var full = KeyfileJson.Serialize(SpecVectors.Sr25519Fields);
        Assert.Equal(564, full.Length);
        Assert.Equal(SpecVectors.FullKeyfileSha256, Convert.ToHexStringLower(SHA256.HashData(full)));

        var fields = SpecVectors.Sr25519Fields;
        var publicOnly = KeyfileJson.Serialize(new KeyfileFields { AccountId = fields.AccountId, PublicKey = fields.PublicKey, Ss58Address = fields.Ss58Address, CryptoType = KeyType.Sr25519 });
        Assert.Equal(295, publicOnly.Length);
        Assert.Equal(SpecVectors.PublicKeyfileSha256, Convert.ToHexStringLower(SHA256.HashData(publicOnly)));
    }

    [Fact]
    public void Serialize_Ed25519Key_HasTheSdkLayoutAndRecordsItsType()
    {
        // The public key from the spec's prefix-0 address, independent of our derivation.
        var publicKey = Ss58.Decode(SpecVectors.Ed25519AddressFormat0, 0);
        var publicHex = publicKey.ToHex();
        var expected =
            $"{{\"accountId\": \"{publicHex}\", \"publicKey\": \"{publicHex}\", \"privateKey\": \"{SpecVectors.MiniSecret}{publicHex[2..]}\", " +
            $"\"secretPhrase\": \"{SpecVectors.Mnemonic}\", \"secretSeed\": \"{SpecVectors.MiniSecret}\", \"ss58Address\": \"{Ss58.Encode(publicKey)}\", " +
            "\"cryptoType\": \"ed25519\"}";

        var bytes = KeyfileJson.Serialize(Keypair.FromMnemonic(SpecVectors.Mnemonic));
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(564 + ", \"cryptoType\": \"ed25519\"".Length, bytes.Length);

        var publicOnly = Encoding.UTF8.GetString(KeyfileJson.Serialize(Keypair.FromPublicKey(publicKey)));
        Assert.Equal(
            $"{{\"accountId\": \"{publicHex}\", \"publicKey\": \"{publicHex}\", \"privateKey\": null, \"secretPhrase\": null, \"secretSeed\": null, \"ss58Address\": \"{Ss58.Encode(publicKey)}\", \"cryptoType\": \"ed25519\"}}",
            publicOnly);
    }

    [Fact]
    public void Serialize_EscapesLikePythonsJsonDumps()
    {
        var text = Encoding.UTF8.GetString(KeyfileJson.Serialize(new KeyfileFields { SecretPhrase = "caf\u00e9 \"q\"\\\n\t\u0001\u007f~" }));
        Assert.Contains("\"secretPhrase\": \"caf\\u00e9 \\\"q\\\"\\\\\\n\\t\\u0001\\u007f~\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_KeepsEveryField()
    {
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var loaded = KeyfileJson.Deserialize(KeyfileJson.Serialize(key));
        Assert.Equal(key.PublicKey, loaded.PublicKey);
        Assert.Equal(KeyType.Ed25519, loaded.Type);
        Assert.Equal(SpecVectors.Mnemonic, loaded.ExportMnemonic());
        Assert.Equal(key.ExportSeed(), loaded.ExportSeed());

        var publicOnly = KeyfileJson.Deserialize(KeyfileJson.Serialize(key.ToPublic()));
        Assert.False(publicOnly.HasPrivateKey);
        Assert.Equal(key.PublicKey, publicOnly.PublicKey);
    }

    [Fact]
    public void Parse_AcceptsAnyOrderWhitespaceAbsentAndUnknownKeys()
    {
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var compact = $"{{\"cryptoType\":\"ed25519\",\"comment\":[1,2],\"secretPhrase\":\"{SpecVectors.Mnemonic}\",\"ss58Address\":\"{key.Ss58Address}\"}}";
        Assert.Equal(key.PublicKey, KeyfileJson.Deserialize(Encoding.UTF8.GetBytes(compact)).PublicKey);

        var spread = $"\uFEFF{{\n  \"secretSeed\" :\n\t\"{SpecVectors.MiniSecret.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}\",\r\n  \"cryptoType\": 0, \"privateKey\": null\n}}\n";
        var loaded = KeyfileJson.Deserialize(Encoding.UTF8.GetBytes(spread));
        Assert.Equal(key.PublicKey, loaded.PublicKey);
        Assert.False(loaded.HasMnemonic);
    }

    [Fact]
    public void Parse_LegacyHexPublicKey_IsAPublicOnlyKey()
    {
        var fields = KeyfileJson.Parse(Encoding.ASCII.GetBytes(SpecVectors.LegacyPublicKey + "\n"));
        Assert.Equal(SpecVectors.LegacyAddress, fields.Ss58Address);
        Assert.Equal(SpecVectors.LegacyPublicKey, fields.PublicKey);
        Assert.Null(fields.SecretSeed);
        var key = KeyfileJson.ToKeypair(fields);
        Assert.False(key.HasPrivateKey);
        Assert.Equal(SpecVectors.LegacyAddress, key.Ss58Address);
    }

    [Fact]
    public void ToKeypair_LoadsFromAnySecretAndKeepsThePhrase()
    {
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var privateKey = "0x" + Convert.ToHexStringLower(key.ExportPrivateKey()!);
        var all = KeyfileJson.ToKeypair(new KeyfileFields { SecretSeed = SpecVectors.MiniSecret, SecretPhrase = SpecVectors.Mnemonic, PrivateKey = privateKey, CryptoType = KeyType.Ed25519 });
        Assert.Equal(key.PublicKey, all.PublicKey);
        Assert.Equal(SpecVectors.Mnemonic, all.ExportMnemonic());

        var seedOnly = KeyfileJson.ToKeypair(new KeyfileFields { SecretSeed = SpecVectors.MiniSecret, CryptoType = KeyType.Ed25519 });
        var privateOnly = KeyfileJson.ToKeypair(new KeyfileFields { PrivateKey = privateKey, CryptoType = KeyType.Ed25519 });
        Assert.Equal(key.PublicKey, seedOnly.PublicKey);
        Assert.Equal(key.PublicKey, privateOnly.PublicKey);
        Assert.Equal(key.ExportSeed(), privateOnly.ExportSeed());
        Assert.False(privateOnly.HasMnemonic);
    }

    [Theory]
    [InlineData(true, false, "secretPhrase gives another key than its secretSeed")]
    [InlineData(false, true, "privateKey gives another key than its secretSeed")]
    public void ToKeypair_SecretsThatDisagree_AreCorrupt(bool otherPhrase, bool otherPrivateKey, string message)
    {
        var other = Keypair.FromMnemonic("caution juice atom organ advance problem want pledge someone senior holiday very");
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        var fields = new KeyfileFields
        {
            SecretSeed = SpecVectors.MiniSecret,
            SecretPhrase = (otherPhrase ? other : key).ExportMnemonic(),
            PrivateKey = "0x" + Convert.ToHexStringLower((otherPrivateKey ? other : key).ExportPrivateKey()!),
            CryptoType = KeyType.Ed25519,
        };
        var error = Assert.Throws<KeyfileException>(() => KeyfileJson.ToKeypair(fields));
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToKeypair_PublicFieldsAlone_GiveAPublicKey()
    {
        var key = Keypair.FromUri("//C");
        Assert.Equal(key.PublicKey, KeyfileJson.ToKeypair(new KeyfileFields { AccountId = key.PublicKey.ToHex() }).PublicKey);
    }

    [Fact]
    public void ToKeypair_SdkSr25519Secrets_AreUnsupportedButTheirAddressReads()
    {
        var error = Assert.Throws<KeyfileException>(() => KeyfileJson.Deserialize(KeyfileJson.Serialize(SpecVectors.Sr25519Fields)));
        Assert.Equal(KeyfileError.UnsupportedKeyType, error.Error);
        Assert.DoesNotContain("leopard", error.Message, StringComparison.Ordinal);

        var fields = SpecVectors.Sr25519Fields;
        var publicKey = KeyfileJson.ToKeypair(new KeyfileFields { PublicKey = fields.PublicKey, Ss58Address = fields.Ss58Address });
        Assert.Equal(KeyType.Sr25519, publicKey.Type);
        Assert.Equal(SpecVectors.Sr25519Address, publicKey.Ss58Address);
    }

    [Theory]
    [InlineData("{\"secretPhrase\": ", "neither JSON nor a 0x public key")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"publicKey\": 5}", "'publicKey' is a number")]
    [InlineData("{\"cryptoType\": \"ecdsa\", \"ss58Address\": \"5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm\"}", "must be \"ed25519\" or \"sr25519\"")]
    [InlineData("{}", "holds no key")]
    [InlineData("{\"ss58Address\": \"5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxn\"}", "ss58Address is not valid")]
    [InlineData("{\"ss58Address\": \"5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm\", \"publicKey\": \"0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446\"}", "another of its fields names")]
    [InlineData("{\"secretPhrase\": \"old leopard transfer rib spatial phone calm indicate online fire caution caution\", \"cryptoType\": \"ed25519\"}", "secretPhrase is not valid")]
    [InlineData("{\"secretSeed\": \"0x12\", \"cryptoType\": \"ed25519\"}", "secretSeed is not valid")]
    public void Deserialize_Corrupt_NamesTheProblemWithoutQuotingSecrets(string json, string message)
    {
        var error = Assert.Throws<KeyfileException>(() => KeyfileJson.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("leopard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SecretOfAnotherKey_IsCorrupt()
    {
        var json = $"{{\"secretPhrase\": \"{SpecVectors.Mnemonic}\", \"publicKey\": \"{SpecVectors.Sr25519PublicKey}\", \"cryptoType\": \"ed25519\"}}";
        var error = Assert.Throws<KeyfileException>(() => KeyfileJson.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.Contains("its key type is not ed25519", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldsToString_HidesSecrets()
    {
        var text = KeyfileJson.FieldsOf(Keypair.FromMnemonic(SpecVectors.Mnemonic)).ToString();
        Assert.DoesNotContain("leopard", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SpecVectors.MiniSecret[2..], text, StringComparison.Ordinal);
        Assert.Contains("secretPhrase hidden", text, StringComparison.Ordinal);
    }
}
