namespace Bittensor.Sdk.Client;

/// <summary>Why the node's transaction pool refused or dropped a transaction (the names the node reports).</summary>
public enum PoolError
{
    /// <summary>The bytes are not a well-formed signed transaction.</summary>
    Malformed,

    /// <summary>The transaction is longer than the pool accepts.</summary>
    TooLarge,

    /// <summary>The same transaction is already in the pool.</summary>
    AlreadyImported,

    /// <summary>The sender already has a pooled transaction with this nonce and at least the same tip.</summary>
    TooLowPriority,

    /// <summary>The pool is full.</summary>
    PoolFull,

    /// <summary>The sender has as many pooled transactions as one sender may.</summary>
    SenderLimit,

    /// <summary>The nonce is too far ahead of the account's next nonce.</summary>
    FutureTooFar,

    /// <summary>The runtime refused it; <see cref="TransactionRejectedException.Reason"/> says why.</summary>
    Invalid,

    /// <summary>A reason this version of the SDK does not know (see the exception's message).</summary>
    Unknown,
}
