using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Bittensor.Node.Rpc;

/// <summary>
/// One WebSocket client: its subscriptions (bounded) and the queue of messages to send it. Answers to its requests
/// wait for room in the queue, so a client that pipelines many requests is slowed down to the pace at which it reads
/// its answers (the server stops reading its requests meanwhile). Notifications are queued without blocking the
/// node: a subscriber that falls so far behind that one cannot be queued is disconnected rather than slowing the node.
/// </summary>
public sealed class RpcConnection : IDisposable
{
    private static long _nextSubscription;
    private readonly Dictionary<string, IDisposable> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public RpcConnection(int maxSubscriptions, int maxQueuedMessages)
    {
        MaxSubscriptions = maxSubscriptions;
        Outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(maxQueuedMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int MaxSubscriptions { get; }

    /// <summary>Messages waiting to be written to the socket, each a whole JSON text in UTF-8.</summary>
    public Channel<byte[]> Outgoing { get; }

    /// <summary>Set when a notification could not be queued (the client is too slow): the server then closes the connection.</summary>
    public bool Overflowed { get; private set; }

    public int SubscriptionCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    internal string Subscribe(string notification, SubscriptionStarter start, RpcParams parameters)
    {
        var id = Interlocked.Increment(ref _nextSubscription).ToString("x16", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            if (_subscriptions.Count >= MaxSubscriptions)
            {
                throw new RpcException(RpcErrorCodes.TooManySubscriptions, $"This connection already holds {MaxSubscriptions} subscriptions; unsubscribe from one first.");
            }

            _subscriptions[id] = EmptyHandle.Instance;
        }

        var sink = new Sink(this, notification, id);
        IDisposable handle;
        try
        {
            handle = start(parameters, sink);
        }
        catch
        {
            lock (_lock)
            {
                _subscriptions.Remove(id);
            }

            throw;
        }

        lock (_lock)
        {
            _subscriptions[id] = handle;
        }

        return id;
    }

    internal bool Unsubscribe(string id)
    {
        IDisposable? handle;
        lock (_lock)
        {
            if (!_subscriptions.Remove(id, out handle))
            {
                return false;
            }
        }

        handle.Dispose();
        return true;
    }

    /// <summary>Queues a notification or a message the server sends on its own; a full queue marks the client too slow and ends the connection.</summary>
    internal void Enqueue(byte[] message)
    {
        if (!Outgoing.Writer.TryWrite(message))
        {
            Overflowed = true;
            Outgoing.Writer.TryComplete();
        }
    }

    /// <summary>Queues the answer to one of the client's requests, waiting while the queue is full (false once the connection is closing).</summary>
    internal async ValueTask<bool> EnqueueAnswerAsync(byte[] message, CancellationToken cancellationToken)
    {
        try
        {
            await Outgoing.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        List<IDisposable> handles;
        lock (_lock)
        {
            handles = [.. _subscriptions.Values];
            _subscriptions.Clear();
        }

        foreach (var handle in handles)
        {
            handle.Dispose();
        }

        Outgoing.Writer.TryComplete();
    }

    private sealed class Sink(RpcConnection connection, string notification, string id) : ISubscriptionSink
    {
        public string Id => id;

        public void Notify(JsonNode? result)
        {
            var writer = JsonWriters.Rent();
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, notification);
            writer.WriteStartObject("params"u8);
            writer.WriteString("subscription"u8, id);
            writer.WritePropertyName("result"u8);
            JsonWriters.WriteNode(writer, result);
            writer.WriteEndObject();
            writer.WriteEndObject();
            connection.Enqueue(JsonWriters.ToArray(writer));
        }
    }

    private sealed class EmptyHandle : IDisposable
    {
        public static EmptyHandle Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
