using System.Security.Cryptography;
using System.Text;

namespace Bittensor.Primitives.Keys;

/// <summary>
/// Substrate's way from a mnemonic to a key: PBKDF2-HMAC-SHA512 with the mnemonic's <b>entropy bytes</b> as the
/// password (not the words, as standard BIP39 seeds use), salt <c>"mnemonic" + password</c>, 2048 iterations and 64
/// bytes of output. The first 32 bytes are the mini-secret: the Ed25519 seed, or schnorrkel's mini secret key.
/// </summary>
public static class SubstrateBip39
{
    public const int SeedSize = 64;

    public const int MiniSecretSize = 32;

    private const int Iterations = 2048;

    /// <summary>The 64-byte seed for 16, 20, 24, 28 or 32 bytes of entropy and an optional password.</summary>
    public static byte[] SeedFromEntropy(ReadOnlySpan<byte> entropy, string password = "")
    {
        ArgumentNullException.ThrowIfNull(password);
        if (entropy.Length is < 16 or > 32 || entropy.Length % 4 != 0)
        {
            throw new ArgumentException($"BIP39 entropy is 16, 20, 24, 28 or 32 bytes, got {entropy.Length}.", nameof(entropy));
        }

        var salt = Encoding.UTF8.GetBytes("mnemonic" + password);
        var seed = new byte[SeedSize];
        Rfc2898DeriveBytes.Pbkdf2(entropy, salt, seed, Iterations, HashAlgorithmName.SHA512);
        CryptographicOperations.ZeroMemory(salt);
        return seed;
    }

    /// <summary>The 32-byte mini-secret: the first half of <see cref="SeedFromEntropy"/>.</summary>
    public static byte[] MiniSecretFromEntropy(ReadOnlySpan<byte> entropy, string password = "")
    {
        var seed = SeedFromEntropy(entropy, password);
        var miniSecret = seed.AsSpan(0, MiniSecretSize).ToArray();
        CryptographicOperations.ZeroMemory(seed);
        return miniSecret;
    }

    /// <summary>The mini-secret of an English BIP39 phrase (checksum validated) and an optional password.</summary>
    /// <exception cref="FormatException">The phrase is not a valid mnemonic.</exception>
    public static byte[] MiniSecretFromPhrase(string phrase, string password = "")
    {
        var entropy = Mnemonic.ToEntropy(phrase);
        try
        {
            return MiniSecretFromEntropy(entropy, password);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(entropy);
        }
    }
}
