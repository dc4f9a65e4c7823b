using System.Text;
using Bittensor.Sdk.Wallets;
using Bittensor.Sdk.Wallets.Encryption;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Bittensor.Sdk.Tests.Wallets.Encryption;

/// <summary>
/// Ansible Vault decryption: Ansible's own test vaults, and keyfiles vaulted here by an independent encryptor written
/// from the layout with BouncyCastle (PBKDF2, AES-256-CTR, HMAC-SHA256).
/// </summary>
public sealed class AnsibleVaultTests
{
    /// <summary>From Ansible's unit tests (<c>test_encrypt_decrypt_aes256_existing_vault</c>), password <c>test-vault-password</c>.</summary>
    private const string AnsibleV11 = """
        $ANSIBLE_VAULT;1.1;AES256
        33363965326261303234626463623963633531343539616138316433353830356566396130353436
        3562643163366231316662386565383735653432386435610a306664636137376132643732393835
        63383038383730306639353234326630666539346233376330303938323639306661313032396437
        6233623062366136310a633866373936313238333730653739323461656662303864663666653563
        3138
        """;

    /// <summary>From Ansible's unit tests (<c>test_decrypt_non_default_1_2</c>), password <c>ansible</c>, vault id <c>ansible_devel</c>.</summary>
    private const string AnsibleV12 = """
        $ANSIBLE_VAULT;1.2;AES256;ansible_devel
        65616435333934613466373335363332373764363365633035303466643439313864663837393234
        3330656363343637313962633731333237313636633534630a386264363438363362326132363239
        39363166646664346264383934393935653933316263333838386362633534326664646166663736
        6462303664383765650a356637643633366663643566353036303162386237336233393065393164
        6264
        """;

    [Fact]
    public void Decrypt_AnsiblesOwnVaults()
    {
        Assert.Equal("Setec Astronomy", Encoding.UTF8.GetString(AnsibleVault.Decrypt(Encoding.ASCII.GetBytes(AnsibleV11), "test-vault-password")));
        Assert.Equal("foo bar\n", Encoding.UTF8.GetString(AnsibleVault.Decrypt(Encoding.ASCII.GetBytes(AnsibleV12), "ansible")));
        Assert.Equal("foo bar\n", Encoding.UTF8.GetString(KeyfileEncryption.Decrypt(Encoding.ASCII.GetBytes(AnsibleV12.Replace("\n", "\r\n", StringComparison.Ordinal)), "ansible")));
    }

    [Fact]
    public void Decrypt_PythonVaultedKeyfile_IsTheKeyfile()
    {
        var plaintext = AnsibleVault.Decrypt(LegacyKeyfiles.Read("ansible-vault-coldkey"), "vault-pw-2022");
        Assert.Equal(KeyfileJson.Serialize(Keypair.FromMnemonic(SpecVectors.Mnemonic)), plaintext);
    }

    [Fact]
    public void Decrypt_WrongPassword_IsAnInvalidPassword()
    {
        var error = Assert.Throws<InvalidPasswordException>(() => AnsibleVault.Decrypt(Encoding.ASCII.GetBytes(AnsibleV11), "ansible"));
        Assert.Equal(KeyfileError.InvalidPassword, error.Error);
    }

    [Fact]
    public void Decrypt_IndependentlyVaultedKeyfile_AcrossACounterCarry()
    {
        var plaintext = KeyfileJson.Serialize(Keypair.FromMnemonic(SpecVectors.Mnemonic));
        Assert.True(plaintext.Length > 16 * 32, "the plaintext spans many AES blocks");

        // Pick a salt whose counter's low byte wraps within the message, so the carry into the next byte is exercised.
        var salt = new byte[32];
        for (var i = 0; ; i++)
        {
            salt[0] = (byte)i;
            if (Derive("hunter22-vault", salt)[79] >= 256 - (plaintext.Length / 16))
            {
                break;
            }
        }

        var vault = IndependentVault(plaintext, "hunter22-vault", salt);
        Assert.Equal(plaintext, AnsibleVault.Decrypt(vault, "hunter22-vault"));
        Assert.Equal(KeyfileFormat.AnsibleVault, KeyfileEncryption.Detect(vault));
        Assert.Throws<InvalidPasswordException>(() => AnsibleVault.Decrypt(vault, "hunter22-vauld"));
    }

    [Theory]
    [InlineData("$ANSIBLE_VAULT;1.1\n00", "lacks the version and the cipher")]
    [InlineData("$ANSIBLE_VAULT;2.0;AES256\n00", "version '2.0' is not supported")]
    [InlineData("$ANSIBLE_VAULT;1.1;AES\n00", "cipher 'AES' is not supported")]
    [InlineData("$ANSIBLE_VAULT;1.1;AES256\nzz", "the vault body is not valid hexadecimal")]
    [InlineData("$ANSIBLE_VAULT;1.1;AES256\n3030", "does not hold salt, HMAC and ciphertext")]
    public void Decrypt_MalformedVault_IsCorrupt(string text, string message)
    {
        var error = Assert.Throws<KeyfileException>(() => AnsibleVault.Decrypt(Encoding.ASCII.GetBytes(text), "pw"));
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>PBKDF2-HMAC-SHA256(password, salt, 10 000) → 80 bytes, by BouncyCastle.</summary>
    private static byte[] Derive(string password, byte[] salt)
    {
        var generator = new Pkcs5S2ParametersGenerator(new Sha256Digest());
        generator.Init(Encoding.UTF8.GetBytes(password), salt, 10_000);
        return ((KeyParameter)generator.GenerateDerivedMacParameters(80 * 8)).GetKey();
    }

    /// <summary>An Ansible Vault 1.1 file of <paramref name="plaintext"/>, written from the format's description.</summary>
    private static byte[] IndependentVault(byte[] plaintext, string password, byte[] salt)
    {
        var derived = Derive(password, salt);
        var pad = 16 - (plaintext.Length % 16);
        var padded = plaintext.Concat(Enumerable.Repeat((byte)pad, pad)).ToArray();

        var ctr = new SicBlockCipher(new AesEngine());
        ctr.Init(true, new ParametersWithIV(new KeyParameter(derived, 0, 32), derived, 64, 16));
        var ciphertext = new byte[padded.Length];
        for (var offset = 0; offset < padded.Length; offset += 16)
        {
            ctr.ProcessBlock(padded, offset, ciphertext, offset);
        }

        var hmac = new HMac(new Sha256Digest());
        hmac.Init(new KeyParameter(derived, 32, 32));
        hmac.BlockUpdate(ciphertext, 0, ciphertext.Length);
        var tag = new byte[32];
        hmac.DoFinal(tag, 0);

        var inner = $"{Convert.ToHexStringLower(salt)}\n{Convert.ToHexStringLower(tag)}\n{Convert.ToHexStringLower(ciphertext)}";
        var outer = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(inner));
        var text = new StringBuilder("$ANSIBLE_VAULT;1.1;AES256\n");
        for (var i = 0; i < outer.Length; i += 80)
        {
            text.Append(outer.AsSpan(i, Math.Min(80, outer.Length - i))).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
