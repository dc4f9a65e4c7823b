using System.Buffers;
using Bittensor.Primitives.Accounts;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace Bittensor.Primitives.Crypto;

/// <summary>
/// Signature verification for accounts. An account id is the signer's raw 32-byte public key, so verification needs
/// nothing but the id, the message and the signature.
/// </summary>
/// <remarks>
/// <para><b>Ed25519</b> follows RFC 8032 strictly (BouncyCastle's implementation): the scalar S must be below the
/// group order and the public key and R must decode to curve points. Substrate verifies with ed25519-zebra, whose
/// ZIP-215 rules also accept some non-canonical point encodings; the two agree on every signature an honest signer
/// produces and can differ only on deliberately malformed ones.</para>
/// <para><b>Sr25519 is not supported yet</b>: it needs schnorrkel (Ristretto255 with Merlin transcripts), for which
/// no implementation is available to this project. <see cref="Verify"/> reports every Sr25519 signature as invalid
/// (returns <c>false</c>, never throws), so callers fail closed; <see cref="IsSupported"/> tells the two cases
/// apart.</para>
/// <para>Allocation: the wrapper passes the key and the signature without copying and the message through a pooled
/// buffer (BouncyCastle takes arrays), so it allocates nothing of its own; BouncyCastle 1.8.10's curve arithmetic,
/// however, allocates its own scratch (on the order of 100 KB per verification).</para>
/// </remarks>
public static class Signatures
{
    /// <summary>Whether <see cref="Verify"/> can actually check signatures of <paramref name="scheme"/>.</summary>
    public static bool IsSupported(SignatureScheme scheme) => scheme == SignatureScheme.Ed25519;

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by
    /// <paramref name="signer"/>. Always false for Sr25519 (not supported yet) and for any unknown scheme.
    /// </summary>
    public static bool Verify(AccountId signer, ReadOnlySpan<byte> message, Signature signature) =>
        signature.Scheme == SignatureScheme.Ed25519
        && VerifyCore(signature.BackingArray, 0, signer.BackingArray, 0, message);

    /// <summary>
    /// RFC 8032 Ed25519 verification on raw bytes. False (not an exception) when the key is not 32 bytes or the
    /// signature not 64.
    /// </summary>
    public static bool VerifyEd25519(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519KeyPair.PublicKeySize || signature.Length != Signature.Size)
        {
            return false;
        }

        var keyAndSignature = ArrayPool<byte>.Shared.Rent(Signature.Size + Ed25519KeyPair.PublicKeySize);
        try
        {
            signature.CopyTo(keyAndSignature);
            publicKey.CopyTo(keyAndSignature.AsSpan(Signature.Size));
            return VerifyCore(keyAndSignature, 0, keyAndSignature, Signature.Size, message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(keyAndSignature);
        }
    }

    private static bool VerifyCore(byte[] signature, int signatureOffset, byte[] publicKey, int publicKeyOffset, ReadOnlySpan<byte> message)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(message.Length, 1));
        try
        {
            message.CopyTo(buffer);
            return Rfc8032.Ed25519.Verify(signature, signatureOffset, publicKey, publicKeyOffset, buffer, 0, message.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
