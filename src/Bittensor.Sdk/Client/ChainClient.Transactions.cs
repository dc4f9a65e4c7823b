using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Client;

public sealed partial class ChainClient
{
    /// <summary>
    /// Builds and signs a transaction carrying <paramref name="call"/> for this node's chain: the account's next nonce
    /// (unless <see cref="TransactionOptions.Nonce"/> is given), the chain's genesis hash and runtime versions, a
    /// mortal era anchored at the best block's parent (or immortal, see <see cref="TransactionOptions.MortalPeriod"/>)
    /// and the tip. Nothing is submitted.
    /// </summary>
    public async Task<SignedTransaction> SignAsync(Ed25519KeyPair signer, RuntimeCall call, TransactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(call);
        options ??= TransactionOptions.Default;
        options.Validate();
        var identity = await GetChainIdentityAsync(cancellationToken).ConfigureAwait(false);
        var nonce = options.Nonce ?? await GetNextNonceAsync(signer.PublicKey, cancellationToken).ConfigureAwait(false);
        var (era, birthHash) = await ChooseEraAsync(options, identity, cancellationToken).ConfigureAwait(false);
        return SignedTransaction.Sign(signer, call, nonce, identity, era, birthHash.Bytes, options.Tip);
    }

    /// <summary>
    /// Submits <paramref name="transaction"/> to the pool without waiting for it (<c>author_submitExtrinsic</c>) and
    /// returns its hash. A refusal is a <see cref="TransactionRejectedException"/> naming the pool's rule and the
    /// runtime's reason.
    /// </summary>
    public async Task<Hash32> SubmitAsync(SignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var encoded = transaction.Encode();
        var hash = Hash32.Of(encoded);
        try
        {
            return await CallAsync("author_submitExtrinsic", [NodeJson.Hex(encoded)], e => NodeJson.Hash(e, "transaction hash"), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (TransactionRejectedException.From(e, hash) is { } rejected)
        {
            throw rejected;
        }
    }

    /// <summary>
    /// Submits <paramref name="transaction"/> and follows it (<c>author_submitAndWatchExtrinsic</c>; WebSocket only):
    /// ready or future, then in a block and final, or invalid or dropped. A refusal at submission is a
    /// <see cref="TransactionRejectedException"/>. Dispose the subscription to stop watching.
    /// </summary>
    public async Task<RpcSubscription<TransactionStatus>> WatchAsync(SignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var encoded = transaction.Encode();
        var hash = Hash32.Of(encoded);
        try
        {
            return await SubscribeAsync("author_submitAndWatchExtrinsic", "author_unwatchExtrinsic", [NodeJson.Hex(encoded)], TransactionStatus.Read, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (TransactionRejectedException.From(e, hash) is { } rejected)
        {
            throw rejected;
        }
    }

    /// <summary>
    /// Submits <paramref name="transaction"/> and waits, at most <see cref="TransactionOptions.Timeout"/>, until it is in
    /// a block or final (<see cref="TransactionOptions.WaitFor"/>). Returns the block and the receipt — a call that
    /// failed is a result with <see cref="TransactionResult.Success"/> false and the decoded
    /// <see cref="TransactionResult.Error"/>, not an exception. Throws <see cref="TransactionRejectedException"/> when
    /// the node refuses or drops it, <see cref="TransactionTimeoutException"/> when time runs out.
    /// </summary>
    public async Task<TransactionResult> SubmitAndWaitAsync(SignedTransaction transaction, TransactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        options ??= TransactionOptions.Default;
        options.Validate();
        var watch = await WatchAsync(transaction, cancellationToken).ConfigureAwait(false);
        try
        {
            return await WaitForInclusionAsync(watch, transaction.Hash(), options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Signs <paramref name="call"/> with <paramref name="signer"/> (<see cref="SignAsync"/>), submits it and waits for it
    /// (<see cref="SubmitAndWaitAsync"/>). Parallel calls for one signer through this client get consecutive nonces.
    /// </summary>
    public async Task<TransactionResult> SignAndSubmitAsync(Ed25519KeyPair signer, RuntimeCall call, TransactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(call);
        options ??= TransactionOptions.Default;
        options.Validate();
        var gate = _shared.NonceLocks.GetOrAdd(signer.PublicKey, _ => new SemaphoreSlim(1, 1));
        SignedTransaction transaction;
        RpcSubscription<TransactionStatus> watch;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            transaction = await SignAsync(signer, call, options, cancellationToken).ConfigureAwait(false);
            watch = await WatchAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        try
        {
            return await WaitForInclusionAsync(watch, transaction.Hash(), options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The transactions waiting in the node's pool, as submitted (<c>author_pendingExtrinsics</c>).</summary>
    public Task<IReadOnlyList<byte[]>> GetPendingTransactionsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<byte[]>>("author_pendingExtrinsics", null, e => NodeJson.Array(e, "pending", (t, i) => NodeJson.Bytes(t, $"pending[{i}]")), cancellationToken);

    /// <summary>
    /// Asks a development node to author a block now (<c>engine_createBlock</c>); only nodes started with an authoring
    /// key answer it.
    /// </summary>
    public Task<CreatedBlock> CreateBlockAsync(CancellationToken cancellationToken = default) =>
        CallAsync("engine_createBlock", null, CreatedBlock.Read, cancellationToken);

    private async Task<(Era Era, Hash32 BirthHash)> ChooseEraAsync(TransactionOptions options, ChainIdentity identity, CancellationToken cancellationToken)
    {
        if (options.MortalPeriod is not { } period)
        {
            return (Era.Immortal, identity.GenesisHash);
        }

        var best = await GetHeaderAsync(null, cancellationToken).ConfigureAwait(false);
        if (best.Number == 0)
        {
            return (Era.Immortal, identity.GenesisHash);
        }

        // The pool checks a transaction against the best block's state, which holds the hashes of the blocks before
        // the best one but not the best one's own: the era is born at the best block's parent.
        return (Era.Mortal(best.Number - 1, period), best.ParentHash);
    }

    private async Task<TransactionResult> WaitForInclusionAsync(
        RpcSubscription<TransactionStatus> watch, Hash32 hash, TransactionOptions options, CancellationToken cancellationToken)
    {
        TransactionStage? last = null;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.Timeout);
        try
        {
            await foreach (var status in watch.WithCancellation(cts.Token).ConfigureAwait(false))
            {
                last = status.Stage;
                switch (status.Stage)
                {
                    case TransactionStage.InBlock when options.WaitFor == TransactionWait.InBlock:
                    case TransactionStage.Finalized:
                        {
                            var block = status.BlockHash!.Value;
                            var header = await GetHeaderAsync(block, cancellationToken).ConfigureAwait(false);
                            return new TransactionResult(hash, block, header.Number, status.Stage == TransactionStage.Finalized, status.Receipt!);
                        }

                    case TransactionStage.Invalid:
                        throw new TransactionRejectedException(
                            hash,
                            PoolError.Invalid,
                            Enum.TryParse<InvalidTransaction>(status.Reason, out var reason) ? reason : null,
                            $"The node found transaction {hash.ToHex()} invalid after accepting it ({status.Reason}): {status.Message}");

                    case TransactionStage.Dropped:
                        throw new TransactionRejectedException(
                            hash,
                            Enum.TryParse<PoolError>(status.Reason, out var error) ? error : PoolError.Unknown,
                            null,
                            $"The node's pool dropped transaction {hash.ToHex()} ({status.Reason}): {status.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransactionTimeoutException(hash, last, options.WaitFor, Endpoint, options.Timeout);
        }

        throw new RpcResponseException("author_submitAndWatchExtrinsic", Endpoint, $"the watch of transaction {hash.ToHex()} ended before it was included.");
    }
}
