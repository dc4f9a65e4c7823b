using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Sdk.Client;

namespace Bittensor.Cli.Tests;

/// <summary>
/// A real development node in the test process for on-chain btcli commands: the dev chain in a temporary directory,
/// RPC on a free port, and a block authored as soon as a transaction is ready (instant sealing).
/// </summary>
public sealed class ChainNode : IAsyncLifetime
{
    private readonly Lock _seal = new();
    private readonly CancellationTokenSource _stop = new();
    private string _dir = string.Empty;
    private Task _loop = Task.CompletedTask;

    public NodeHost Host { get; private set; } = null!;

    public string Endpoint => $"ws://127.0.0.1:{Host.RpcPort}";

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("btcli-chain-test-").FullName;
        Host = await NodeHost.StartAsync(new NodeOptions
        {
            Spec = ChainSpecPresets.Dev(),
            DataDirectory = _dir,
            Rpc = new RpcServerOptions { Port = 0 },
            BlockTime = null,
            Author = DevAccounts.Alice,
        });
        var token = _stop.Token;
        _loop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                if (Host.Pool.ReadyCount > 0)
                {
                    lock (_seal)
                    {
                        Host.SealNow();
                    }

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

    /// <summary>Authors <paramref name="count"/> blocks now (to let rate limits expire).</summary>
    public void SealBlocks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            lock (_seal)
            {
                Host.SealNow();
            }
        }
    }

    public Task<ChainClient> ConnectAsync() => ChainClient.ConnectAsync(Endpoint);

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
