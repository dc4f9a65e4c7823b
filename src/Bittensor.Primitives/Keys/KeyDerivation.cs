using System.Security.Cryptography;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Primitives.Keys;

/// <summary>
/// Ed25519 keys from mnemonics, seeds and secret URIs, derived as Substrate derives them. Ed25519 has only hard
/// derivation: the child seed of a junction is
/// <c>Blake2b-256(SCALE("Ed25519HDKD") ‖ seed ‖ chain_code)</c>, where <c>SCALE("Ed25519HDKD")</c> is the byte 0x2c
/// (compact length 11) followed by the 11 ASCII bytes. A soft junction is refused.
/// </summary>
public static class KeyDerivation
{
    private static ReadOnlySpan<byte> HardDerivationContext => "\u002cEd25519HDKD"u8;

    /// <summary>
    /// The Ed25519 key pair of a secret URI (see <see cref="SecretUri"/>): the phrase's mini-secret (or the
    /// <c>0x</c> hex seed) derived along the URI's junctions. <paramref name="passwordOverride"/>, when given,
    /// replaces the URI's own password (Substrate's rule). A hex seed ignores any password.
    /// </summary>
    /// <exception cref="FormatException">Malformed URI, invalid mnemonic, or a hex seed that is not 32 bytes.</exception>
    /// <exception cref="NotSupportedException">The path has a soft junction.</exception>
    public static Ed25519KeyPair Ed25519FromUri(string uri, string? passwordOverride = null)
    {
        var secretUri = SecretUri.Parse(uri);
        var root = RootSeed(secretUri, passwordOverride);
        try
        {
            var seed = Ed25519DeriveSeed(root, secretUri.Junctions);
            try
            {
                return new Ed25519KeyPair(seed);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(root);
        }
    }

    /// <summary>The Ed25519 key pair whose seed is the mini-secret of <paramref name="phrase"/>.</summary>
    /// <exception cref="FormatException">The phrase is not a valid mnemonic.</exception>
    public static Ed25519KeyPair Ed25519FromPhrase(string phrase, string password = "")
    {
        var seed = SubstrateBip39.MiniSecretFromPhrase(phrase, password);
        try
        {
            return new Ed25519KeyPair(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The seed reached from <paramref name="seed"/> along <paramref name="path"/> (hard junctions only).</summary>
    /// <exception cref="NotSupportedException">The path has a soft junction.</exception>
    public static byte[] Ed25519DeriveSeed(ReadOnlySpan<byte> seed, IEnumerable<DeriveJunction> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireSeed(seed);
        var current = seed.ToArray();
        foreach (var junction in path)
        {
            var next = Ed25519DeriveHard(current, junction);
            CryptographicOperations.ZeroMemory(current);
            current = next;
        }

        return current;
    }

    /// <summary>One hard derivation step: <c>Blake2b-256(SCALE("Ed25519HDKD") ‖ seed ‖ chain_code)</c>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="junction"/> is soft.</exception>
    public static byte[] Ed25519DeriveHard(ReadOnlySpan<byte> seed, DeriveJunction junction)
    {
        RequireSeed(seed);
        if (!junction.IsHard)
        {
            throw new NotSupportedException(
                "Ed25519 keys support only hard derivation ('//name'); soft junctions ('/name') exist only for sr25519.");
        }

        Span<byte> input = stackalloc byte[HardDerivationContext.Length + Ed25519KeyPair.SeedSize + DeriveJunction.ChainCodeSize];
        HardDerivationContext.CopyTo(input);
        seed.CopyTo(input[HardDerivationContext.Length..]);
        junction.ChainCode.CopyTo(input[(HardDerivationContext.Length + Ed25519KeyPair.SeedSize)..]);
        var derived = Hashes.Blake2b256(input);
        CryptographicOperations.ZeroMemory(input);
        return derived;
    }

    private static byte[] RootSeed(SecretUri uri, string? passwordOverride)
    {
        if (uri.Phrase.StartsWith("0x", StringComparison.Ordinal))
        {
            byte[] seed;
            try
            {
                seed = Convert.FromHexString(uri.Phrase.AsSpan(2));
            }
            catch (FormatException)
            {
                throw new FormatException("The secret URI's 0x seed is not valid hexadecimal.");
            }

            if (seed.Length != Ed25519KeyPair.SeedSize)
            {
                CryptographicOperations.ZeroMemory(seed);
                throw new FormatException($"The secret URI's 0x seed must be {Ed25519KeyPair.SeedSize} bytes (64 hex digits).");
            }

            return seed;
        }

        return SubstrateBip39.MiniSecretFromPhrase(uri.Phrase, passwordOverride ?? uri.Password ?? string.Empty);
    }

    private static void RequireSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519KeyPair.SeedSize)
        {
            throw new ArgumentException($"An Ed25519 seed is {Ed25519KeyPair.SeedSize} bytes, got {seed.Length}.", nameof(seed));
        }
    }
}
