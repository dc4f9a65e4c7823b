using System.Text.Json.Nodes;
using Bittensor.Node.Chain;
using Bittensor.Node.Pool;
using Bittensor.Node.Rpc;
using Bittensor.Node.Rpc.Modules;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Hosting;

/// <summary>
/// The subscribers of <c>author_submitAndWatchExtrinsic</c>, by transaction hash. Each gets its transaction's status
/// changes as Substrate names them — <c>ready</c>, <c>future</c>, <c>{"inBlock": hash}</c>,
/// <c>{"finalized": hash}</c>, <c>{"invalid": reason}</c>, <c>{"dropped": reason}</c> — and the in-block and
/// finalised notices carry the transaction's receipt (success, error, fee, events). A watch ends with its
/// transaction's final status.
/// </summary>
public sealed class TransactionWatchers
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, List<ISubscriptionSink>> _watchers = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Values.Sum(l => l.Count);
            }
        }
    }

    public IDisposable Watch(Hash32 hash, ISubscriptionSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_lock)
        {
            if (!_watchers.TryGetValue(hash, out var list))
            {
                _watchers[hash] = list = [];
            }

            list.Add(sink);
        }

        return new Handle(this, hash, sink);
    }

    /// <summary>Tells the watchers of a block's transactions that they are in it (and final, when it is).</summary>
    public void OnBlock(ImportedBlock block, bool finalized)
    {
        ArgumentNullException.ThrowIfNull(block);
        for (var i = 0; i < block.TransactionHashes.Count; i++)
        {
            var sinks = finalized ? Take(block.TransactionHashes[i]) : Peek(block.TransactionHashes[i]);
            if (sinks.Length == 0)
            {
                continue;
            }

            var receipt = ChainRpcModule.ReceiptJson(block.Receipts.Transactions[i]);
            foreach (var sink in sinks)
            {
                sink.Notify(Status("inBlock", block.Hash, receipt));
                if (finalized)
                {
                    sink.Notify(Status("finalized", block.Hash, receipt));
                }
            }
        }
    }

    /// <summary>Tells the watchers of transactions the pool dropped why (their watch ends).</summary>
    public void OnRemoved(IEnumerable<PoolRemoval> removals)
    {
        ArgumentNullException.ThrowIfNull(removals);
        foreach (var removal in removals)
        {
            var kind = removal.Error == PoolError.Invalid ? "invalid" : "dropped";
            var reason = removal.Reason is { } r ? r.ToString() : removal.Error.ToString();
            foreach (var sink in Take(removal.Hash))
            {
                sink.Notify(new JsonObject { [kind] = reason, ["message"] = removal.Message });
            }
        }
    }

    private static JsonObject Status(string kind, Hash32 block, JsonObject receipt)
    {
        var status = new JsonObject { [kind] = block.ToHex() };
        foreach (var (name, value) in receipt)
        {
            if (name != "hash")
            {
                status[name] = value?.DeepClone();
            }
        }

        return status;
    }

    private ISubscriptionSink[] Peek(Hash32 hash)
    {
        lock (_lock)
        {
            return _watchers.TryGetValue(hash, out var list) ? [.. list] : [];
        }
    }

    private ISubscriptionSink[] Take(Hash32 hash)
    {
        lock (_lock)
        {
            return _watchers.Remove(hash, out var list) ? [.. list] : [];
        }
    }

    private void Remove(Hash32 hash, ISubscriptionSink sink)
    {
        lock (_lock)
        {
            if (_watchers.TryGetValue(hash, out var list) && list.Remove(sink) && list.Count == 0)
            {
                _watchers.Remove(hash);
            }
        }
    }

    private sealed class Handle(TransactionWatchers owner, Hash32 hash, ISubscriptionSink sink) : IDisposable
    {
        public void Dispose() => owner.Remove(hash, sink);
    }
}
