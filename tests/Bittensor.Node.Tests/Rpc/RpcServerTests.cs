using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Bittensor.Node.Rpc;

namespace Bittensor.Node.Tests.Rpc;

/// <summary>The server on a real port: HTTP calls, WebSocket subscriptions, size limits, text endpoints.</summary>
public sealed class RpcServerTests
{
    private static RpcMethods Methods(Action<ISubscriptionSink> onSubscribe)
    {
        var methods = new RpcMethods();
        methods.Add("system_name", (_, _) => ValueTask.FromResult<JsonNode?>(JsonValue.Create("Bittensor.NET")));
        methods.AddSubscription("chain_subscribeNewHeads", "chain_unsubscribeNewHeads", "chain_newHead", (_, sink) =>
        {
            onSubscribe(sink);
            return new Noop();
        });
        return methods;
    }

    [Fact(Timeout = 30_000)]
    public async Task HttpPostAnswers_AndOversizedBodiesGetAJsonRpcError()
    {
        await using var server = await RpcServer.StartAsync(
            new RpcServerOptions { Port = 0, MaxRequestBytes = 4096 },
            Methods(_ => { }),
            new Dictionary<string, Func<string>> { ["/metrics"] = () => "best_block 7\n" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/"), Timeout = TimeSpan.FromSeconds(10) };

        var ok = await http.PostAsync("", new StringContent("""{"jsonrpc":"2.0","id":1,"method":"system_name"}""", Encoding.UTF8, "application/json"));
        Assert.Equal("Bittensor.NET", JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["result"]!.GetValue<string>());

        var big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_name\",\"params\":[\"" + new string('a', 10_000) + "\"]}";
        var tooLarge = await http.PostAsync("", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(RpcErrorCodes.RequestTooLarge, JsonNode.Parse(await tooLarge.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<int>());

        var metrics = await http.GetAsync("metrics");
        Assert.Equal("best_block 7\n", await metrics.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.GetAsync("")).StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task WebSocketSubscriptionsReceiveNotifications()
    {
        var subscriber = new Subscriber();
        await using var server = await RpcServer.StartAsync(new RpcServerOptions { Port = 0 }, subscriber.Methods());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new ClientWebSocket();
        var (id, sink) = await subscriber.SubscribeAsync(socket, server.Port, timeout.Token);
        sink.Notify(new JsonObject { ["number"] = "0x1" });
        var note = await Receive(socket, timeout.Token);
        Assert.Equal("chain_newHead", note["method"]!.GetValue<string>());
        Assert.Equal(id, note["params"]!["subscription"]!.GetValue<string>());
        Assert.Equal("0x1", note["params"]!["result"]!["number"]!.GetValue<string>());

        await Send(socket, """{"jsonrpc":"2.0","id":2,"method":"system_name"}""", timeout.Token);
        Assert.Equal("Bittensor.NET", (await Receive(socket, timeout.Token))["result"]!.GetValue<string>());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact(Timeout = 60_000)]
    public async Task AClientThatPipelinesMoreRequestsThanTheQueueHolds_GetsEveryAnswer()
    {
        // Answers of 64 KB each, a queue of 4 messages, and 400 requests sent before a single answer is read: far more
        // than the queue and the sockets' buffers hold. The server waits for the client instead of dropping it.
        var methods = Methods(_ => { });
        var big = new string('x', 64 * 1024);
        methods.Add("test_big", (_, _) => ValueTask.FromResult<JsonNode?>(JsonValue.Create(big)));
        await using var server = await RpcServer.StartAsync(new RpcServerOptions { Port = 0, MaxQueuedMessagesPerConnection = 4 }, methods);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), timeout.Token);

        const int requests = 400;
        for (var i = 0; i < requests; i++)
        {
            await Send(socket, $$"""{"jsonrpc":"2.0","id":{{i}},"method":"test_big"}""", timeout.Token);
        }

        for (var i = 0; i < requests; i++)
        {
            var answer = await Receive(socket, timeout.Token);
            Assert.Equal(i, answer["id"]!.GetValue<int>());
            Assert.Equal(big.Length, answer["result"]!.GetValue<string>().Length);
        }

        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact(Timeout = 60_000)]
    public async Task ASubscriberThatDoesNotReadItsNotifications_IsDisconnected_WithoutSlowingTheNotifier()
    {
        var subscriber = new Subscriber();
        await using var server = await RpcServer.StartAsync(new RpcServerOptions { Port = 0, MaxQueuedMessagesPerConnection = 4 }, subscriber.Methods());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using var socket = new ClientWebSocket();
        var (_, sink) = await subscriber.SubscribeAsync(socket, server.Port, timeout.Token);

        // 400 notifications of 64 KB each, none read: the notifier never blocks, and the connection is closed.
        var payload = new JsonObject { ["data"] = new string('x', 64 * 1024) };
        for (var i = 0; i < 400; i++)
        {
            sink.Notify(payload);
        }

        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
    }

    private static Task Send(ClientWebSocket socket, string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    private static async Task<JsonNode> Receive(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(message.ToArray())!;
    }

    /// <summary>A server's <c>chain_subscribeNewHeads</c> that hands the test the sink of the subscription a client opens.</summary>
    private sealed class Subscriber
    {
        private readonly TaskCompletionSource<ISubscriptionSink> _sink = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RpcMethods Methods() => RpcServerTests.Methods(s => _sink.TrySetResult(s));

        /// <summary>Connects <paramref name="socket"/>, subscribes, and returns the subscription's id and the server's sink for it.</summary>
        public async Task<(string Id, ISubscriptionSink Sink)> SubscribeAsync(ClientWebSocket socket, int port, CancellationToken ct)
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), ct);
            await Send(socket, """{"jsonrpc":"2.0","id":1,"method":"chain_subscribeNewHeads"}""", ct);
            var id = (await Receive(socket, ct))["result"]!.GetValue<string>();
            return (id, await _sink.Task.WaitAsync(ct));
        }
    }

    private sealed class Noop : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
