namespace Bittensor.Node.Pool;

/// <summary>
/// Limits of the transaction pool: the most transactions and bytes it holds, the most transactions one sender may
/// have pooled, how far ahead of an account's next nonce a transaction may be kept, and the largest encoding taken.
/// </summary>
public sealed record PoolOptions(
    int MaxTransactions = 8192,
    long MaxBytes = 16 << 20,
    int MaxPerSender = 64,
    int MaxFutureGap = 64,
    int MaxTransactionBytes = 256 << 10);
