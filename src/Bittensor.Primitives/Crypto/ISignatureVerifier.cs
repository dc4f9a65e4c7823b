using Bittensor.Primitives.Accounts;

namespace Bittensor.Primitives.Crypto;

/// <summary>
/// Checks a signature over a message against the account that claims to have signed it. Components that verify
/// signatures take one of these so that tests (or a later sr25519 implementation) can supply their own;
/// <see cref="DefaultSignatureVerifier.Instance"/> is <see cref="Signatures.Verify"/>.
/// </summary>
public interface ISignatureVerifier
{
    /// <summary>True when <paramref name="signature"/> is valid for <paramref name="message"/> under <paramref name="signer"/>.</summary>
    bool Verify(AccountId signer, ReadOnlySpan<byte> message, Signature signature);
}
