using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Bittensor.Sdk.Rpc;

/// <summary>
/// JSON-RPC over one WebSocket: calls are multiplexed by id (any number in flight), subscriptions deliver their
/// notifications in order. When the connection closes — the node goes away, a message is too large, or the client is
/// disposed — every call still waiting and every subscription fails with <see cref="RpcConnectionException"/>, and
/// later calls fail at once. The client does not reconnect: connect a new one, or use <see cref="ReconnectingRpcClient"/>.
/// </summary>
public sealed class WebSocketRpcClient : IRpcClient
{
    // Notifications can arrive before the answer that names their subscription (the node sends the first one while
    // it opens the subscription); they wait here, up to this many, until the answer comes.
    private const int MaxEarlyNotifications = 256;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket _socket;
    private readonly RpcClientOptions _options;
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly ConcurrentDictionary<string, ActiveSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonElement>> _early = new(StringComparer.Ordinal);
    private readonly Queue<string> _earlyOrder = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;
    private string? _closedReason;
    private int _earlyCount;
    private long _nextId;
    private int _disposed;

    private WebSocketRpcClient(Uri endpoint, ClientWebSocket socket, RpcClientOptions options)
    {
        Endpoint = endpoint;
        _socket = socket;
        _options = options;
    }

    public Uri Endpoint { get; }

    public TimeSpan RequestTimeout => _options.RequestTimeout;

    public bool SupportsSubscriptions => true;

    /// <summary>Whether the connection is still open (false once it closed for any reason).</summary>
    public bool IsConnected => Volatile.Read(ref _closedReason) is null;

    /// <summary>
    /// Opens a WebSocket to <paramref name="endpoint"/> (<c>ws://</c> or <c>wss://</c>); throws
    /// <see cref="RpcTimeoutException"/> (method <c>connect</c>) after <see cref="RpcClientOptions.ConnectTimeout"/> and
    /// <see cref="RpcConnectionException"/> when the node cannot be reached.
    /// </summary>
    public static async Task<WebSocketRpcClient> ConnectAsync(Uri endpoint, RpcClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"A WebSocket RPC endpoint starts with ws:// or wss://, not '{endpoint.Scheme}://' ({endpoint}).", nameof(endpoint));
        }

        options ??= new RpcClientOptions();
        options.Validate();
        // Pings every 15 s, and a node that has not answered one within 30 s is taken as gone (the connection closes,
        // as when the node closes it), so a node that vanished without a word does not leave calls to time out forever.
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException && cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new RpcTimeoutException("connect", endpoint, options.ConnectTimeout);
        }
        catch (WebSocketException e)
        {
            socket.Dispose();
            throw new RpcConnectionException(endpoint, null, $"Cannot open a WebSocket to {endpoint}: {e.Message} Check that the node is running and that this is its RPC address.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new WebSocketRpcClient(endpoint, socket, options);
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        return client;
    }

    public async Task<JsonElement> CallAsync(
        string method, IReadOnlyList<JsonNode?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return await SendAndWaitAsync(method, parameters, timeout, subscription: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RpcSubscription<JsonElement>> SubscribeAsync(
        string method, string unsubscribeMethod, IReadOnlyList<JsonNode?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(unsubscribeMethod);
        var active = new ActiveSubscription(method, unsubscribeMethod, Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(_options.SubscriptionBufferSize)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }));
        var result = await SendAndWaitAsync(method, parameters, timeout, active, cancellationToken).ConfigureAwait(false);
        var id = SubscriptionId(result) ?? throw new RpcResponseException(method, Endpoint, "the subscription id is neither a string nor a number.");
        return new RpcSubscription<JsonElement>(id, method, Endpoint, active.Channel.Reader, static e => e, () => UnsubscribeAsync(id, active));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A close frame is a send: it waits for any send in progress. Then the node has a moment to answer it.
        if (_socket.State == WebSocketState.Open && await _sendLock.WaitAsync(CloseGrace).ConfigureAwait(false))
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", CancellationToken.None).WaitAsync(CloseGrace).ConfigureAwait(false);
                await _receiveLoop.WaitAsync(CloseGrace).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException)
            {
                // The node did not finish the closing handshake in time; the socket is aborted below.
            }
            finally
            {
                _sendLock.Release();
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiveLoop.ConfigureAwait(false);
        Close("this client was disposed");
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task<JsonElement> SendAndWaitAsync(
        string method, IReadOnlyList<JsonNode?>? parameters, TimeSpan? timeout, ActiveSubscription? subscription, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var limit = timeout ?? _options.RequestTimeout;
        RpcClientOptions.Positive(limit, nameof(timeout));
        var id = Interlocked.Increment(ref _nextId);
        var pending = new Pending(method, subscription);
        _pending[id] = pending;
        try
        {
            // Close() marks the connection closed before it fails the waiting calls, so a call registered after that
            // sweep sees the mark here instead of waiting for its timeout.
            if (Volatile.Read(ref _closedReason) is { } reason)
            {
                throw ClosedError(method, reason);
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(limit);
            try
            {
                await SendAsync(JsonRpcFormat.Request(id, method, parameters), method).WaitAsync(cts.Token).ConfigureAwait(false);
                return await pending.Completion.Task.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RpcTimeoutException(method, Endpoint, limit);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task SendAsync(byte[] message, string method)
    {
        await _sendLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            throw new RpcConnectionException(Endpoint, method, $"{method}: cannot send to {Endpoint}: {e.Message}", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask UnsubscribeAsync(string id, ActiveSubscription active)
    {
        _subscriptions.TryRemove(id, out _);
        active.Channel.Writer.TryComplete();
        if (Volatile.Read(ref _closedReason) is not null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            var limit = _options.RequestTimeout < TimeSpan.FromSeconds(5) ? _options.RequestTimeout : TimeSpan.FromSeconds(5);
            await CallAsync(active.UnsubscribeMethod, [id], limit).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or RpcTimeoutException or RpcConnectionException or ObjectDisposedException)
        {
            // Nothing reads the subscription on this side any more; the node drops it with the connection at the latest.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var chunk = new byte[16 * 1024];
        using var message = new MemoryStream();
        string reason;
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(chunk.AsMemory(), _stop.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    reason = $"the node closed it ({_socket.CloseStatus} {_socket.CloseStatusDescription})".TrimEnd();
                    break;
                }

                if (message.Length + received.Count > _options.MaxMessageBytes)
                {
                    reason = $"the node sent a message longer than {_options.MaxMessageBytes} bytes (RpcClientOptions.MaxMessageBytes)";
                    break;
                }

                message.Write(chunk, 0, received.Count);
                if (received.EndOfMessage)
                {
                    Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            reason = "this client was disposed";
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            reason = $"the connection failed: {e.Message}";
        }

        Close(reason);
        if (_socket.State == WebSocketState.Open)
        {
            _socket.Abort();
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            // A message that is not JSON names no call or subscription to deliver it to: it is dropped.
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (JsonRpcFormat.Id(root) is { } id)
            {
                if (_pending.TryRemove(id, out var pending))
                {
                    Answer(pending, root);
                }

                return;
            }

            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("subscription", out var sub) && SubscriptionId(sub) is { } subscriptionId
                && parameters.TryGetProperty("result", out var result))
            {
                Notify(subscriptionId, result.Clone());
            }
        }
    }

    private void Answer(Pending pending, JsonElement response)
    {
        JsonElement result;
        try
        {
            result = JsonRpcFormat.Result(response, pending.Method, Endpoint);
        }
        catch (Exception e) when (e is RpcException or RpcResponseException)
        {
            pending.Completion.TrySetException(e);
            return;
        }

        if (pending.Subscription is { } subscription && SubscriptionId(result) is { } id)
        {
            _subscriptions[id] = subscription;
            if (_early.Remove(id, out var early))
            {
                _earlyCount -= early.Count;
                foreach (var item in early)
                {
                    Deliver(id, subscription, item);
                }
            }
        }

        pending.Completion.TrySetResult(result);
    }

    private void Notify(string id, JsonElement result)
    {
        if (_subscriptions.TryGetValue(id, out var subscription))
        {
            Deliver(id, subscription, result);
            return;
        }

        if (!_early.TryGetValue(id, out var list))
        {
            _early[id] = list = [];
            _earlyOrder.Enqueue(id);
        }

        list.Add(result);
        _earlyCount++;
        while (_earlyCount > MaxEarlyNotifications && _earlyOrder.TryDequeue(out var oldest))
        {
            if (_early.Remove(oldest, out var dropped))
            {
                _earlyCount -= dropped.Count;
            }
        }
    }

    private void Deliver(string id, ActiveSubscription subscription, JsonElement item)
    {
        if (subscription.Channel.Writer.TryWrite(item))
        {
            return;
        }

        // The reader is too far behind: end its subscription rather than hold up every other call on the connection.
        if (_subscriptions.TryRemove(id, out _))
        {
            subscription.Channel.Writer.TryComplete(new RpcConnectionException(
                Endpoint,
                subscription.Method,
                $"{subscription.Method}: subscription {id} was ended because its reader fell {_options.SubscriptionBufferSize} notifications behind; read faster or raise RpcClientOptions.SubscriptionBufferSize."));
            _ = UnsubscribeAsync(id, subscription).AsTask();
        }
    }

    private void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closedReason, reason, null) is not null)
        {
            return;
        }

        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(ClosedError(pending.Method, reason));
            }
        }

        foreach (var (id, subscription) in _subscriptions)
        {
            if (_subscriptions.TryRemove(id, out _))
            {
                subscription.Channel.Writer.TryComplete(ClosedError(subscription.Method, reason));
            }
        }
    }

    private RpcConnectionException ClosedError(string method, string reason) =>
        new(Endpoint, method, $"{method}: the connection to {Endpoint} is closed ({reason}); connect again to continue.");

    private static string? SubscriptionId(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    private sealed class Pending(string method, ActiveSubscription? subscription)
    {
        public string Method { get; } = method;

        public ActiveSubscription? Subscription { get; } = subscription;

        public TaskCompletionSource<JsonElement> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record ActiveSubscription(string Method, string UnsubscribeMethod, Channel<JsonElement> Channel);
}
