using System.Security.Cryptography;
using System.Text;
using Bittensor.Sdk.Wallets;
using Bittensor.Sdk.Wallets.Encryption;

namespace Bittensor.Sdk.Tests.Wallets.Encryption;

/// <summary>
/// <c>$NACL</c> keyfiles against the spec's vectors (§1.6): the Argon2i key of <c>thisisafakepassword</c>, computed
/// once for the class (512 MiB, seconds), and the exact files it seals.
/// </summary>
/// <remarks>
/// The spec's key was cross-checked with an independent Argon2i (@noble/hashes). RFC 9106's Argon2i vector cannot be
/// run here: it uses 4 lanes, an 8-byte secret and 12 bytes of associated data, while libsodium's
/// <c>crypto_pwhash</c> fixes one lane and takes neither a secret nor associated data.
/// </remarks>
[Collection(Argon2Collection.Name)]
public sealed class NaclKeyfileCipherTests(NaclKeyfileCipherTests.SpecKey specKey) : IClassFixture<NaclKeyfileCipherTests.SpecKey>
{
    private static readonly byte[] Nonce = [.. Enumerable.Range(0, 24).Select(i => (byte)i)];

    [Fact]
    public void DeriveKey_IsTheSpecsArgon2iKey()
    {
        Assert.Equal(SpecVectors.NaclKey, Convert.ToHexStringLower(specKey.Key));
    }

    [Fact]
    public void Seal_SmallPlaintext_IsTheSpecsFile()
    {
        var file = NaclKeyfileCipher.Seal(specKey.Key, Nonce, "{\"a\": 1}"u8);
        Assert.Equal(53, file.Length);
        Assert.Equal(SpecVectors.NaclSmallFile, Convert.ToHexStringLower(file));
        Assert.Equal("{\"a\": 1}"u8.ToArray(), NaclKeyfileCipher.Open(file, specKey.Key));
    }

    [Fact]
    public void Seal_FullKeyfile_HasTheSpecsMacAndHash()
    {
        var plaintext = KeyfileJson.Serialize(SpecVectors.Sr25519Fields);
        var file = NaclKeyfileCipher.Seal(specKey.Key, Nonce, plaintext);
        Assert.Equal(609, file.Length);
        Assert.Equal(SpecVectors.NaclFullFileMac, Convert.ToHexStringLower(file.AsSpan(29, 16)));
        Assert.Equal(SpecVectors.NaclFullFileSha256, Convert.ToHexStringLower(SHA256.HashData(file)));
        Assert.Equal(plaintext, NaclKeyfileCipher.Open(file, specKey.Key));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(50)]
    public void Open_AlteredByte_IsAnInvalidPassword(int index)
    {
        var file = Convert.FromHexString(SpecVectors.NaclSmallFile);
        file[index] ^= 0x40;
        Assert.Throws<InvalidPasswordException>(() => NaclKeyfileCipher.Open(file, specKey.Key));
    }

    [Fact]
    public void Open_WrongKey_IsAnInvalidPassword()
    {
        var key = (byte[])specKey.Key.Clone();
        key[0] ^= 1;
        var error = Assert.Throws<InvalidPasswordException>(() => NaclKeyfileCipher.Open(Convert.FromHexString(SpecVectors.NaclSmallFile), key));
        Assert.Equal(KeyfileError.InvalidPassword, error.Error);
    }

    [Theory]
    [InlineData("$NACL")]
    [InlineData("$NACL0123456789012345678901234567890123")]
    public void Open_TruncatedFile_IsCorrupt(string text)
    {
        var error = Assert.Throws<KeyfileException>(() => NaclKeyfileCipher.Open(Encoding.ASCII.GetBytes(text), specKey.Key));
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The Argon2i key of the spec's password, derived once for the class.</summary>
    public sealed class SpecKey
    {
        public byte[] Key { get; } = NaclKeyfileCipher.DeriveKey(SpecVectors.NaclPassword);
    }
}
