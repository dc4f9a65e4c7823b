using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Tests.Support;

/// <summary>
/// A real development node in the test process: the dev chain in a temporary directory, RPC on a free port, Alice
/// authoring only on demand. <see cref="StartInstantSealing"/> makes it author a block as soon as a transaction is
/// ready, as a node with instant sealing would.
/// </summary>
internal sealed class DevNode : IAsyncDisposable
{
    private readonly string _dir;
    private CancellationTokenSource? _sealing;
    private Task _sealLoop = Task.CompletedTask;

    private DevNode(string dir, NodeHost host)
    {
        _dir = dir;
        Host = host;
    }

    public NodeHost Host { get; }

    public Uri WebSocketEndpoint => new($"ws://127.0.0.1:{Host.RpcPort}/");

    public Uri HttpEndpoint => new($"http://127.0.0.1:{Host.RpcPort}/");

    public static async Task<DevNode> StartAsync(ChainSpec? spec = null)
    {
        var dir = Directory.CreateTempSubdirectory("sdk-node-").FullName;
        var host = await NodeHost.StartAsync(new NodeOptions
        {
            Spec = spec ?? ChainSpecPresets.Dev(),
            DataDirectory = dir,
            Rpc = new RpcServerOptions { Port = 0 },
            BlockTime = null,
            Author = DevAccounts.Alice,
        });
        return new DevNode(dir, host);
    }

    /// <summary>
    /// A bare dev-chain node host on a given port and data directory, for tests that stop a node and start it again
    /// where clients expect it (the caller disposes it; the directory stays).
    /// </summary>
    public static Task<NodeHost> StartHostAsync(ChainSpec spec, string directory, int port) => NodeHost.StartAsync(new NodeOptions
    {
        Spec = spec,
        DataDirectory = directory,
        Rpc = new RpcServerOptions { Port = port },
        BlockTime = null,
        Author = DevAccounts.Alice,
    });

    /// <summary>The dev chain with subnet 1's hyperparameters changed as given (e.g. a short tempo).</summary>
    public static ChainSpec DevSpecWithSubnet(IReadOnlyDictionary<string, ulong> hyperparameters)
    {
        var spec = ChainSpecPresets.Dev();
        var subnet = spec.Genesis.Subnets[0];
        var merged = new Dictionary<string, ulong>(subnet.Hyperparameters);
        foreach (var (name, value) in hyperparameters)
        {
            merged[name] = value;
        }

        return spec with { Genesis = spec.Genesis with { Subnets = [subnet with { Hyperparameters = merged }, .. spec.Genesis.Subnets.Skip(1)] } };
    }

    /// <summary>Makes <paramref name="host"/> author a block every <paramref name="period"/> until the result is disposed.</summary>
    public static IAsyncDisposable SealEvery(NodeHost host, TimeSpan period) => new TimedSealing(host, period);

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A client over WebSocket (<paramref name="transport"/> "ws") or HTTP ("http").</summary>
    public Task<ChainClient> ConnectAsync(string transport = "ws", RpcClientOptions? options = null) =>
        ChainClient.ConnectAsync(transport == "ws" ? WebSocketEndpoint : HttpEndpoint, options);

    private sealed class TimedSealing : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public TimedSealing(NodeHost host, TimeSpan period) => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                host.SealNow();
                await Task.Delay(period, CancellationToken.None);
            }
        });

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }

    /// <summary>From now on, author a block whenever the pool holds a ready transaction.</summary>
    public void StartInstantSealing()
    {
        if (_sealing is not null)
        {
            return;
        }

        _sealing = new CancellationTokenSource();
        var token = _sealing.Token;
        _sealLoop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                if (Host.Pool.ReadyCount > 0)
                {
                    Host.SealNow();
                    continue;
                }

                try
                {
                    await Task.Delay(5, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_sealing is not null)
        {
            await _sealing.CancelAsync();
            await _sealLoop;
            _sealing.Dispose();
        }

        await Host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
