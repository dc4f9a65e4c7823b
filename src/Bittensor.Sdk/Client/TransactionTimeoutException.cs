using System.Globalization;
using Bittensor.Primitives.Hashing;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Client;

/// <summary>
/// A submitted transaction did not reach the awaited stage in time. It may still be included later: look it up by
/// <see cref="TransactionHash"/> (<see cref="ChainClient.GetTransactionAsync"/>) before sending it again.
/// </summary>
public sealed class TransactionTimeoutException(Hash32 transactionHash, TransactionStage? lastStage, TransactionWait awaited, Uri endpoint, TimeSpan timeout)
    : RpcTimeoutException(
        "author_submitAndWatchExtrinsic",
        endpoint,
        timeout,
        string.Create(
            CultureInfo.InvariantCulture,
            $"Transaction {transactionHash.ToHex()} was not {(awaited == TransactionWait.Finalized ? "finalized" : "in a block")} within {timeout.TotalSeconds:0.###} s (last status: {lastStage?.ToString() ?? "none"}). It may still be included; look it up by hash before sending it again."))
{
    public Hash32 TransactionHash { get; } = transactionHash;

    /// <summary>The last status the node reported, or null if none came.</summary>
    public TransactionStage? LastStage { get; } = lastStage;
}
