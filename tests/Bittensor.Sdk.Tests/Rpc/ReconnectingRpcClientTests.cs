using Bittensor.Node.Hosting;
using Bittensor.Runtime.Genesis;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Rpc;

/// <summary>A real node stopped and started again on the same port and database, under one reconnecting client.</summary>
public sealed class ReconnectingRpcClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sdk-reconnect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<NodeHost> StartNode(int port) => DevNode.StartHostAsync(ChainSpecPresets.Dev(), _dir, port);

    [Fact(Timeout = 120_000)]
    public async Task A_call_after_the_node_restarted_opens_a_new_connection_and_the_chain_carries_on()
    {
        var port = DevNode.FreePort();
        var node = await StartNode(port);
        await using var client = await ChainClient.ConnectAsync($"ws://127.0.0.1:{port}/", new RpcClientOptions { Reconnect = true, ConnectTimeout = TimeSpan.FromSeconds(5) });
        var rpc = Assert.IsType<ReconnectingRpcClient>(client.Rpc);
        node.SealNow();
        Assert.Equal(1UL, (await client.GetHeaderAsync()).Number);

        // The node goes away: calls fail with a connection error (each one trying to reconnect first), and nothing hangs.
        await node.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (rpc.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(rpc.IsConnected);
        var down = await Assert.ThrowsAnyAsync<Exception>(() => client.GetHeaderAsync());
        Assert.True(down is RpcConnectionException or RpcTimeoutException, down.ToString());
        Assert.Equal(0, rpc.Reconnections);

        // Back on the same port and database: the next call reconnects, and sees the block made before the restart.
        node = await StartNode(port);
        try
        {
            Assert.Equal(1UL, (await client.GetHeaderAsync()).Number);
            Assert.Equal(1, rpc.Reconnections);
            node.SealNow();
            Assert.Equal(2UL, (await client.GetHeaderAsync()).Number);
            Assert.Equal(1, rpc.Reconnections);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_the_option_a_closed_connection_stays_closed()
    {
        var port = DevNode.FreePort();
        var node = await StartNode(port);
        await using var client = await ChainClient.ConnectAsync($"ws://127.0.0.1:{port}/");
        Assert.IsType<WebSocketRpcClient>(client.Rpc);
        await node.DisposeAsync();
        node = await StartNode(port);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (((WebSocketRpcClient)client.Rpc).IsConnected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            await Assert.ThrowsAsync<RpcConnectionException>(() => client.GetHeaderAsync());
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
