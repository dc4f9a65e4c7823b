using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

namespace Bittensor.Sdk.Rpc;

/// <summary>
/// The notifications of one subscription, in the order the node sent them: read them with <c>await foreach</c> or
/// <see cref="NextAsync"/>. If the connection closes or the reader falls more than
/// <see cref="RpcClientOptions.SubscriptionBufferSize"/> notifications behind, reading throws
/// <see cref="RpcConnectionException"/>. Disposing unsubscribes.
/// </summary>
public sealed class RpcSubscription<T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    private readonly ChannelReader<JsonElement> _reader;
    private readonly Func<JsonElement, T> _map;
    private readonly Func<ValueTask> _unsubscribe;
    private int _disposed;

    internal RpcSubscription(string id, string method, Uri endpoint, ChannelReader<JsonElement> reader, Func<JsonElement, T> map, Func<ValueTask> unsubscribe)
    {
        Id = id;
        Method = method;
        Endpoint = endpoint;
        _reader = reader;
        _map = map;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The node's id of the subscription.</summary>
    public string Id { get; }

    /// <summary>The method that opened it.</summary>
    public string Method { get; }

    public Uri Endpoint { get; }

    /// <summary>
    /// The next notification. Waits at most <paramref name="timeout"/> (default: as long as it takes) and throws
    /// <see cref="RpcTimeoutException"/> after it.
    /// </summary>
    public async ValueTask<T> NextAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
        {
            RpcClientOptions.Positive(t, nameof(timeout));
            cts.CancelAfter(t);
        }

        try
        {
            if (!await _reader.WaitToReadAsync(cts.Token).ConfigureAwait(false) || !_reader.TryRead(out var item))
            {
                throw new ObjectDisposedException(nameof(RpcSubscription<T>), $"The subscription {Id} ({Method}) has ended.");
            }

            return Map(item);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout is { } t2)
        {
            throw new RpcTimeoutException(Method, Endpoint, t2);
        }
    }

    /// <summary>Every notification until the subscription ends (the enumeration then stops) or fails (it throws).</summary>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await _reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_reader.TryRead(out var item))
            {
                yield return Map(item);
            }
        }
    }

    /// <summary>
    /// A view of the same subscription whose notifications are converted by <paramref name="map"/>. It takes over this
    /// one: read and dispose either, not both.
    /// </summary>
    public RpcSubscription<TResult> Select<TResult>(Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var inner = _map;
        return new RpcSubscription<TResult>(Id, Method, Endpoint, _reader, e => map(inner(e)), _unsubscribe);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _unsubscribe().ConfigureAwait(false);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T Map(JsonElement item)
    {
        try
        {
            return _map(item);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or Primitives.Scale.ScaleFormatException)
        {
            throw new RpcResponseException(Method, Endpoint, $"a notification of subscription {Id} cannot be read: {e.Message}", e);
        }
    }
}
