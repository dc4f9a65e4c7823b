using Bittensor.Primitives.Accounts;

namespace Bittensor.Primitives.Crypto;

/// <summary>
/// An Ed25519 key pair made from a 32-byte seed (RFC 8032's private key; Substrate calls it the "secret seed").
/// Signing is deterministic. The seed stays inside the object: <see cref="ToString"/> shows only the public key,
/// and <see cref="ExportSeed"/> is the one way out.
/// </summary>
public sealed class Ed25519KeyPair
{
    public const int SeedSize = 32;

    public const int PublicKeySize = 32;

    private readonly byte[] _seed;

    // libsodium's 64-byte secret key: the seed followed by the public key.
    private readonly byte[] _secretKey;

    public Ed25519KeyPair(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedSize} bytes, got {seed.Length}.", nameof(seed));
        }

        _seed = seed.ToArray();
        _secretKey = new byte[SeedSize + PublicKeySize];
        var publicKey = new byte[PublicKeySize];
        Sodium.EnsureReady();
        if (Sodium.Ed25519SeedKeypair(publicKey, _secretKey, _seed) != 0)
        {
            throw new InvalidOperationException("libsodium could not derive an Ed25519 key pair.");
        }

        PublicKey = new AccountId(publicKey);
    }

    /// <summary>The public key, which is also the account id.</summary>
    public AccountId PublicKey { get; }

    /// <summary>A copy of the 32-byte seed. Treat it as the secret it is.</summary>
    public byte[] ExportSeed() => (byte[])_seed.Clone();

    /// <summary>Signs <paramref name="message"/> (RFC 8032 Ed25519, deterministic).</summary>
    public Signature Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Signature.Size];
        SignInto(message, signature);
        return Signature.FromOwnedArray(SignatureScheme.Ed25519, signature);
    }

    /// <summary>Signs <paramref name="message"/> into the first 64 bytes of <paramref name="destination"/>.</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (destination.Length < Signature.Size)
        {
            throw new ArgumentException($"An Ed25519 signature is {Signature.Size} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        SignInto(message, destination[..Signature.Size]);
    }

    /// <summary>Verifies a signature against this pair's public key.</summary>
    public bool Verify(ReadOnlySpan<byte> message, Signature signature) => Signatures.Verify(PublicKey, message, signature);

    private void SignInto(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (Sodium.Ed25519SignDetached(signature, IntPtr.Zero, message, (ulong)message.Length, _secretKey) != 0)
        {
            throw new InvalidOperationException("libsodium could not sign the message.");
        }
    }

    /// <summary>The public key only (never the seed).</summary>
    public override string ToString() => $"Ed25519 {PublicKey}";
}
