using System.Text.Json;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Rpc;

/// <summary>The HTTP transport against a real node, a server that accepts and never answers, and a closed port.</summary>
public sealed class HttpRpcClientTests : IAsyncLifetime
{
    private DevNode _node = null!;

    public async Task InitializeAsync() => _node = await DevNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Calls_answer_as_over_the_websocket_and_errors_carry_their_code()
    {
        await using var http = new HttpRpcClient(_node.HttpEndpoint);
        await using var ws = await WebSocketRpcClient.ConnectAsync(_node.WebSocketEndpoint);
        foreach (var method in new[] { "system_chain", "system_properties", "chain_getHeader", "rpc_methods" })
        {
            Assert.Equal((await ws.CallAsync(method)).GetRawText(), (await http.CallAsync(method)).GetRawText());
        }

        Assert.Equal(JsonValueKind.Null, (await http.CallAsync("chain_getBlockHash", [99])).ValueKind);
        var e = await Assert.ThrowsAsync<RpcException>(() => http.CallAsync("chain_getHeader", ["0x" + new string('1', 64)]));
        Assert.Equal(4004, e.Code);
        Assert.Equal("chain_getHeader", e.Method);
        Assert.False(http.SupportsSubscriptions);
        var subscribe = await Assert.ThrowsAsync<NotSupportedException>(() => http.SubscribeAsync("chain_subscribeNewHeads", "chain_unsubscribeNewHeads"));
        Assert.Contains("ws://", subscribe.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_accepts_and_never_answers_times_out_naming_the_method_and_the_endpoint()
    {
        await using var server = new SilentServer(webSocket: false);
        await using var http = new HttpRpcClient(server.Endpoint, new RpcClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<RpcTimeoutException>(() => http.CallAsync("system_health"));
        Assert.Equal("system_health", e.Method);
        Assert.Equal(server.Endpoint, e.Endpoint);
        var perCall = await Assert.ThrowsAsync<RpcTimeoutException>(() => http.CallAsync("system_name", timeout: TimeSpan.FromMilliseconds(150)));
        Assert.Equal(TimeSpan.FromMilliseconds(150), perCall.Timeout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_closed_port_is_a_connection_error_naming_the_endpoint()
    {
        var endpoint = new Uri($"http://127.0.0.1:{DevNode.FreePort()}/");
        await using var http = new HttpRpcClient(endpoint);
        var e = await Assert.ThrowsAsync<RpcConnectionException>(() => http.CallAsync("system_health"));
        Assert.Equal(endpoint, e.Endpoint);
        Assert.Equal("system_health", e.Method);
    }
}
