using System.Security.Cryptography;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;

namespace Bittensor.Sdk.Wallets;

/// <summary>
/// A wallet key: always its public key and SS58 address, and, unless it was loaded from public data only, the secret
/// it signs with (an Ed25519 seed, and the mnemonic when it came from one). <see cref="ToString"/> shows the type and
/// address only; the secrets leave the object only through the <c>Export*</c> methods.
/// </summary>
/// <remarks>
/// For Ed25519 the secret seed is the 32-byte Substrate mini-secret of the mnemonic (spec §1.2 step 5), and the
/// "private key" is libsodium's 64-byte secret key, seed ‖ public key.
/// </remarks>
public sealed class Keypair
{
    /// <summary>Bytes of an Ed25519 private key as keyfiles hold it: seed ‖ public key.</summary>
    public const int Ed25519PrivateKeySize = Ed25519KeyPair.SeedSize + Ed25519KeyPair.PublicKeySize;

    private readonly Ed25519KeyPair? _ed25519;
    private readonly byte[]? _seed;
    private readonly string? _mnemonic;

    private Keypair(KeyType type, AccountId publicKey, Ed25519KeyPair? ed25519, byte[]? seed, string? mnemonic)
    {
        Type = type;
        PublicKey = publicKey;
        Ss58Address = Ss58.Encode(publicKey);
        _ed25519 = ed25519;
        _seed = seed;
        _mnemonic = mnemonic;
    }

    public KeyType Type { get; }

    /// <summary>The 32-byte public key, which is also the account id.</summary>
    public AccountId PublicKey { get; }

    /// <summary>The SS58 address with Bittensor's prefix 42.</summary>
    public string Ss58Address { get; }

    /// <summary>True when the key can sign (it holds a secret), false for a public key alone.</summary>
    public bool HasPrivateKey => _ed25519 is not null;

    /// <summary>True when the key was made from a mnemonic, which it keeps.</summary>
    public bool HasMnemonic => _mnemonic is not null;

    /// <summary>The Ed25519 pair this key signs with.</summary>
    /// <exception cref="InvalidOperationException">The key is public only.</exception>
    public Ed25519KeyPair Ed25519 => _ed25519 ?? throw new InvalidOperationException($"The key {Ss58Address} is public only: it has no secret to sign with.");

    /// <summary>A new key from a new random mnemonic of <paramref name="words"/> words (12, 15, 18, 21 or 24).</summary>
    public static Keypair Generate(int words = 12, KeyType type = KeyType.Ed25519)
    {
        if (!Mnemonic.WordCounts.Contains(words))
        {
            throw new ArgumentOutOfRangeException(nameof(words), words, "A mnemonic has 12, 15, 18, 21 or 24 words.");
        }

        return FromMnemonic(Mnemonic.Generate(words), type);
    }

    /// <summary>The key of an English BIP39 mnemonic: its Substrate mini-secret is the Ed25519 seed.</summary>
    /// <exception cref="FormatException">The phrase is not a valid mnemonic (the message never quotes it).</exception>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is <see cref="KeyType.Sr25519"/>.</exception>
    public static Keypair FromMnemonic(string phrase, KeyType type = KeyType.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        RequireSecretSupport(type);
        var normalized = string.Join(' ', phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var seed = SubstrateBip39.MiniSecretFromPhrase(normalized);
        return new Keypair(type, PairOf(seed, out var pair), pair, seed, normalized);
    }

    /// <summary>The key whose 32-byte secret seed is <paramref name="seed"/>.</summary>
    /// <exception cref="FormatException">The seed is not 32 bytes.</exception>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is <see cref="KeyType.Sr25519"/>.</exception>
    public static Keypair FromSeed(ReadOnlySpan<byte> seed, KeyType type = KeyType.Ed25519)
    {
        RequireSecretSupport(type);
        if (seed.Length != Ed25519KeyPair.SeedSize)
        {
            throw new FormatException($"A secret seed is {Ed25519KeyPair.SeedSize} bytes (64 hex digits), got {seed.Length} bytes.");
        }

        var copy = seed.ToArray();
        return new Keypair(type, PairOf(copy, out var pair), pair, copy, null);
    }

    /// <summary>The key of a <c>0x</c>-prefixed (or bare) hex seed of 32 bytes.</summary>
    /// <exception cref="FormatException">Not 64 hex digits (the message never quotes the text).</exception>
    public static Keypair FromSeedHex(string seedHex, KeyType type = KeyType.Ed25519)
    {
        var seed = DecodeHex(seedHex, Ed25519KeyPair.SeedSize, "secret seed");
        try
        {
            return FromSeed(seed, type);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>
    /// The key of a 64-byte Ed25519 private key (seed ‖ public key, libsodium's layout). The public half must be the
    /// seed's public key.
    /// </summary>
    /// <exception cref="FormatException">Wrong length, or a public half that does not belong to the seed.</exception>
    public static Keypair FromEd25519PrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Ed25519PrivateKeySize)
        {
            throw new FormatException($"An Ed25519 private key is {Ed25519PrivateKeySize} bytes (seed and public key), got {privateKey.Length}.");
        }

        var key = FromSeed(privateKey[..Ed25519KeyPair.SeedSize]);
        if (!key.PublicKey.Bytes.SequenceEqual(privateKey[Ed25519KeyPair.SeedSize..]))
        {
            throw new FormatException("The Ed25519 private key's second half is not the public key of its seed.");
        }

        return key;
    }

    /// <summary>The key of a secret URI (<c>phrase//hard</c>, <c>0xseed//hard</c>, <c>//Alice</c>; see <see cref="SecretUri"/>).</summary>
    /// <exception cref="FormatException">Malformed URI or phrase.</exception>
    /// <exception cref="NotSupportedException">A soft junction (Ed25519 has hard derivation only).</exception>
    public static Keypair FromUri(string uri)
    {
        var pair = KeyDerivation.Ed25519FromUri(uri);
        return new Keypair(KeyType.Ed25519, pair.PublicKey, pair, pair.ExportSeed(), null);
    }

    /// <summary>A public-only key.</summary>
    public static Keypair FromPublicKey(AccountId publicKey, KeyType type = KeyType.Ed25519) => new(type, publicKey, null, null, null);

    /// <summary>A public-only key from <c>0x</c> + 64 hex digits.</summary>
    /// <exception cref="FormatException">Not 32 bytes of hex.</exception>
    public static Keypair FromPublicKeyHex(string publicKeyHex, KeyType type = KeyType.Ed25519) =>
        FromPublicKey(new AccountId(DecodeHex(publicKeyHex, AccountId.Size, "public key")), type);

    /// <summary>A public-only key from an SS58 address with prefix 42.</summary>
    /// <exception cref="FormatException">Not a valid prefix-42 address.</exception>
    public static Keypair FromSs58Address(string address, KeyType type = KeyType.Ed25519) => FromPublicKey(Ss58.Decode(address), type);

    /// <summary>Signs <paramref name="message"/>.</summary>
    /// <exception cref="InvalidOperationException">The key is public only.</exception>
    public Signature Sign(ReadOnlySpan<byte> message) => Ed25519.Sign(message);

    /// <summary>Whether <paramref name="signature"/> is this key's signature of <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, Signature signature) => Signatures.Verify(PublicKey, message, signature);

    /// <summary>The mnemonic, or null when the key did not come from one. Treat it as the secret it is.</summary>
    public string? ExportMnemonic() => _mnemonic;

    /// <summary>A copy of the 32-byte secret seed, or null for a public-only key.</summary>
    public byte[]? ExportSeed() => (byte[]?)_seed?.Clone();

    /// <summary>A copy of the 64-byte private key (seed ‖ public key), or null for a public-only key.</summary>
    public byte[]? ExportPrivateKey()
    {
        if (_seed is null)
        {
            return null;
        }

        var privateKey = new byte[Ed25519PrivateKeySize];
        _seed.CopyTo(privateKey, 0);
        PublicKey.Bytes.CopyTo(privateKey.AsSpan(Ed25519KeyPair.SeedSize));
        return privateKey;
    }

    /// <summary>The public part of this key alone.</summary>
    public Keypair ToPublic() => _seed is null ? this : FromPublicKey(PublicKey, Type);

    /// <summary>The type and the address; never a secret.</summary>
    public override string ToString() => $"{(Type == KeyType.Ed25519 ? "ed25519" : "sr25519")} {Ss58Address}{(HasPrivateKey ? string.Empty : " (public only)")}";

    internal static byte[] DecodeHex(string text, int size, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.AsSpan().Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length != size * 2)
        {
            throw new FormatException($"A {what} is {size} bytes: 0x and {size * 2} hex digits; the text has {digits.Length} digits.");
        }

        var bytes = new byte[size];
        if (Convert.FromHexString(digits, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw new FormatException($"The {what} is not valid hexadecimal.");
        }

        return bytes;
    }

    private static AccountId PairOf(byte[] seed, out Ed25519KeyPair pair)
    {
        pair = new Ed25519KeyPair(seed);
        return pair.PublicKey;
    }

    private static void RequireSecretSupport(KeyType type)
    {
        if (type != KeyType.Ed25519)
        {
            throw new NotSupportedException("Sr25519 secret keys are not supported yet: only Ed25519 keys can be created or unlocked.");
        }
    }
}
