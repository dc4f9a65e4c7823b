using Bittensor.Primitives.Accounts;

namespace Bittensor.Primitives.Crypto;

/// <summary>The built-in verifier: <see cref="Signatures.Verify"/> (Ed25519 only; Sr25519 always fails).</summary>
public sealed class DefaultSignatureVerifier : ISignatureVerifier
{
    private DefaultSignatureVerifier()
    {
    }

    public static DefaultSignatureVerifier Instance { get; } = new();

    public bool Verify(AccountId signer, ReadOnlySpan<byte> message, Signature signature) =>
        Signatures.Verify(signer, message, signature);
}
