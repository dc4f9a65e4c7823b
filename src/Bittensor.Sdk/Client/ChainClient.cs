using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Client;

/// <summary>
/// A node's typed client: every query the node serves (system, blocks, storage with read proofs, the subtensor
/// runtime queries) and transactions signed with an Ed25519 key, submitted and watched until they are in a block or
/// final. Built on an <see cref="IRpcClient"/>; every call has the transport's timeout (or the one given to
/// <see cref="WithTimeout"/>) and a cancellation token. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var client = await ChainClient.ConnectAsync("ws://127.0.0.1:9944");
/// var result = await client.SignAndSubmitAsync(coldkey, new BalancesCall.TransferKeepAlive(dest, 1_000_000_000));
/// </code>
/// </example>
public sealed partial class ChainClient : IAsyncDisposable
{
    /// <summary>The address a local node listens on by default.</summary>
    public const string DefaultEndpoint = "ws://127.0.0.1:9944";

    private readonly Shared _shared;
    private readonly TimeSpan? _timeout;
    private readonly bool _isView;

    /// <summary>A client over <paramref name="rpc"/>; disposing the client disposes it when <paramref name="ownsRpc"/>.</summary>
    public ChainClient(IRpcClient rpc, bool ownsRpc = true)
        : this(new Shared(rpc ?? throw new ArgumentNullException(nameof(rpc)), ownsRpc), null, isView: false)
    {
    }

    private ChainClient(Shared shared, TimeSpan? timeout, bool isView)
    {
        _shared = shared;
        _timeout = timeout;
        _isView = isView;
    }

    /// <summary>The transport, for methods this class does not wrap.</summary>
    public IRpcClient Rpc => _shared.Rpc;

    public Uri Endpoint => _shared.Rpc.Endpoint;

    /// <summary>
    /// Connects to the node at <paramref name="endpoint"/>: <c>ws://</c> or <c>wss://</c> opens a WebSocket (everything
    /// works), <c>http://</c> or <c>https://</c> sends plain HTTP requests (no subscriptions, so transactions can be
    /// submitted but not watched). With <see cref="RpcClientOptions.Reconnect"/>, a WebSocket that closes is opened
    /// again by the next call.
    /// </summary>
    public static Task<ChainClient> ConnectAsync(string endpoint = DefaultEndpoint, RpcClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new ArgumentException($"'{endpoint}' is not a node address; give one with its scheme, e.g. {DefaultEndpoint} or http://127.0.0.1:9944.", nameof(endpoint));
        }

        return ConnectAsync(uri, options, cancellationToken);
    }

    /// <inheritdoc cref="ConnectAsync(string, RpcClientOptions?, CancellationToken)"/>
    public static async Task<ChainClient> ConnectAsync(Uri endpoint, RpcClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IRpcClient rpc = endpoint.Scheme is "ws" or "wss"
            ? options is { Reconnect: true }
                ? await ReconnectingRpcClient.ConnectAsync(endpoint, options, cancellationToken).ConfigureAwait(false)
                : await WebSocketRpcClient.ConnectAsync(endpoint, options, cancellationToken).ConfigureAwait(false)
            : new HttpRpcClient(endpoint, options);
        return new ChainClient(rpc);
    }

    /// <summary>
    /// The same client (same connection, same caches) whose calls wait at most <paramref name="timeout"/> each.
    /// Disposing the returned view does nothing; dispose the original.
    /// </summary>
    public ChainClient WithTimeout(TimeSpan timeout)
    {
        RpcClientOptions.Positive(timeout, nameof(timeout));
        return new ChainClient(_shared, timeout, isView: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_isView && _shared.OwnsRpc)
        {
            await _shared.Rpc.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<T> CallAsync<T>(string method, IReadOnlyList<JsonNode?>? parameters, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var result = await _shared.Rpc.CallAsync(method, parameters, _timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return read(result);
        }
        catch (Exception e) when (IsDecodingError(e))
        {
            throw new RpcResponseException(method, Endpoint, e.Message, e);
        }
    }

    private async Task<RpcSubscription<T>> SubscribeAsync<T>(
        string method, string unsubscribeMethod, IReadOnlyList<JsonNode?>? parameters, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var subscription = await _shared.Rpc.SubscribeAsync(method, unsubscribeMethod, parameters, _timeout, cancellationToken).ConfigureAwait(false);
        return subscription.Select(read);
    }

    private static bool IsDecodingError(Exception e) =>
        e is FormatException or ScaleFormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException;

    /// <summary>What views made by <see cref="WithTimeout"/> share with their original.</summary>
    private sealed class Shared(IRpcClient rpc, bool ownsRpc)
    {
        public IRpcClient Rpc { get; } = rpc;

        public bool OwnsRpc { get; } = ownsRpc;

        /// <summary>The chain and runtime the node serves, read once.</summary>
        public ChainIdentity? Identity { get; set; }

        /// <summary>
        /// One lock per signing account, held from reading its next nonce until the pool has taken the transaction,
        /// so parallel submissions from one account through this client get consecutive nonces.
        /// </summary>
        public ConcurrentDictionary<AccountId, SemaphoreSlim> NonceLocks { get; } = new();
    }
}
