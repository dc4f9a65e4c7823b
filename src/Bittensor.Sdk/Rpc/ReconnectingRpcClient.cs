using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Sdk.Rpc;

/// <summary>
/// JSON-RPC over WebSocket for long-running programs (miners, validators): when the connection has closed — the node
/// restarted, the network dropped — the next call opens a new one before it is sent. One reconnection at a time, each
/// within <see cref="RpcClientOptions.ConnectTimeout"/>; while the node stays away, each call fails with the connect
/// error (<see cref="RpcConnectionException"/> or <see cref="RpcTimeoutException"/>) and the next call tries again.
/// Calls in flight when a connection closes fail as they do on <see cref="WebSocketRpcClient"/>, and so do its
/// subscriptions: whoever reads one subscribes again.
/// </summary>
public sealed class ReconnectingRpcClient : IRpcClient
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly RpcClientOptions _options;
    private WebSocketRpcClient _current;
    private int _reconnections;
    private int _disposed;

    private ReconnectingRpcClient(Uri endpoint, WebSocketRpcClient first, RpcClientOptions options)
    {
        Endpoint = endpoint;
        _current = first;
        _options = options;
    }

    public Uri Endpoint { get; }

    public TimeSpan RequestTimeout => _options.RequestTimeout;

    public bool SupportsSubscriptions => true;

    /// <summary>How many times a new connection replaced a closed one.</summary>
    public int Reconnections => Volatile.Read(ref _reconnections);

    /// <summary>Whether the current connection is open (a call opens a new one when it is not).</summary>
    public bool IsConnected => Volatile.Read(ref _current).IsConnected;

    /// <summary>Opens the first connection; fails as <see cref="WebSocketRpcClient.ConnectAsync"/> does when the node cannot be reached.</summary>
    public static async Task<ReconnectingRpcClient> ConnectAsync(Uri endpoint, RpcClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RpcClientOptions();
        var first = await WebSocketRpcClient.ConnectAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
        return new ReconnectingRpcClient(endpoint, first, options);
    }

    public async Task<JsonElement> CallAsync(
        string method, IReadOnlyList<JsonNode?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.CallAsync(method, parameters, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RpcSubscription<JsonElement>> SubscribeAsync(
        string method, string unsubscribeMethod, IReadOnlyList<JsonNode?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.SubscribeAsync(method, unsubscribeMethod, parameters, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _connecting.WaitAsync().ConfigureAwait(false);
        try
        {
            await _current.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async ValueTask<WebSocketRpcClient> ConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var current = Volatile.Read(ref _current);
        if (current.IsConnected)
        {
            return current;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            current = _current;
            if (current.IsConnected)
            {
                return current;
            }

            var fresh = await WebSocketRpcClient.ConnectAsync(Endpoint, _options, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            Interlocked.Increment(ref _reconnections);
            await current.DisposeAsync().ConfigureAwait(false);
            return fresh;
        }
        finally
        {
            _connecting.Release();
        }
    }
}
