namespace Bittensor.Primitives.Crypto;

/// <summary>
/// NaCl's <c>crypto_secretbox</c> through libsodium: XSalsa20 encryption with a Poly1305 authenticator under a
/// 32-byte key and a 24-byte nonce. A box is the 16-byte MAC followed by the ciphertext, which is as long as the
/// message (libsodium's "easy" layout, and PyNaCl's after its nonce).
/// </summary>
public static class SecretBox
{
    public const int KeySize = 32;

    public const int NonceSize = 24;

    public const int MacSize = 16;

    /// <summary>Encrypts <paramref name="message"/> into <paramref name="box"/>, which must be <see cref="MacSize"/> bytes longer.</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> box)
    {
        CheckKeyAndNonce(key, nonce);
        if (box.Length != message.Length + MacSize)
        {
            throw new ArgumentException($"The box for a {message.Length}-byte message is {message.Length + MacSize} bytes; the buffer has {box.Length}.", nameof(box));
        }

        Sodium.EnsureReady();
        if (Sodium.SecretBoxEasy(box, message, (ulong)message.Length, nonce, key) != 0)
        {
            throw new InvalidOperationException("libsodium could not seal the secret box.");
        }
    }

    /// <summary>The box of <paramref name="message"/>: MAC ‖ ciphertext.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message)
    {
        var box = new byte[message.Length + MacSize];
        Seal(key, nonce, message, box);
        return box;
    }

    /// <summary>
    /// Checks the MAC of <paramref name="box"/> and decrypts it into <paramref name="message"/> (<see cref="MacSize"/>
    /// bytes shorter than the box). False when the box is shorter than a MAC or was not sealed with this key and
    /// nonce (or was altered); <paramref name="message"/> is then zeroed.
    /// </summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> box, Span<byte> message)
    {
        CheckKeyAndNonce(key, nonce);
        if (box.Length < MacSize)
        {
            return false;
        }

        if (message.Length != box.Length - MacSize)
        {
            throw new ArgumentException($"The message of a {box.Length}-byte box is {box.Length - MacSize} bytes; the buffer has {message.Length}.", nameof(message));
        }

        Sodium.EnsureReady();
        if (Sodium.SecretBoxOpenEasy(message, box, (ulong)box.Length, nonce, key) != 0)
        {
            message.Clear();
            return false;
        }

        return true;
    }

    private static void CheckKeyAndNonce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A secret box key is {KeySize} bytes, got {key.Length}.", nameof(key));
        }

        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"A secret box nonce is {NonceSize} bytes, got {nonce.Length}.", nameof(nonce));
        }
    }
}
