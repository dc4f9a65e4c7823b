namespace Bittensor.Node.Pool;

/// <summary>Why the transaction pool refused or dropped a transaction.</summary>
public enum PoolError
{
    /// <summary>The bytes are not a well-formed signed transaction.</summary>
    Malformed,

    /// <summary>The encoding is longer than <see cref="PoolOptions.MaxTransactionBytes"/>.</summary>
    TooLarge,

    /// <summary>A transaction with the same hash is already pooled.</summary>
    AlreadyImported,

    /// <summary>The sender already has a pooled transaction with that nonce and at least the same tip.</summary>
    TooLowPriority,

    /// <summary>The pool holds its maximum count or bytes and nothing worse could make room.</summary>
    PoolFull,

    /// <summary>The sender already has <see cref="PoolOptions.MaxPerSender"/> pooled transactions.</summary>
    SenderLimit,

    /// <summary>The nonce is more than <see cref="PoolOptions.MaxFutureGap"/> ahead of the account's next nonce.</summary>
    FutureTooFar,

    /// <summary>The runtime refused it; the reason is the runtime's <c>InvalidTransaction</c>.</summary>
    Invalid,
}
