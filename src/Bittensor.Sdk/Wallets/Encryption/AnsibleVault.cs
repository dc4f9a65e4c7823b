using System.Security.Cryptography;
using System.Text;

namespace Bittensor.Sdk.Wallets.Encryption;

/// <summary>
/// Decryption of Ansible Vault 1.1 and 1.2 (<c>AES256</c>) files, the keyfile encryption of 2022-era wallets.
/// Read only: new keyfiles use <see cref="NaclKeyfileCipher"/>.
/// </summary>
/// <remarks>
/// Layout: the header line <c>$ANSIBLE_VAULT;1.1;AES256</c> (1.2 adds <c>;vault-id</c>), then lines of hex that decode
/// to three lines of hex: salt (32 bytes), HMAC (32 bytes) and ciphertext. PBKDF2-HMAC-SHA256 of the password and
/// salt, 10 000 iterations, gives 80 bytes: the AES-256 key, the HMAC-SHA256 key and the 16-byte initial counter.
/// The HMAC covers the ciphertext; the cipher is AES-256 in CTR mode with a 128-bit big-endian counter over the
/// PKCS#7-padded plaintext. CTR is built here from AES-ECB, which is all the platform offers.
/// </remarks>
public static class AnsibleVault
{
    private const int Iterations = 10_000;
    private const int KeySize = 32;
    private const int BlockSize = 16;

    /// <summary>The ASCII bytes every vault file starts with.</summary>
    public static ReadOnlySpan<byte> Header => "$ANSIBLE_VAULT"u8;

    /// <summary>Decrypts a vault file with <paramref name="password"/>.</summary>
    /// <exception cref="InvalidPasswordException">The HMAC does not verify: wrong password (or an altered file).</exception>
    /// <exception cref="KeyfileException">Malformed vault text, an unknown version or cipher, or bad padding (<see cref="KeyfileError.Corrupt"/>).</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> data, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var (salt, expectedHmac, ciphertext) = Parse(data);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var derived = Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, Iterations, HashAlgorithmName.SHA256, 2 * KeySize + BlockSize);
        CryptographicOperations.ZeroMemory(passwordBytes);
        try
        {
            var aesKey = derived.AsSpan(0, KeySize);
            var hmacKey = derived.AsSpan(KeySize, KeySize);
            var counter = derived.AsSpan(2 * KeySize, BlockSize);
            Span<byte> hmac = stackalloc byte[32];
            HMACSHA256.HashData(hmacKey, ciphertext, hmac);
            if (!CryptographicOperations.FixedTimeEquals(hmac, expectedHmac))
            {
                throw new InvalidPasswordException("Invalid password: it does not decrypt the Ansible Vault keyfile (the HMAC does not match).");
            }

            var padded = AesCtr(aesKey, counter, ciphertext);
            return Unpad(padded);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private static (byte[] Salt, byte[] Hmac, byte[] Ciphertext) Parse(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(Header))
        {
            throw Corrupt("it does not start with \"$ANSIBLE_VAULT\"");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("it is not text");
        }

        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(';');
        if (header.Length < 3)
        {
            throw Corrupt("the header line lacks the version and the cipher");
        }

        if (header[1] is not ("1.1" or "1.2"))
        {
            throw Corrupt($"vault format version '{header[1]}' is not supported (only 1.1 and 1.2)");
        }

        if (header[2].Trim() != "AES256")
        {
            throw Corrupt($"vault cipher '{header[2].Trim()}' is not supported (only AES256)");
        }

        var hex = new StringBuilder(text.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            hex.Append(lines[i].Trim());
        }

        var payload = HexToBytes(hex.ToString(), "the vault body");
        var parts = Encoding.ASCII.GetString(payload).Split('\n', 3);
        if (parts.Length != 3)
        {
            throw Corrupt("the vault body does not hold salt, HMAC and ciphertext");
        }

        var salt = HexToBytes(parts[0].Trim(), "the salt");
        var hmac = HexToBytes(parts[1].Trim(), "the HMAC");
        var ciphertext = HexToBytes(parts[2].Trim(), "the ciphertext");
        if (hmac.Length != 32)
        {
            throw Corrupt($"the HMAC is {hmac.Length} bytes instead of 32");
        }

        if (ciphertext.Length == 0 || ciphertext.Length % BlockSize != 0)
        {
            throw Corrupt($"the ciphertext is {ciphertext.Length} bytes, not a positive multiple of {BlockSize}");
        }

        return (salt, hmac, ciphertext);
    }

    private static byte[] AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> initialCounter, ReadOnlySpan<byte> input)
    {
        var blocks = (input.Length + BlockSize - 1) / BlockSize;
        var counters = new byte[blocks * BlockSize];
        Span<byte> counter = stackalloc byte[BlockSize];
        initialCounter.CopyTo(counter);
        for (var b = 0; b < blocks; b++)
        {
            counter.CopyTo(counters.AsSpan(b * BlockSize));
            Increment(counter);
        }

        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var keystream = aes.EncryptEcb(counters, PaddingMode.None);
        var output = new byte[input.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (byte)(input[i] ^ keystream[i]);
        }

        CryptographicOperations.ZeroMemory(keystream);
        return output;
    }

    /// <summary>Adds one to a 128-bit big-endian counter, wrapping at 2^128.</summary>
    private static void Increment(Span<byte> counter)
    {
        for (var i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0)
            {
                return;
            }
        }
    }

    private static byte[] Unpad(byte[] padded)
    {
        var pad = padded[^1];
        var valid = pad is >= 1 and <= BlockSize && padded.AsSpan(padded.Length - pad).IndexOfAnyExcept(pad) < 0;
        if (!valid)
        {
            CryptographicOperations.ZeroMemory(padded);
            throw Corrupt("the decrypted data has invalid PKCS#7 padding");
        }

        var plaintext = padded.AsSpan(0, padded.Length - pad).ToArray();
        CryptographicOperations.ZeroMemory(padded);
        return plaintext;
    }

    private static byte[] HexToBytes(string hex, string what)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw Corrupt($"{what} is not valid hexadecimal");
        }
    }

    private static KeyfileException Corrupt(string why) =>
        new(KeyfileError.Corrupt, $"The Ansible Vault keyfile is malformed: {why}.");
}
