namespace Bittensor.Sdk.Rpc;

/// <summary>
/// The connection to the node failed or closed: the call (or subscription) named by <see cref="Method"/> cannot be
/// answered. A closed WebSocket fails every call still waiting with this exception; the client does not reconnect.
/// </summary>
public sealed class RpcConnectionException(Uri endpoint, string? method, string message, Exception? inner = null)
    : IOException(message, inner)
{
    public Uri Endpoint { get; } = endpoint;

    /// <summary>The call that failed, or null when the connection itself failed.</summary>
    public string? Method { get; } = method;
}
