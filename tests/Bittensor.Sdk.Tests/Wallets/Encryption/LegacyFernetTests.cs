using System.Text;
using Bittensor.Sdk.Wallets;
using Bittensor.Sdk.Wallets.Encryption;

namespace Bittensor.Sdk.Tests.Wallets.Encryption;

/// <summary>Legacy Fernet keyfiles: the Fernet spec's published tokens, and a keyfile written by Python's cryptography.</summary>
public sealed class LegacyFernetTests
{
    /// <summary>The Fernet spec's key (generate.json, verify.json, invalid.json), base64url.</summary>
    private const string SpecSecret = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

    /// <summary>PBKDF2 of the password of <c>tests/data/wallets/legacy-fernet-coldkey</c>, by Python's hashlib (see its README).</summary>
    private const string LegacyKey = "d988b560cab5e33d41db0fe1a0ed16c7cec0c00d8f36f0e05a616b4197748f75";

    private static byte[] SpecKey => Convert.FromBase64String(SpecSecret.Replace('-', '+').Replace('_', '/'));

    [Theory]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==")]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA")]
    public void DecryptWithKey_SpecToken_IsHello(string token)
    {
        Assert.Equal("hello", Encoding.UTF8.GetString(LegacyFernet.DecryptWithKey(Encoding.ASCII.GetBytes(token), SpecKey)));
    }

    [Fact]
    public void DecryptWithKey_ExpiredSpecToken_IsStillRead()
    {
        // invalid.json's "expired TTL" token is valid but for its age (its payload is empty: one block of padding);
        // the SDK sets no time-to-live, so it is read.
        var token = "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q=="u8;
        Assert.Empty(LegacyFernet.DecryptWithKey(token, SpecKey));
    }

    [Fact]
    public void DecryptWithKey_IncorrectMac_IsAnInvalidPassword()
    {
        var token = "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ=="u8.ToArray();
        Assert.Throws<InvalidPasswordException>(() => LegacyFernet.DecryptWithKey(token, SpecKey));
        var wrongKey = SpecKey;
        wrongKey[0] ^= 1;
        Assert.Throws<InvalidPasswordException>(() => LegacyFernet.DecryptWithKey("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA=="u8, wrongKey));
    }

    [Theory]
    [InlineData("gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA==", "cannot hold a whole number of AES blocks")]
    [InlineData("%%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==", "not base64url text")]
    [InlineData("gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm", "cannot hold a whole number of AES blocks")]
    [InlineData("gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw==", "invalid padding")]
    [InlineData("gAAAAABdnQ1TUKh2OE_ggbyCIxfg", "cannot hold a whole number of AES blocks")]
    [InlineData("gAAA", "cannot hold a whole number of AES blocks")]
    public void DecryptWithKey_SpecInvalidTokens_AreCorrupt(string token, string message)
    {
        // invalid.json: too short, invalid base64, payload size not a multiple of the block size, padding error,
        // very short and super short payloads.
        var error = Assert.Throws<KeyfileException>(() => LegacyFernet.DecryptWithKey(Encoding.ASCII.GetBytes(token), SpecKey));
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecryptWithKey_PythonLegacyKeyfile_IsTheKeyfile()
    {
        var plaintext = LegacyFernet.DecryptWithKey(LegacyKeyfiles.Read("legacy-fernet-coldkey"), Convert.FromHexString(LegacyKey));
        Assert.Equal(KeyfileJson.Serialize(Keypair.FromMnemonic(SpecVectors.Mnemonic)), plaintext);
    }

    [Fact]
    public void Keyfile_LegacyFile_UnlocksWithItsPassword()
    {
        // The one test that pays for the 10 000 000 PBKDF2 iterations (seconds), through the whole keyfile path.
        using var directory = new TempDirectory();
        var file = new Keyfile(directory.Combine("old", "coldkey"), WalletEnvironment.Empty);
        file.WriteBytes(LegacyKeyfiles.Read("legacy-fernet-coldkey"), overwrite: false);
        Assert.Equal(KeyfileFormat.LegacyFernet, file.Format);
        var key = file.Load(PasswordProvider.FromPassword("legacy-fernet-pw"));
        Assert.Equal("5HhFH9GvwCST4kRVoFREE7qDJcjYteR5unhQCrBGhhGuRgNb", key.Ss58Address);
        Assert.Equal(SpecVectors.Mnemonic, key.ExportMnemonic());
    }
}
