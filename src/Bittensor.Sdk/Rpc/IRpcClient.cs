using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Sdk.Rpc;

/// <summary>
/// A JSON-RPC 2.0 connection to a node. Every call has a timeout (the client's <see cref="RpcClientOptions.RequestTimeout"/>
/// unless the call gives one) and a cancellation token. Failures are typed: <see cref="RpcException"/> (the node's
/// error), <see cref="RpcTimeoutException"/>, <see cref="RpcConnectionException"/>.
/// </summary>
public interface IRpcClient : IAsyncDisposable
{
    /// <summary>The node's address.</summary>
    Uri Endpoint { get; }

    /// <summary>The timeout of calls that do not give their own.</summary>
    TimeSpan RequestTimeout { get; }

    /// <summary>Whether <see cref="SubscribeAsync"/> works (WebSocket: yes; HTTP: no).</summary>
    bool SupportsSubscriptions { get; }

    /// <summary>Calls <paramref name="method"/> with positional parameters and returns its result (JSON null as a <see cref="JsonValueKind.Null"/> element).</summary>
    Task<JsonElement> CallAsync(
        string method,
        IReadOnlyList<JsonNode?>? parameters = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a subscription with <paramref name="method"/> and returns its notifications' results in order; disposing
    /// the subscription calls <paramref name="unsubscribeMethod"/>.
    /// </summary>
    Task<RpcSubscription<JsonElement>> SubscribeAsync(
        string method,
        string unsubscribeMethod,
        IReadOnlyList<JsonNode?>? parameters = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);
}
