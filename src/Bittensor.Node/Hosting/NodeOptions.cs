using Bittensor.Node.Pool;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Crypto;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Node.Hosting;

/// <summary>How to run a node: its chain, where its data lives, its RPC endpoint, its authoring key and pace.</summary>
public sealed record NodeOptions
{
    public required ChainSpec Spec { get; init; }

    /// <summary>The chain's data directory; the database is <c>chain.db</c> inside it.</summary>
    public required string DataDirectory { get; init; }

    public RpcServerOptions Rpc { get; init; } = new();

    /// <summary>Time between authored blocks; null authors only on demand (<c>engine_createBlock</c>).</summary>
    public TimeSpan? BlockTime { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>The key this node authors with; it must be the chain's dev authority. Null: the node authors nothing.</summary>
    public Ed25519KeyPair? Author { get; init; }

    public PoolOptions Pool { get; init; } = new();

    /// <summary>Where log lines go (one per block, plus start-up and faults).</summary>
    public Action<string>? Log { get; init; }
}
