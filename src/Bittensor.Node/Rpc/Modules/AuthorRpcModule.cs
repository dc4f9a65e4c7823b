using System.Text.Json.Nodes;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Chain;
using Bittensor.Node.Hosting;
using Bittensor.Node.Pool;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Rpc.Modules;

/// <summary>
/// <c>author_submitExtrinsic</c>, <c>author_submitAndWatchExtrinsic</c> (with <c>author_unwatchExtrinsic</c>),
/// <c>author_pendingExtrinsics</c> and <c>system_accountNextIndex</c> (the account's nonce after its pooled
/// transactions). A refused transaction is error 1010 (invalid, with the runtime's reason) or 1012 (the pool's rule),
/// and the message names the problem.
/// </summary>
public static class AuthorRpcModule
{
    public static void Register(RpcMethods methods, NodeChain chain, TransactionPool pool, IPoolValidator validator, TransactionWatchers watchers)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(watchers);

        methods.Add("author_submitExtrinsic", (p, _) =>
        {
            var entry = Submit(pool, validator, p.RequiredHex(0, "extrinsic"));
            return ValueTask.FromResult<JsonNode?>(entry.Hash.ToHex());
        });
        methods.AddSubscription("author_submitAndWatchExtrinsic", "author_unwatchExtrinsic", "author_extrinsicUpdate", (p, sink) =>
        {
            var encoded = p.RequiredHex(0, "extrinsic");
            var hash = Hash32.Of(encoded);
            var handle = watchers.Watch(hash, sink);
            try
            {
                var entry = Submit(pool, validator, encoded);
                sink.Notify(entry.Status == PoolStatus.Ready ? "ready" : "future");
                return handle;
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        });
        methods.Add("author_pendingExtrinsics", (_, _) =>
            ValueTask.FromResult<JsonNode?>(new JsonArray([.. pool.Pending().Select(e => (JsonNode?)JsonValue.Create(RpcAccounts.Hex(e.Encoded)))])));
        methods.Add("system_accountNextIndex", (p, _) =>
        {
            var account = RpcAccounts.Required(p, 0, "account");
            // The pool first, then the state: a block imports its transactions before the pool drops them, so this order
            // never sees a transaction in neither place (which would hand out its nonce again).
            var pooled = pool.Pending().Where(e => e.Transaction.Signer == account).Select(e => e.Transaction.Nonce).ToHashSet();
            var next = chain.Read(r => r.System.Nonce(account));
            while (pooled.Contains(next))
            {
                next++;
            }

            return ValueTask.FromResult<JsonNode?>(next);
        });
    }

    private static PoolEntry Submit(TransactionPool pool, IPoolValidator validator, byte[] encoded)
    {
        try
        {
            return pool.Submit(encoded, validator);
        }
        catch (PoolException e) when (e.Error == PoolError.Invalid || e.Error == PoolError.Malformed)
        {
            var reason = e.Reason ?? InvalidTransaction.Malformed;
            throw new RpcException(RpcErrorCodes.InvalidTransaction, $"Invalid transaction ({reason}): {e.Message}", reason.ToString());
        }
        catch (PoolException e)
        {
            throw new RpcException(RpcErrorCodes.PoolRejected, $"Transaction pool refused it ({e.Error}): {e.Message}", e.Error.ToString());
        }
    }
}
