namespace Bittensor.Contracts.Transactions;

/// <summary>
/// Why a transaction cannot be included. Checked before dispatch; an invalid transaction changes no state and pays
/// no fee. Numbering follows Substrate's for the shared reasons.
/// </summary>
public enum InvalidTransaction
{
    /// <summary>The call is refused by the pool rules of the module (chain spec §3.0), e.g. set_weights below the minimum stake.</summary>
    Call = 0,

    /// <summary>The signer cannot pay the fee (and tip) and stay above the existential deposit.</summary>
    Payment = 1,

    /// <summary>The nonce is ahead of the account's next nonce: the transaction may become valid later.</summary>
    Future = 2,

    /// <summary>The nonce was already used.</summary>
    Stale = 3,

    /// <summary>The signature does not verify for the signer over the signing payload.</summary>
    BadProof = 4,

    /// <summary>The era's birth block is not a known recent block (in the future, or older than the kept hashes).</summary>
    AncientBirthBlock = 5,

    /// <summary>The block or the module has no room for it now (e.g. registrations above target this interval).</summary>
    ExhaustsResources = 6,

    /// <summary>The era has ended: the transaction expired.</summary>
    Expired = 11,

    /// <summary>The bytes are not a well-formed transaction.</summary>
    Malformed = 12,

    /// <summary>The signature scheme is not supported by this chain (yet).</summary>
    UnsupportedSignature = 13,
}
