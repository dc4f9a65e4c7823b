using System.Security.Cryptography;
using System.Text;

namespace Bittensor.Sdk.Wallets.Encryption;

/// <summary>
/// Decryption of the oldest wallets' keyfiles: a Fernet token (base64url text starting <c>gAAAAA</c>) whose key is
/// PBKDF2-HMAC-SHA256 of the password with a fixed salt and 10 000 000 iterations. Read only.
/// </summary>
/// <remarks>
/// A token is version 0x80 ‖ timestamp (8 bytes, big-endian seconds) ‖ IV (16) ‖ AES-128-CBC ciphertext with PKCS#7
/// padding ‖ HMAC-SHA256 (32) of everything before it. The 32-byte key is the HMAC key (first half) followed by the
/// AES key. The timestamp is not checked, as the Python SDK gives no time-to-live.
/// </remarks>
public static class LegacyFernet
{
    private const int Iterations = 10_000_000;
    private const int KeySize = 32;
    private const int HmacSize = 32;
    private const int IvSize = 16;
    private const int Version = 0x80;
    private const int PrefixSize = 1 + 8 + IvSize;

    /// <summary>The fixed PBKDF2 salt of the legacy keyfiles.</summary>
    public static ReadOnlySpan<byte> Salt => "Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins"u8;

    /// <summary>The text every token starts with (0x80 and the high timestamp bytes, in base64url).</summary>
    public static ReadOnlySpan<byte> Header => "gAAAAA"u8;

    /// <summary>The 32-byte Fernet key of <paramref name="password"/> (10 000 000 PBKDF2 iterations: seconds of CPU).</summary>
    public static byte[] DeriveKey(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(passwordBytes, Salt, Iterations, HashAlgorithmName.SHA256, KeySize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>Decrypts a legacy keyfile with <paramref name="password"/>.</summary>
    /// <exception cref="InvalidPasswordException">The HMAC does not verify.</exception>
    /// <exception cref="KeyfileException">Not a well-formed token (<see cref="KeyfileError.Corrupt"/>).</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> token, string password)
    {
        var bytes = DecodeToken(token);
        var key = DeriveKey(password);
        try
        {
            return Open(bytes, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Decrypts a Fernet token (base64url text) with a raw 32-byte Fernet key.</summary>
    /// <exception cref="InvalidPasswordException">The HMAC does not verify.</exception>
    /// <exception cref="KeyfileException">Not a well-formed token (<see cref="KeyfileError.Corrupt"/>).</exception>
    public static byte[] DecryptWithKey(ReadOnlySpan<byte> token, ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A Fernet key is {KeySize} bytes, got {key.Length}.", nameof(key));
        }

        return Open(DecodeToken(token), key);
    }

    private static byte[] Open(byte[] token, ReadOnlySpan<byte> key)
    {
        var signed = token.AsSpan(0, token.Length - HmacSize);
        Span<byte> hmac = stackalloc byte[HmacSize];
        HMACSHA256.HashData(key[..(KeySize / 2)], signed, hmac);
        if (!CryptographicOperations.FixedTimeEquals(hmac, token.AsSpan(token.Length - HmacSize)))
        {
            throw new InvalidPasswordException("Invalid password: it does not decrypt the legacy (Fernet) keyfile (the HMAC does not match).");
        }

        using var aes = Aes.Create();
        aes.Key = key[(KeySize / 2)..].ToArray();
        try
        {
            return aes.DecryptCbc(signed[PrefixSize..], token.AsSpan(1 + 8, IvSize), PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            throw new KeyfileException(KeyfileError.Corrupt, "The legacy (Fernet) keyfile is malformed: its authenticated ciphertext has invalid padding.");
        }
    }

    private static byte[] DecodeToken(ReadOnlySpan<byte> token)
    {
        var text = Encoding.ASCII.GetString(token).Trim();
        var standard = text.Replace('-', '+').Replace('_', '/');
        if (standard.Length % 4 != 0)
        {
            standard = standard.PadRight(standard.Length + 4 - (standard.Length % 4), '=');
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            throw new KeyfileException(KeyfileError.Corrupt, "The legacy (Fernet) keyfile is malformed: it is not base64url text.");
        }

        var body = bytes.Length - PrefixSize - HmacSize;
        if (body <= 0 || body % IvSize != 0)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The legacy (Fernet) keyfile is malformed: a {bytes.Length}-byte token cannot hold a whole number of AES blocks.");
        }

        if (bytes[0] != Version)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The legacy (Fernet) keyfile is malformed: token version 0x{bytes[0]:x2} instead of 0x80.");
        }

        return bytes;
    }
}
