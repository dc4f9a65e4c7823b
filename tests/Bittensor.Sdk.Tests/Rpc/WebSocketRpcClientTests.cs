using System.Diagnostics;
using System.Text.Json;
using Bittensor.Primitives.Hashing;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Rpc;

/// <summary>The WebSocket transport against a real node, and against a server that accepts and never answers.</summary>
public sealed class WebSocketRpcClientTests : IAsyncLifetime
{
    private DevNode _node = null!;

    public async Task InitializeAsync() => _node = await DevNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Calls_in_flight_together_on_one_socket_each_get_their_own_answer()
    {
        for (var i = 0; i < 10; i++)
        {
            _node.Host.SealNow();
        }

        await using var rpc = await WebSocketRpcClient.ConnectAsync(_node.WebSocketEndpoint);
        var numbers = Enumerable.Range(0, 300).Select(i => (ulong)(i % 13)).ToArray();
        var results = await Task.WhenAll(numbers.Select(n => rpc.CallAsync("chain_getBlockHash", [n])));

        foreach (var (number, result) in numbers.Zip(results))
        {
            var expected = _node.Host.Chain.GetBlockHash(number);
            if (expected is { } hash)
            {
                Assert.Equal(hash.ToHex(), result.GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, result.ValueKind);
            }
        }

        Assert.Equal(12, results.Select(r => r.GetRawText()).Distinct().Count()); // blocks 0..10 and null
    }

    [Fact(Timeout = 60_000)]
    public async Task Errors_of_the_node_become_RpcException_with_code_message_and_data()
    {
        await using var rpc = await WebSocketRpcClient.ConnectAsync(_node.WebSocketEndpoint);

        var missing = await Assert.ThrowsAsync<RpcException>(() => rpc.CallAsync("no_such_method"));
        Assert.Equal(-32601, missing.Code);
        Assert.Equal("no_such_method", missing.Method);
        Assert.Equal(_node.WebSocketEndpoint, missing.Endpoint);
        Assert.Contains("no_such_method", missing.RpcMessage, StringComparison.Ordinal);
        Assert.Null(missing.ErrorData);

        var badParams = await Assert.ThrowsAsync<RpcException>(() => rpc.CallAsync("state_getStorage", ["not hex"]));
        Assert.Equal(-32602, badParams.Code);

        var garbage = await Assert.ThrowsAsync<RpcException>(() => rpc.CallAsync("author_submitExtrinsic", ["0x0102"]));
        Assert.Equal(1010, garbage.Code);
        Assert.Equal("Malformed", garbage.ErrorData);

        // The connection survives errors.
        Assert.Equal("Bittensor.NET", (await rpc.CallAsync("system_name")).GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_call_without_an_answer_times_out_naming_the_method_and_the_endpoint()
    {
        await using var server = new SilentServer(webSocket: true);
        await using var rpc = await WebSocketRpcClient.ConnectAsync(server.Endpoint, new RpcClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var watch = Stopwatch.StartNew();
        var byDefault = await Assert.ThrowsAsync<RpcTimeoutException>(() => rpc.CallAsync("system_health"));
        Assert.Equal("system_health", byDefault.Method);
        Assert.Equal(server.Endpoint, byDefault.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(300), byDefault.Timeout);
        Assert.Contains("system_health", byDefault.Message, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint.ToString(), byDefault.Message, StringComparison.Ordinal);

        var perCall = await Assert.ThrowsAsync<RpcTimeoutException>(() => rpc.CallAsync("chain_getHeader", timeout: TimeSpan.FromMilliseconds(100)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), perCall.Timeout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"two short timeouts took {watch.Elapsed}");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rpc.CallAsync("system_name", timeout: TimeSpan.FromMinutes(1), cancellationToken: cancel.Token));
        Assert.True(rpc.IsConnected);
    }

    [Fact(Timeout = 60_000)]
    public async Task Opening_a_websocket_to_a_server_that_never_answers_the_handshake_times_out()
    {
        await using var server = new SilentServer(webSocket: false);
        var endpoint = new Uri($"ws://127.0.0.1:{server.Port}/");

        var e = await Assert.ThrowsAsync<RpcTimeoutException>(() =>
            WebSocketRpcClient.ConnectAsync(endpoint, new RpcClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal("connect", e.Method);
        Assert.Equal(endpoint, e.Endpoint);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_closed_socket_fails_every_waiting_call_at_once_and_every_later_one()
    {
        await using var server = new SilentServer(webSocket: true);
        await using var rpc = await WebSocketRpcClient.ConnectAsync(server.Endpoint, new RpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(5) });
        var waiting = new[] { "system_health", "chain_getHeader", "system_name" }.Select(m => rpc.CallAsync(m)).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await server.WaitForFramesAsync(3, timeout.Token);

        var watch = Stopwatch.StartNew();
        server.DropConnections();
        var methods = new List<string?>();
        foreach (var call in waiting)
        {
            var e = await Assert.ThrowsAsync<RpcConnectionException>(() => call);
            Assert.Equal(server.Endpoint, e.Endpoint);
            Assert.Contains("closed", e.Message, StringComparison.Ordinal);
            methods.Add(e.Method);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the waiting calls failed only after {watch.Elapsed}");
        Assert.Equal(["system_health", "chain_getHeader", "system_name"], methods);
        Assert.False(rpc.IsConnected);
        var later = await Assert.ThrowsAsync<RpcConnectionException>(() => rpc.CallAsync("system_chain"));
        Assert.Equal("system_chain", later.Method);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_subscription_gets_the_first_notification_sent_before_its_id_then_every_one_in_order_until_the_node_goes_away()
    {
        var node = await DevNode.StartAsync();
        await using var rpc = await WebSocketRpcClient.ConnectAsync(node.WebSocketEndpoint);
        var heads = await rpc.SubscribeAsync("chain_subscribeNewHeads", "chain_unsubscribeNewHeads");
        Assert.False(string.IsNullOrEmpty(heads.Id));
        for (var i = 0; i < 3; i++)
        {
            node.Host.SealNow();
        }

        var numbers = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            numbers.Add((await heads.NextAsync(TimeSpan.FromSeconds(10))).GetProperty("number").GetString());
        }

        Assert.Equal(["0x0", "0x1", "0x2", "0x3"], numbers);

        await node.DisposeAsync();
        var e = await Assert.ThrowsAsync<RpcConnectionException>(async () => await heads.NextAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("chain_subscribeNewHeads", e.Method);
        await heads.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Disposing_a_subscription_unsubscribes_at_the_node()
    {
        await using var rpc = await WebSocketRpcClient.ConnectAsync(_node.WebSocketEndpoint);
        var tx = Bittensor.Contracts.Transactions.SignedTransaction.SignImmortal(
            Primitives.Keys.DevAccounts.Alice,
            new Contracts.Calls.BalancesCall.TransferKeepAlive(Primitives.Keys.DevAccounts.Bob.PublicKey, 1_000_000_000),
            0,
            _node.Host.Chain.Identity);
        var watch = await rpc.SubscribeAsync("author_submitAndWatchExtrinsic", "author_unwatchExtrinsic", ["0x" + Convert.ToHexStringLower(tx.Encode())]);
        Assert.Equal("ready", (await watch.NextAsync(TimeSpan.FromSeconds(10))).GetString());
        Assert.Equal(1, _node.Host.Watchers.Count);

        await watch.DisposeAsync();
        Assert.Equal(0, _node.Host.Watchers.Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await watch.NextAsync());
        Assert.True(_node.Host.Pool.Contains(Hash32.Of(tx.Encode())), "unwatching leaves the transaction in the pool");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_subscriber_that_falls_behind_its_buffer_gets_an_error_instead_of_stalling_the_connection()
    {
        await using var rpc = await WebSocketRpcClient.ConnectAsync(_node.WebSocketEndpoint, new RpcClientOptions { SubscriptionBufferSize = 2 });
        var heads = await rpc.SubscribeAsync("chain_subscribeNewHeads", "chain_unsubscribeNewHeads");
        for (var i = 0; i < 5; i++)
        {
            _node.Host.SealNow();
        }

        // The node sends its answers in order, so once this answer is here the six notifications before it are too.
        Assert.Equal("Bittensor.NET", (await rpc.CallAsync("system_name")).GetString());

        var received = new List<JsonElement>();
        var e = await Assert.ThrowsAsync<RpcConnectionException>(async () =>
        {
            await foreach (var head in heads)
            {
                received.Add(head);
            }
        });
        Assert.Contains("SubscriptionBufferSize", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, received.Count);
        Assert.True(rpc.IsConnected);
        Assert.Equal("Bittensor.NET", (await rpc.CallAsync("system_name")).GetString());
        await heads.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Bad_endpoints_and_options_are_refused_with_the_reason()
    {
        var scheme = await Assert.ThrowsAsync<ArgumentException>(() => WebSocketRpcClient.ConnectAsync(new Uri("http://127.0.0.1:1/")));
        Assert.Contains("ws://", scheme.Message, StringComparison.Ordinal);
        var options = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            WebSocketRpcClient.ConnectAsync(_node.WebSocketEndpoint, new RpcClientOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Equal("RequestTimeout", options.ParamName);

        var port = DevNode.FreePort();
        var refused = await Assert.ThrowsAsync<RpcConnectionException>(() => WebSocketRpcClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/")));
        Assert.Null(refused.Method);
        Assert.Contains($"127.0.0.1:{port}", refused.Message, StringComparison.Ordinal);
    }

}
