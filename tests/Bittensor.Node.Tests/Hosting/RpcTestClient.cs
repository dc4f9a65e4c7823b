using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Bittensor.Node.Tests.Hosting;

/// <summary>A bare JSON-RPC client for tests: HTTP calls and one WebSocket that collects every message it receives.</summary>
internal sealed class RpcTestClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _ws;
    private int _id;

    public RpcTestClient(int port)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
        _ws = new Uri($"ws://127.0.0.1:{port}/");
    }

    public HttpClient Http => _http;

    /// <summary>The whole response object (result or error).</summary>
    public async Task<JsonNode> RawCall(string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = new JsonArray(parameters),
        };
        using var response = await _http.PostAsync("", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonNode?> Call(string method, params JsonNode?[] parameters)
    {
        var response = await RawCall(method, parameters);
        if (response["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return response["result"];
    }

    public async Task<Socket> Connect(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(_ws, cancellationToken);
        return new Socket(socket);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    internal sealed class Socket(ClientWebSocket socket) : IDisposable
    {
        private int _id;

        public async Task Send(string method, CancellationToken cancellationToken, params JsonNode?[] parameters)
        {
            var request = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = Interlocked.Increment(ref _id),
                ["method"] = method,
                ["params"] = new JsonArray(parameters),
            };
            await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        }

        public async Task<JsonNode> Receive(CancellationToken cancellationToken)
        {
            var buffer = new byte[1 << 16];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return JsonNode.Parse(message.ToArray())!;
                }
            }
        }

        /// <summary>Receives until a message satisfies <paramref name="match"/>; returns it and everything skipped.</summary>
        public async Task<JsonNode> ReceiveUntil(Func<JsonNode, bool> match, List<JsonNode> seen, CancellationToken cancellationToken)
        {
            while (true)
            {
                var message = await Receive(cancellationToken);
                seen.Add(message);
                if (match(message))
                {
                    return message;
                }
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
