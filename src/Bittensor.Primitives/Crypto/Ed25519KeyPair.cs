using System.Buffers;
using Bittensor.Primitives.Accounts;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

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
    private readonly byte[] _publicKey;

    public Ed25519KeyPair(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedSize} bytes, got {seed.Length}.", nameof(seed));
        }

        _seed = seed.ToArray();
        _publicKey = new byte[PublicKeySize];
        Rfc8032.Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        PublicKey = new AccountId(_publicKey);
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

        var signature = ArrayPool<byte>.Shared.Rent(Signature.Size);
        try
        {
            SignInto(message, signature);
            signature.AsSpan(0, Signature.Size).CopyTo(destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signature);
        }
    }

    /// <summary>Verifies a signature against this pair's public key.</summary>
    public bool Verify(ReadOnlySpan<byte> message, Signature signature) => Signatures.Verify(PublicKey, message, signature);

    private void SignInto(ReadOnlySpan<byte> message, byte[] signature)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(message.Length, 1));
        try
        {
            message.CopyTo(buffer);
            Rfc8032.Ed25519.Sign(_seed, 0, _publicKey, 0, buffer, 0, message.Length, signature, 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The public key only (never the seed).</summary>
    public override string ToString() => $"Ed25519 {PublicKey}";
}
