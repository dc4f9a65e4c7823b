using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Sdk.Rpc;

/// <summary>
/// JSON-RPC over HTTP POST: one request per call, any number in parallel. No subscriptions (use
/// <see cref="WebSocketRpcClient"/> for those).
/// </summary>
public sealed class HttpRpcClient : IRpcClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RpcClientOptions _options;
    private long _nextId;
    private int _disposed;

    /// <summary>A client of the node at <paramref name="endpoint"/> (<c>http://</c> or <c>https://</c>).</summary>
    /// <param name="endpoint">The node's RPC address, e.g. <c>http://127.0.0.1:9944</c>.</param>
    /// <param name="options">Timeouts and limits; defaults when null.</param>
    /// <param name="httpClient">An HTTP client to send through (not disposed with this one); a new one when null.</param>
    public HttpRpcClient(Uri endpoint, RpcClientOptions? options = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"An HTTP RPC endpoint starts with http:// or https://, not '{endpoint.Scheme}://' ({endpoint}).", nameof(endpoint));
        }

        _options = options ?? new RpcClientOptions();
        _options.Validate();
        Endpoint = endpoint;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Endpoint { get; }

    public TimeSpan RequestTimeout => _options.RequestTimeout;

    public bool SupportsSubscriptions => false;

    public async Task<JsonElement> CallAsync(
        string method, IReadOnlyList<JsonNode?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var limit = timeout ?? _options.RequestTimeout;
        RpcClientOptions.Positive(limit, nameof(timeout));
        var body = JsonRpcFormat.Request(Interlocked.Increment(ref _nextId), method, parameters);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var length = response.Content.Headers.ContentLength;
            if (length > _options.MaxMessageBytes)
            {
                throw new RpcResponseException(method, Endpoint, $"the answer is {length} bytes, more than the {_options.MaxMessageBytes} this client accepts (RpcClientOptions.MaxMessageBytes).");
            }

            var bytes = await ReadBoundedAsync(response.Content, method, cts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && !IsJson(response))
            {
                throw new RpcConnectionException(Endpoint, method, $"{method}: {Endpoint} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; is it a Bittensor node's RPC port?");
            }

            using var document = Parse(bytes, method);
            return JsonRpcFormat.Result(document.RootElement, method, Endpoint);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTimeoutException(method, Endpoint, limit);
        }
        catch (HttpRequestException e)
        {
            throw new RpcConnectionException(Endpoint, method, $"{method}: cannot reach {Endpoint}: {e.Message}", e);
        }
    }

    /// <summary>Always throws <see cref="NotSupportedException"/>: subscriptions need a WebSocket.</summary>
    public Task<RpcSubscription<JsonElement>> SubscribeAsync(
        string method, string unsubscribeMethod, IReadOnlyList<JsonNode?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{method} is a subscription, which HTTP cannot carry; connect to the node's WebSocket address (ws://{Endpoint.Authority}) instead.");

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsHttp)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, string method, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxMessageBytes)
                {
                    throw new RpcResponseException(method, Endpoint, $"the answer is longer than the {_options.MaxMessageBytes} bytes this client accepts (RpcClientOptions.MaxMessageBytes).");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/json";

    private JsonDocument Parse(byte[] bytes, string method)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new RpcResponseException(method, Endpoint, $"the answer is not JSON ({e.Message}).", e);
        }
    }
}
