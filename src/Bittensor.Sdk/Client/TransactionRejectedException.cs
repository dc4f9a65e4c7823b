using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Hashing;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Client;

/// <summary>
/// The node refused a transaction before including it — at submission, or later when the pool dropped it — so it
/// changed nothing and paid no fee. <see cref="Error"/> is the pool's rule; for <see cref="PoolError.Invalid"/> and
/// <see cref="PoolError.Malformed"/>, <see cref="Reason"/> is the runtime's (a stale or future nonce, a bad signature,
/// an expired era, a fee the account cannot pay, …).
/// </summary>
public sealed class TransactionRejectedException(Hash32 transactionHash, PoolError error, InvalidTransaction? reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The hash of the refused transaction.</summary>
    public Hash32 TransactionHash { get; } = transactionHash;

    public PoolError Error { get; } = error;

    /// <summary>The runtime's reason, when the runtime refused it.</summary>
    public InvalidTransaction? Reason { get; } = reason;

    /// <summary>
    /// The rejection a submission's <see cref="RpcException"/> stands for (codes 1010 and 1012 with the reason in their
    /// data), or null for any other error.
    /// </summary>
    internal static TransactionRejectedException? From(RpcException e, Hash32 hash)
    {
        const int InvalidTransactionCode = 1010;
        const int PoolRejectedCode = 1012;
        switch (e.Code)
        {
            case InvalidTransactionCode:
                {
                    var reason = Enum.TryParse<InvalidTransaction>(e.ErrorData, out var r) ? r : (InvalidTransaction?)null;
                    var error = reason == InvalidTransaction.Malformed ? PoolError.Malformed : PoolError.Invalid;
                    return new TransactionRejectedException(hash, error, reason, $"The node refused transaction {hash.ToHex()}: {e.RpcMessage}", e);
                }

            case PoolRejectedCode:
                {
                    var error = Enum.TryParse<PoolError>(e.ErrorData, out var p) ? p : PoolError.Unknown;
                    return new TransactionRejectedException(hash, error, null, $"The node's transaction pool refused transaction {hash.ToHex()}: {e.RpcMessage}", e);
                }

            default:
                return null;
        }
    }
}
