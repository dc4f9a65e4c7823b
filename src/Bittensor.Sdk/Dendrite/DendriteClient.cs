using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Dendrite;

/// <summary>
/// The caller's side of spec §2B: signs every request with the caller's hotkey and calls one or many axons
/// concurrently over one pooled <see cref="SocketsHttpHandler"/> (connections are reused across calls), each call
/// with its own timeout. Every call ends in a <see cref="DendriteResult{T}"/>, never an exception, except when the
/// caller's own token is cancelled.
/// </summary>
public sealed class DendriteClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly Keypair _hotkey;
    private readonly DendriteOptions _options;
    private readonly HttpClient _http;
    private readonly string _uuid = Guid.NewGuid().ToString();
    private readonly ConcurrentDictionary<(AxonTarget Axon, string Route), CachedRoute> _routes = new();
    private long _lastNonce;
    private long _calls;

    public DendriteClient(Keypair hotkey, DendriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hotkey);
        if (!hotkey.HasPrivateKey)
        {
            throw new ArgumentException($"The dendrite signs every request; the hotkey {hotkey.Ss58Address} has no secret.", nameof(hotkey));
        }

        _hotkey = hotkey;
        _options = options ?? new DendriteOptions();
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            MaxConnectionsPerServer = _options.MaxConnectionsPerAxon,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = _options.MaxResponseBytes };
    }

    /// <summary>The caller's hotkey address.</summary>
    public string HotkeyAddress => _hotkey.Ss58Address;

    /// <summary>Calls every axon with its own copy of <paramref name="synapse"/>, all at once; results in the order of <paramref name="axons"/>.</summary>
    public Task<DendriteResult<T>[]> ForwardAsync<T>(IReadOnlyList<AxonTarget> axons, T synapse, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where T : Synapse
    {
        ArgumentNullException.ThrowIfNull(axons);
        ArgumentNullException.ThrowIfNull(synapse);
        var body = SynapseJson.Serialize(synapse);
        return Task.WhenAll(axons.Select(a => CallAsync(a, SynapseJson.Deserialize<T>(body), timeout, cancellationToken)));
    }

    /// <summary>Calls one axon. <paramref name="synapse"/> is stamped (timeout, dendrite and axon info) and sent.</summary>
    public async Task<DendriteResult<T>> CallAsync<T>(AxonTarget axon, T synapse, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where T : Synapse
    {
        ArgumentNullException.ThrowIfNull(axon);
        ArgumentNullException.ThrowIfNull(synapse);
        var limit = timeout ?? _options.DefaultTimeout;
        using var request = Prepare(axon, synapse, limit);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit + _options.TransportGrace);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var latency = Stopwatch.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                var outcome = status == 408 ? DendriteOutcome.Timeout : DendriteOutcome.Rejected;
                return new DendriteResult<T>(axon, outcome, default, status, ErrorMessage(body, response.ReasonPhrase), latency);
            }

            T answer;
            try
            {
                answer = SynapseJson.Deserialize<T>(body);
                answer.RestoreRequestFields(synapse);
                answer.ValidateResponse(_options.Limits);
            }
            catch (SynapseException e)
            {
                return new DendriteResult<T>(axon, DendriteOutcome.InvalidResponse, default, status, "Invalid response: " + e.Message, latency);
            }

            answer.Dendrite = synapse.Dendrite;
            answer.Dendrite.StatusCode = status;
            answer.Dendrite.StatusMessage = answer.Axon?.StatusMessage ?? "Success";
            answer.Dendrite.ProcessTime = latency.TotalSeconds;
            return new DendriteResult<T>(axon, DendriteOutcome.Success, answer, status, "Success", latency);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DendriteResult<T>(axon, DendriteOutcome.Timeout, default, 408, $"Timed out after {limit.TotalSeconds} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new DendriteResult<T>(axon, DendriteOutcome.Refused, default, 503, Describe(axon, e), Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Calls a streaming TextGeneration axon and yields the text as it comes; at the end <paramref name="synapse"/>
    /// holds the completion and the axon's info.
    /// </summary>
    /// <exception cref="DendriteException">The call failed (outcome, status and message as for <see cref="CallAsync{T}"/>).</exception>
    public async IAsyncEnumerable<string> StreamAsync(AxonTarget axon, TextGeneration synapse, TimeSpan? timeout = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(axon);
        ArgumentNullException.ThrowIfNull(synapse);
        synapse.Stream = true;
        var limit = timeout ?? _options.DefaultTimeout;
        using var request = Prepare(axon, synapse, limit);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit + _options.TransportGrace);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DendriteException(DendriteOutcome.Timeout, 408, $"Timed out after {limit.TotalSeconds} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new DendriteException(DendriteOutcome.Refused, 503, Describe(axon, e), e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
                throw new DendriteException(status == 408 ? DendriteOutcome.Timeout : DendriteOutcome.Rejected, status, ErrorMessage(body, response.ReasonPhrase));
            }

            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? eventName = null;
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DendriteException(DendriteOutcome.Timeout, 408, $"The stream did not finish within {limit.TotalSeconds} s", e);
                }
                catch (IOException e)
                {
                    throw new DendriteException(DendriteOutcome.Refused, 503, "The stream broke: " + e.Message, e);
                }

                if (line is null)
                {
                    throw new DendriteException(DendriteOutcome.InvalidResponse, 200, "The stream ended without its final 'done' event.");
                }

                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line[7..];
                    continue;
                }

                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var data = line[6..];
                switch (eventName)
                {
                    case null:
                        string piece;
                        try
                        {
                            piece = JsonSerializer.Deserialize<string>(data) ?? throw new JsonException("null");
                        }
                        catch (JsonException e)
                        {
                            throw new DendriteException(DendriteOutcome.InvalidResponse, 200, "A stream event is not a JSON string: " + e.Message, e);
                        }

                        yield return piece;
                        break;
                    case "error":
                        throw new DendriteException(DendriteOutcome.Rejected, 500, ErrorMessage(Encoding.UTF8.GetBytes(data), "error"));
                    case "done":
                        TextGeneration final;
                        try
                        {
                            final = SynapseJson.Deserialize<TextGeneration>(Encoding.UTF8.GetBytes(data));
                            final.RestoreRequestFields(synapse);
                            final.ValidateResponse(_options.Limits);
                        }
                        catch (SynapseException e)
                        {
                            throw new DendriteException(DendriteOutcome.InvalidResponse, 200, "Invalid response: " + e.Message, e);
                        }

                        synapse.Completion = final.Completion;
                        synapse.Axon = final.Axon;
                        synapse.Dendrite.StatusCode = 200;
                        synapse.Dendrite.StatusMessage = "Success";
                        synapse.Dendrite.ProcessTime = Stopwatch.GetElapsedTime(started).TotalSeconds;
                        yield break;
                    default:
                        throw new DendriteException(DendriteOutcome.InvalidResponse, 200, $"Unknown stream event '{eventName}'.");
                }

                eventName = null;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Prepare(AxonTarget axon, Synapse synapse, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A call needs a positive timeout.");
        }

        synapse.Timeout = timeout.TotalSeconds;
        synapse.ComputedBodyHash = string.Empty;
        var nonce = NextNonce();
        var uuid = CallUuid();
        var bodyHash = synapse.ComputeBodyHash();
        var route = RouteTo(axon, synapse.SynapseName);
        synapse.Dendrite = new TerminalInfo
        {
            Ip = _options.ExternalIp,
            Version = SdkVersion.Value,
            Nonce = nonce,
            Uuid = uuid,
            Hotkey = _hotkey.Ss58Address,
            Signature = SynapseSignature.Sign(_hotkey, nonce, _hotkey.Ss58Address, route.HotkeyAddress, uuid, bodyHash),
        };
        synapse.Axon = new TerminalInfo { Ip = axon.Host, Port = axon.Port, Hotkey = route.HotkeyAddress };
        var json = SynapseJson.Serialize(synapse);
        synapse.ComputedBodyHash = bodyHash;
        var request = new HttpRequestMessage(HttpMethod.Post, route.Uri)
        {
            Content = new ByteArrayContent(json),
        };
        if (_options.HttpVersion == DendriteHttpVersion.Http2PriorKnowledge)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        else
        {
            request.Version = HttpVersion.Version11;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        request.Content.Headers.ContentType = JsonContentType;
        foreach (var (name, value) in SynapseHeaders.ToHeaders(synapse))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>
    /// The URI of a route on an axon and the axon's SS58 address, built once per (axon, route) rather than per call
    /// (SS58 encoding costs about as much as a third of an Ed25519 signature). Bounded: cleared when it grows past
    /// <see cref="MaxCachedRoutes"/> entries.
    /// </summary>
    private CachedRoute RouteTo(AxonTarget axon, string synapseName)
    {
        if (_routes.TryGetValue((axon, synapseName), out var cached))
        {
            return cached;
        }

        if (_routes.Count >= MaxCachedRoutes)
        {
            _routes.Clear();
        }

        var route = new CachedRoute(axon.UriFor(synapseName), axon.HotkeyAddress);
        _routes[(axon, synapseName)] = route;
        return route;
    }

    private const int MaxCachedRoutes = 16_384;

    private sealed record CachedRoute(Uri Uri, string HotkeyAddress);

    /// <summary>
    /// The replay key's second half for one call: this dendrite's uuid and a call number. The axon requires nonces to
    /// rise strictly per (hotkey, uuid); concurrent calls to one axon can arrive in any order, so each call is its own
    /// key (a replay of it is still refused: same key, same nonce; and once the key is forgotten, the nonce is out of
    /// the window).
    /// </summary>
    private string CallUuid() =>
        string.Create(CultureInfo.InvariantCulture, $"{_uuid}-{Interlocked.Increment(ref _calls):x}");

    /// <summary>Wall-clock nanoseconds, strictly increasing within this dendrite (its uuid is the replay key's second half).</summary>
    private long NextNonce()
    {
        var now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        while (true)
        {
            var last = Interlocked.Read(ref _lastNonce);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastNonce, next, last) == last)
            {
                return next;
            }
        }
    }

    private static string ErrorMessage(byte[] body, string? fallback)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 0 ? Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)) : fallback ?? "no message";
    }

    private static string Describe(AxonTarget axon, HttpRequestException e) => e.InnerException is SocketException s
        ? $"Service at {axon.Host}:{axon.Port} unavailable: {s.SocketErrorCode}"
        : $"Service at {axon.Host}:{axon.Port} unavailable: {e.Message}";
}
