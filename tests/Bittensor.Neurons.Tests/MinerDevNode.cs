using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Sdk.Client;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// A real development node in the test process: the dev chain in a temporary directory, RPC on a free port, and a
/// block authored as soon as a transaction is ready.
/// </summary>
internal sealed class MinerDevNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sealing;

    private MinerDevNode(string dir, NodeHost host)
    {
        _dir = dir;
        Host = host;
        var token = _stop.Token;
        _sealing = Task.Run(async () =>
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

    public NodeHost Host { get; }

    public string Endpoint => $"ws://127.0.0.1:{Host.RpcPort}";

    public static async Task<MinerDevNode> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("miner-node-").FullName;
        var host = await NodeHost.StartAsync(new NodeOptions
        {
            Spec = ChainSpecPresets.Dev(),
            DataDirectory = dir,
            Rpc = new RpcServerOptions { Port = 0 },
            BlockTime = null,
            Author = DevAccounts.Alice,
        });
        return new MinerDevNode(dir, host);
    }

    public Task<ChainClient> ConnectAsync() => ChainClient.ConnectAsync(Endpoint);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sealing;
        _stop.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
