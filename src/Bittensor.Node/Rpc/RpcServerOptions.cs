namespace Bittensor.Node.Rpc;

/// <summary>Limits and address of the JSON-RPC server.</summary>
public sealed record RpcServerOptions
{
    /// <summary>TCP port for HTTP and WebSocket (0 picks a free one).</summary>
    public int Port { get; init; } = 9944;

    /// <summary>Listen on every interface instead of loopback only.</summary>
    public bool External { get; init; }

    /// <summary>Largest request body or WebSocket message, bytes.</summary>
    public int MaxRequestBytes { get; init; } = 15 * 1024 * 1024;

    public int MaxBatch { get; init; } = 100;

    public int MaxSubscriptionsPerConnection { get; init; } = 1024;

    /// <summary>
    /// Messages queued for one WebSocket client. When the queue is full the server stops reading the client's requests
    /// until it drains, and a notification that finds it full disconnects the client as too slow.
    /// </summary>
    public int MaxQueuedMessagesPerConnection { get; init; } = 4096;
}
