using Bittensor.Primitives.Accounts;

namespace Bittensor.Primitives.Crypto;

/// <summary>
/// Signature verification for accounts. An account id is the signer's raw 32-byte public key, so verification needs
/// nothing but the id, the message and the signature.
/// </summary>
/// <remarks>
/// <para><b>Ed25519</b> is libsodium's <c>crypto_sign_ed25519_verify_detached</c>: RFC 8032 verification (S below the
/// group order, cofactorless equation) with libsodium's extra refusals — a public key or R that is not a canonical
/// encoding or has small order (the eight torsion points, the all-zero key among them) never verifies, so no
/// signature is valid for every message. Substrate verifies with ed25519-zebra (ZIP-215 rules), which accepts some
/// of those non-canonical and small-order encodings; the two agree on every signature an honest signer produces and
/// can differ only on deliberately malformed ones.</para>
/// <para><b>Sr25519 is not supported yet</b>: it needs schnorrkel (Ristretto255 with Merlin transcripts), for which
/// no implementation is available to this project. <see cref="Verify"/> reports every Sr25519 signature as invalid
/// (returns <c>false</c>, never throws), so callers fail closed; <see cref="IsSupported"/> tells the two cases
/// apart.</para>
/// <para>Nothing is allocated: the key, the message and the signature are pinned and passed to native code.</para>
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
        && VerifyEd25519(signer.Bytes, message, signature.Bytes);

    /// <summary>
    /// Ed25519 verification on raw bytes. False (not an exception) when the key is not 32 bytes or the signature
    /// not 64.
    /// </summary>
    public static bool VerifyEd25519(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519KeyPair.PublicKeySize || signature.Length != Signature.Size)
        {
            return false;
        }

        Sodium.EnsureReady();
        return Sodium.Ed25519VerifyDetached(signature, message, (ulong)message.Length, publicKey) == 0;
    }
}
