namespace Bittensor.Primitives.Crypto;

/// <summary>
/// The signature schemes an extrinsic or a signed message can carry. The values are the tags of Substrate's
/// <c>MultiSignature</c> enum as SCALE encodes them (its third variant, ECDSA = 2, is not used by Bittensor).
/// </summary>
public enum SignatureScheme : byte
{
    /// <summary>Ed25519 (RFC 8032): 32-byte public key, 64-byte deterministic signature.</summary>
    Ed25519 = 0,

    /// <summary>Schnorrkel/Ristretto255 (the Substrate and Bittensor default): 32-byte public key, 64-byte signature.</summary>
    Sr25519 = 1,
}
