using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bittensor.Node.Rpc;

/// <summary>
/// JSON-RPC over HTTP (POST /) and WebSocket (upgrade on /) on one port, plus optional plain-text endpoints such as
/// <c>/metrics</c>. Requests over the size limit are refused with a JSON-RPC error; a WebSocket client too slow to
/// read its notifications is disconnected.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly JsonRpcProcessor _processor;
    private readonly RpcServerOptions _options;

    private RpcServer(WebApplication app, JsonRpcProcessor processor, RpcServerOptions options)
    {
        _app = app;
        _processor = processor;
        _options = options;
    }

    /// <summary>The port the server listens on (the one chosen by the system when 0 was asked).</summary>
    public int Port { get; private set; }

    public static async Task<RpcServer> StartAsync(
        RpcServerOptions options,
        RpcMethods methods,
        IReadOnlyDictionary<string, Func<string>>? textEndpoints = null,
        Action<string, Exception>? onFault = null,
        Action<string, double>? onCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(methods);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.External ? IPAddress.Any : IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        var app = builder.Build();
        var processor = new JsonRpcProcessor(methods, options.MaxBatch) { OnHandlerFault = onFault, OnCompleted = onCompleted };
        var server = new RpcServer(app, processor, options);
        app.UseWebSockets();
        foreach (var (path, render) in textEndpoints ?? new Dictionary<string, Func<string>>())
        {
            app.MapGet(path, () => Results.Text(render(), "text/plain; version=0.0.4; charset=utf-8"));
        }

        app.Map("/", server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() : null;
        server.Port = address is null ? options.Port : new Uri(address).Port;
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await ServeWebSocketAsync(socket, context.RequestAborted, _app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            await context.Response.WriteAsync("Send JSON-RPC requests with POST, or open a WebSocket.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteJsonAsync(context, TooLarge()).ConfigureAwait(false);
            return;
        }

        var response = await _processor.ProcessAsync(body.GetBuffer().AsMemory(0, (int)body.Length), null, context.RequestAborted).ConfigureAwait(false);
        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await WriteJsonAsync(context, response).ConfigureAwait(false);
    }

    private byte[] TooLarge() => Encoding.UTF8.GetBytes(
        $"{{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{{\"code\":{RpcErrorCodes.RequestTooLarge},\"message\":\"The request is larger than the {_options.MaxRequestBytes} bytes this node accepts.\"}}}}");

    private static async Task WriteJsonAsync(HttpContext context, byte[] json)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Serves one WebSocket until the client leaves or the server stops: a stopping server drops its connections at
    /// once rather than waiting for the host's shutdown timeout.
    /// </summary>
    private async Task ServeWebSocketAsync(WebSocket socket, CancellationToken aborted, CancellationToken stopping)
    {
        using var connection = new RpcConnection(_options.MaxSubscriptionsPerConnection, _options.MaxQueuedMessagesPerConnection);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var writer = WriteLoopAsync(socket, connection, stop.Token);
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open && !stop.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    connection.Outgoing.Writer.TryComplete();
                    await writer.ConfigureAwait(false);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (message.Length > _options.MaxRequestBytes)
                {
                    connection.Enqueue(TooLarge());
                    await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too large", CancellationToken.None).ConfigureAwait(false);
                    break;
                }

                if (!received.EndOfMessage)
                {
                    continue;
                }

                // The processor parses the message before its first await, so the buffer is free again when it returns.
                var response = await _processor.ProcessAsync(message.GetBuffer().AsMemory(0, (int)message.Length), connection, stop.Token).ConfigureAwait(false);
                message.SetLength(0);
                if (response is not null && !await connection.EnqueueAnswerAsync(response, stop.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            connection.Dispose();
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task WriteLoopAsync(WebSocket socket, RpcConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in connection.Outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }

            if (connection.Overflowed && socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "client too slow: notifications dropped", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
