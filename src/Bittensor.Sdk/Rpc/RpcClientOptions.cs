namespace Bittensor.Sdk.Rpc;

/// <summary>Timeouts and limits of a JSON-RPC client.</summary>
public sealed record RpcClientOptions
{
    /// <summary>How long one call may wait for its answer unless the call gives its own timeout. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening a WebSocket may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message accepted from the node, bytes; a larger one closes the connection. Default 64 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Notifications a subscription holds before its reader takes them. A subscription whose reader falls further
    /// behind ends with an error instead of holding up the connection. Default 1,024.
    /// </summary>
    public int SubscriptionBufferSize { get; init; } = 1024;

    /// <summary>
    /// For a WebSocket endpoint: whether a closed connection is replaced by a new one on the next call
    /// (<see cref="ReconnectingRpcClient"/>), as long-running programs want. Default false: a closed connection stays
    /// closed and every later call fails at once.
    /// </summary>
    public bool Reconnect { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        if (MaxMessageBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, "MaxMessageBytes must be at least 1,024 bytes.");
        }

        if (SubscriptionBufferSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SubscriptionBufferSize), SubscriptionBufferSize, "SubscriptionBufferSize must be at least 1.");
        }
    }

    internal static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive (or Timeout.InfiniteTimeSpan).");
        }
    }
}
