using System.Security.Cryptography;
using System.Text;
using Bittensor.Primitives.Crypto;

namespace Bittensor.Sdk.Wallets.Encryption;

/// <summary>
/// The <c>$NACL</c> keyfile encryption of the Python SDK (v6+) and its Rust wallet: <c>"$NACL"</c> ‖ nonce (24 bytes)
/// ‖ Poly1305 MAC (16 bytes) ‖ XSalsa20 ciphertext (as long as the plaintext). The key is Argon2i v1.3 of the UTF-8
/// password with a fixed salt and libsodium's "sensitive" limits (8 passes, 512 MiB); the nonce is random per file.
/// </summary>
/// <remarks>
/// Deriving the key costs about half a gibibyte of memory and a second or more of CPU, which is the point: it is
/// what makes guessing passwords for a stolen file slow.
/// </remarks>
public static class NaclKeyfileCipher
{
    /// <summary>Bytes added to the plaintext: header, nonce and MAC.</summary>
    public const int Overhead = 5 + SecretBox.NonceSize + SecretBox.MacSize;

    /// <summary>The five ASCII bytes every <c>$NACL</c> file starts with.</summary>
    public static ReadOnlySpan<byte> Header => "$NACL"u8;

    /// <summary>The fixed Argon2i salt (spec §1.6; the same in every wallet, so the password alone picks the key).</summary>
    public static ReadOnlySpan<byte> Salt => [0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1];

    /// <summary>The 32-byte secret box key of <paramref name="password"/> (Argon2i, 8 passes, 512 MiB).</summary>
    public static byte[] DeriveKey(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var key = new byte[SecretBox.KeySize];
        try
        {
            PasswordHash.Argon2i(passwordBytes, Salt, PasswordHash.OpsLimitSensitive, PasswordHash.MemLimitSensitive, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }

        return key;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> under <paramref name="password"/> with a random nonce.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, string password)
    {
        var key = DeriveKey(password);
        try
        {
            Span<byte> nonce = stackalloc byte[SecretBox.NonceSize];
            RandomNumberGenerator.Fill(nonce);
            return Seal(key, nonce, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The whole file for a given key and nonce: header ‖ nonce ‖ MAC ‖ ciphertext.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext)
    {
        var file = new byte[Overhead + plaintext.Length];
        Header.CopyTo(file);
        nonce.CopyTo(file.AsSpan(Header.Length));
        SecretBox.Seal(key, nonce, plaintext, file.AsSpan(Header.Length + SecretBox.NonceSize));
        return file;
    }

    /// <summary>Decrypts a <c>$NACL</c> file with <paramref name="password"/>.</summary>
    /// <exception cref="InvalidPasswordException">The MAC does not verify: wrong password (or an altered file).</exception>
    /// <exception cref="KeyfileException">Not a <c>$NACL</c> file, or too short to be one (<see cref="KeyfileError.Corrupt"/>).</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> data, string password)
    {
        CheckShape(data);
        var key = DeriveKey(password);
        try
        {
            return Open(data, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Decrypts a <c>$NACL</c> file with an already derived key.</summary>
    /// <exception cref="InvalidPasswordException">The MAC does not verify.</exception>
    /// <exception cref="KeyfileException">Not a <c>$NACL</c> file (<see cref="KeyfileError.Corrupt"/>).</exception>
    public static byte[] Open(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        CheckShape(data);
        var nonce = data.Slice(Header.Length, SecretBox.NonceSize);
        var box = data[(Header.Length + SecretBox.NonceSize)..];
        var plaintext = new byte[box.Length - SecretBox.MacSize];
        if (!SecretBox.TryOpen(key, nonce, box, plaintext))
        {
            throw new InvalidPasswordException("Invalid password: it does not decrypt the $NACL keyfile (the authentication tag does not match).");
        }

        return plaintext;
    }

    private static void CheckShape(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(Header))
        {
            throw new KeyfileException(KeyfileError.Corrupt, "The data is not a $NACL keyfile (it does not start with \"$NACL\").");
        }

        if (data.Length < Overhead)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The $NACL keyfile is truncated: {data.Length} bytes, fewer than the {Overhead} of header, nonce and tag.");
        }
    }
}
