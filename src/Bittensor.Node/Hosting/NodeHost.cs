using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Node.Chain;
using Bittensor.Node.Consensus;
using Bittensor.Node.Metrics;
using Bittensor.Node.Pool;
using Bittensor.Node.Rpc;
using Bittensor.Node.Rpc.Modules;
using Bittensor.Node.Storage;

namespace Bittensor.Node.Hosting;

/// <summary>
/// A running node: the chain database, the chain, the transaction pool, the dev block producer and the JSON-RPC
/// server (with <c>/metrics</c>) on one port. <see cref="DisposeAsync"/> stops authoring, then the server, then closes
/// the database; a node killed at any moment restarts from its last committed block.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly ChainDatabase _db;
    private readonly Action<string> _log;
    private RpcServer? _rpc;

    private NodeHost(NodeOptions options, ChainDatabase db, NodeChain chain)
    {
        Options = options;
        _db = db;
        _log = options.Log ?? (_ => { });
        Chain = chain;
        Pool = new TransactionPool(options.Pool);
        Validator = new ChainPoolValidator(chain);
        Watchers = new TransactionWatchers();
        Metrics = new NodeMetrics { MempoolSize = () => Pool.Count };
    }

    public NodeOptions Options { get; }

    public NodeChain Chain { get; }

    public TransactionPool Pool { get; }

    public IPoolValidator Validator { get; }

    public TransactionWatchers Watchers { get; }

    public NodeMetrics Metrics { get; }

    public DevBlockProducer? Producer { get; private set; }

    public string DatabasePath => _db.Path;

    /// <summary>The port the RPC server listens on.</summary>
    public int RpcPort => _rpc?.Port ?? 0;

    public static async Task<NodeHost> StartAsync(NodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var db = ChainDatabase.Open(System.IO.Path.Combine(options.DataDirectory, "chain.db"));
        NodeHost? host = null;
        try
        {
            var chain = NodeChain.Open(db, options.Spec, new DevConsensus());
            host = new NodeHost(options, db, chain);
            await host.StartServicesAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                db.Dispose();
            }

            throw;
        }
    }

    /// <summary>Authors a block now (the node must have an author key).</summary>
    public ProducedBlock SealNow() =>
        (Producer ?? throw new InvalidOperationException("This node has no author key, so it cannot author blocks.")).SealNow();

    public async ValueTask DisposeAsync()
    {
        if (Producer is not null)
        {
            await Producer.DisposeAsync().ConfigureAwait(false);
        }

        if (_rpc is not null)
        {
            await _rpc.DisposeAsync().ConfigureAwait(false);
        }

        _db.Dispose();
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        var best = Chain.BestHeader;
        Metrics.BlockImported(best.Number, 0, 0, finalized: true);
        Chain.BlockImported += block =>
        {
            Watchers.OnBlock(block, Chain.Consensus.FinalizesOnImport);
        };

        var methods = new RpcMethods();
        ChainRpcModule.Register(methods, Chain, () => 0);
        SubtensorRpcModule.Register(methods, Chain);
        AuthorRpcModule.Register(methods, Chain, Pool, Validator, Watchers);
        if (Options.Author is { } author)
        {
            Producer = new DevBlockProducer(Chain, Pool, Validator, author, Options.BlockTime);
            Producer.Produced += OnProduced;
            Producer.Faulted += e => _log($"block authoring failed: {e.Message}");
            methods.Add("engine_createBlock", (_, _) =>
            {
                var produced = SealNow();
                return ValueTask.FromResult<JsonNode?>(new JsonObject
                {
                    ["hash"] = produced.Block.Hash.ToHex(),
                    ["number"] = produced.Block.Number,
                    ["transactions"] = produced.Block.TransactionHashes.Count,
                    ["rejected"] = produced.Rejected.Count,
                });
            });
        }

        var text = new Dictionary<string, Func<string>> { ["/metrics"] = Metrics.Render };
        _rpc = await RpcServer.StartAsync(
            Options.Rpc,
            methods,
            text,
            onFault: (method, e) => _log($"rpc {method} failed: {e.GetType().Name}: {e.Message}"),
            onCompleted: Metrics.RpcCompleted,
            cancellationToken).ConfigureAwait(false);
        Producer?.Start();
    }

    private void OnProduced(ProducedBlock produced, IReadOnlyList<PoolRemoval> removals, TimeSpan elapsed)
    {
        var block = produced.Block;
        Metrics.BlockImported(block.Number, block.TransactionHashes.Count, elapsed.TotalMilliseconds, Chain.Consensus.FinalizesOnImport);
        Watchers.OnRemoved(removals);
        _log(string.Create(
            CultureInfo.InvariantCulture,
            $"block #{block.Number} {block.Hash.ToHex()[..18]}… {block.TransactionHashes.Count} tx in {elapsed.TotalMilliseconds:F1} ms, {removals.Count} dropped, pool {Pool.Count}, finalized"));
    }
}
