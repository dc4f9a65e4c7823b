using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Bittensor.Sdk.Axon;

/// <summary>
/// A miner's server (spec §2B) on Kestrel: one POST route per attached synapse (<c>/{SynapseName}</c>; the ping at
/// <c>/Synapse</c> is always there). Before a forward function runs, every request passes, in this order:
/// <list type="number">
/// <item>routing and headers: unknown route 404, not POST 405, a <c>name</c> header naming another synapse 400, a
/// missing or malformed <c>bt_header_dendrite_hotkey</c> 401 / 400, a bad <c>timeout</c> 400;</item>
/// <item>blacklist (403): not registered on the subnet, stake below <see cref="AxonOptions.MinStakeRao"/>, or a
/// custom <see cref="BlacklistRule"/>;</item>
/// <item>verify (401): the Ed25519 signature of the §2B message, then the body (413 over the size limit, 400 when it
/// is not the synapse's JSON or a tensor breaks a rule), its hash against the signed <c>computed_body_hash</c> header,
/// and the nonce (<see cref="AxonOptions.NonceAllowedDelta"/>);</item>
/// <item>priority: the caller's rate (429 past base + stake × per-TAO requests per second), then a slot among
/// <see cref="AxonOptions.MaxConcurrentRequests"/>; waiting requests are served highest stake first, and one still
/// waiting when its timeout runs out gets 408 (503 when the queue is full).</item>
/// </list>
/// The forward function's result is checked (500 when it breaks the synapse's rules) and returned as JSON with status
/// 200. Differences from upstream, on purpose: the body hash is checked before the forward function and a mismatch
/// is 401 (upstream: 500 after priority); priority really orders requests (upstream: random); nonces are checked in
/// nanoseconds on both sides of the window (see <see cref="NonceTracker"/>).
/// </summary>
public sealed class AxonServer : IAsyncDisposable
{
    private readonly Keypair _hotkey;
    private readonly ICallerDirectory _callers;
    private readonly AxonOptions _options;
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly NonceTracker _nonces;
    private readonly PriorityGate _gate;
    private readonly StakeRateLimiter _rates;
    private readonly long[] _statusCounts = new long[600];
    private readonly string _uuid = Guid.NewGuid().ToString();
    private readonly ConcurrentDictionary<string, AccountId> _hotkeys = new(StringComparer.Ordinal);
    private Dictionary<string, Route>.AlternateLookup<ReadOnlySpan<char>> _routeLookup;
    private readonly string _versionText;
    private WebApplication? _app;

    public AxonServer(Keypair hotkey, ICallerDirectory callers, AxonOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(hotkey);
        ArgumentNullException.ThrowIfNull(callers);
        _hotkey = hotkey;
        _callers = callers;
        _options = options ?? new AxonOptions();
        if (_options.MaxConcurrentRequests < 1 || _options.MaxRequestBodyBytes < 1 || _options.MaxTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("AxonOptions: MaxConcurrentRequests, MaxRequestBodyBytes and MaxTimeout must be positive.", nameof(options));
        }

        _versionText = SynapseHeaders.Integer(_options.Version);
        _nonces = new NonceTracker(time ?? TimeProvider.System, _options.NonceAllowedDelta, _options.NonceFutureTolerance, _options.MaxTimeout);
        _gate = new PriorityGate(_options.MaxConcurrentRequests, _options.MaxQueuedRequests);
        _rates = new StakeRateLimiter(_options.BaseRequestsPerSecond, _options.RequestsPerSecondPerTao, _options.RateBurstSeconds);
        Attach<Ping>(static (ping, _) => ValueTask.FromResult(ping));
    }

    /// <summary>The axon's hotkey address (the receiver in every signed message).</summary>
    public string HotkeyAddress => _hotkey.Ss58Address;

    /// <summary>The bound port (the system's choice when <see cref="AxonOptions.Port"/> was 0); 0 before start.</summary>
    public int Port { get; private set; }

    /// <summary>Requests waiting for a slot now.</summary>
    public int QueuedRequests => _gate.Queued;

    /// <summary>Responses sent so far, by HTTP status (a snapshot).</summary>
    public IReadOnlyDictionary<int, long> StatusCounts
    {
        get
        {
            var counts = new Dictionary<int, long>();
            for (var status = 0; status < _statusCounts.Length; status++)
            {
                if (Volatile.Read(ref _statusCounts[status]) is var n and > 0)
                {
                    counts[status] = n;
                }
            }

            return counts;
        }
    }

    /// <summary>Serves <typeparamref name="T"/> with <paramref name="forward"/>, which fills the response fields and returns the synapse.</summary>
    public AxonServer Attach<T>(Func<T, CancellationToken, ValueTask<T>> forward)
        where T : Synapse, new()
    {
        ArgumentNullException.ThrowIfNull(forward);
        EnsureNotStarted();
        var name = new T().SynapseName;
        _routes.TryGetValue(name, out var existing);
        _routes[name] = new Route(typeof(T), async (s, ct) => await forward((T)s, ct).ConfigureAwait(false), existing?.Stream);
        return this;
    }

    /// <summary>Serves TextGeneration as a stream of text pieces (also answers non-streaming requests, with the pieces joined).</summary>
    public AxonServer AttachStreaming(Func<TextGeneration, CancellationToken, IAsyncEnumerable<string>> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureNotStarted();
        _routes.TryGetValue(TextGeneration.RouteName, out var existing);
        _routes[TextGeneration.RouteName] = new Route(typeof(TextGeneration), existing?.Forward, stream);
        return this;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotStarted();
        _routeLookup = _routes.GetAlternateLookup<ReadOnlySpan<char>>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = _options.MaxRequestBodyBytes;
            k.Listen(_options.BindAddress, _options.Port, listen => listen.Protocols = _options.Http2Only ? HttpProtocols.Http2 : HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() : null;
        Port = address is null ? _options.Port : new Uri(address).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void EnsureNotStarted()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The axon is already serving; attach every synapse before StartAsync.");
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        Rejection? rejection;
        try
        {
            rejection = await ProcessAsync(context, started).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Count(499);
            return;
        }
        catch (Exception e)
        {
            rejection = new Rejection(500, $"Internal error in the axon ({e.GetType().Name}).");
        }

        if (rejection is { } r && !context.Response.HasStarted)
        {
            await WriteErrorAsync(context, r).ConfigureAwait(false);
        }
    }

    private async Task<Rejection?> ProcessAsync(HttpContext context, long started)
    {
        var request = context.Request;
        var path = request.Path.HasValue ? request.Path.Value.AsSpan(1) : [];
        if (!_routeLookup.TryGetValue(path, out var routeName, out var route))
        {
            routeName = path.ToString();
            return new Rejection(404, $"No synapse named '{Truncate(routeName)}' is served here; routes: {string.Join(", ", _routes.Keys.Order(StringComparer.Ordinal).Select(k => "/" + k))}.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return new Rejection(405, $"Send synapses with POST /{routeName}.");
        }

        var headers = request.Headers;
        if (headers.TryGetValue(SynapseHeaders.Name, out var nameHeader) && !string.Equals(nameHeader.ToString(), routeName, StringComparison.Ordinal))
        {
            return new Rejection(400, $"The name header says '{Truncate(nameHeader.ToString())}' but the route is /{routeName}.");
        }

        var timeoutSeconds = Synapse.DefaultTimeoutSeconds;
        if (headers.TryGetValue(SynapseHeaders.Timeout, out var timeoutHeader)
            && (!double.TryParse(timeoutHeader.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out timeoutSeconds) || !(timeoutSeconds > 0)))
        {
            return new Rejection(400, $"The timeout header '{Truncate(timeoutHeader.ToString())}' is not a positive number of seconds.");
        }

        timeoutSeconds = Math.Min(timeoutSeconds, _options.MaxTimeout.TotalSeconds);
        var hotkeyText = headers[SynapseHeaders.DendriteHotkey].ToString();
        if (hotkeyText.Length == 0)
        {
            return new Rejection(401, $"Missing header {SynapseHeaders.DendriteHotkey}: sign the request with your hotkey.");
        }

        if (!_hotkeys.TryGetValue(hotkeyText, out var hotkey))
        {
            try
            {
                hotkey = Ss58.Decode(hotkeyText);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return new Rejection(400, $"{SynapseHeaders.DendriteHotkey} is not an SS58 address (prefix 42): {e.Message}");
            }

            RememberHotkey(hotkeyText, hotkey);
        }

        // 1. Blacklist.
        CallerStanding? standing = _callers.TryGetCaller(hotkey, out var found) ? found : null;
        if (Blacklist(hotkey, standing, routeName, context.Connection.RemoteIpAddress) is { } reason)
        {
            return new Rejection(403, "Forbidden. Key is blacklisted: " + reason);
        }

        // 2. Verify: signature over the headers, then the body, its hash and the nonce.
        var nonceText = headers[SynapseHeaders.DendriteNonce].ToString();
        if (!long.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce))
        {
            return new Rejection(401, nonceText.Length == 0
                ? $"Not Verified: missing header {SynapseHeaders.DendriteNonce}."
                : $"Not Verified: {SynapseHeaders.DendriteNonce} '{Truncate(nonceText)}' is not a non-negative integer (wall-clock nanoseconds).");
        }

        var uuid = headers.TryGetValue(SynapseHeaders.DendriteUuid, out var u) ? u.ToString() : null;
        var bodyHash = headers.TryGetValue(SynapseHeaders.ComputedBodyHash, out var h) ? h.ToString() : null;
        var signature = headers[SynapseHeaders.DendriteSignature].ToString();
        if (signature.Length == 0)
        {
            return new Rejection(401, $"Not Verified: missing header {SynapseHeaders.DendriteSignature}.");
        }

        if (!SynapseSignature.Verify(hotkey, nonce, hotkeyText, _hotkey.Ss58Address, uuid, bodyHash, signature))
        {
            return new Rejection(401, "Not Verified: the signature is not the caller hotkey's Ed25519 signature of "
                + "'{nonce}.{dendrite hotkey}.{axon hotkey}.{uuid}.{body hash}' (sr25519 is not supported).");
        }

        if (request.ContentLength > _options.MaxRequestBodyBytes)
        {
            return new Rejection(413, $"The body is {request.ContentLength} bytes; this axon accepts at most {_options.MaxRequestBodyBytes}.");
        }

        Synapse synapse;
        byte[]? body = null;
        try
        {
            int read;
            try
            {
                (body, read) = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
            {
                return e.StatusCode == 413
                    ? new Rejection(413, $"The body exceeds this axon's limit of {_options.MaxRequestBodyBytes} bytes.")
                    : new Rejection(400, "The body could not be read: " + e.Message);
            }

            synapse = SynapseJson.Deserialize(body.AsSpan(0, read), route.Type);
            if (!string.Equals(synapse.Name, routeName, StringComparison.Ordinal))
            {
                return new Rejection(400, $"The body's name '{Truncate(synapse.Name)}' differs from the route /{routeName}.");
            }

            synapse.ValidateRequest(_options.Limits);
        }
        catch (SynapseException e)
        {
            return new Rejection(400, "Bad request: " + e.Message);
        }
        finally
        {
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }

        if (!string.Equals(synapse.ComputeBodyHash(), bodyHash, StringComparison.Ordinal))
        {
            return new Rejection(401, "Not Verified: the body does not match the signed computed_body_hash header.");
        }

        if (_nonces.TryAccept(hotkeyText + ":" + uuid, nonce, timeoutSeconds) is { } nonceProblem)
        {
            return new Rejection(401, "Not Verified: " + nonceProblem);
        }

        // 3. Priority: the caller's rate, then a slot, highest stake first.
        var stake = standing?.StakeRao ?? 0;
        if (_options.RateLimitEnabled && !_rates.TryTake(hotkey, stake))
        {
            return new Rejection(429, $"Too many requests: this caller may send {_rates.RateFor(stake):0.###} per second (base + stake × per-TAO rate).");
        }

        var deadline = TimeSpan.FromSeconds(timeoutSeconds);
        var entry = await _gate.EnterAsync(stake, deadline - Stopwatch.GetElapsedTime(started), context.RequestAborted).ConfigureAwait(false);
        if (entry == PriorityGate.Entry.TimedOut)
        {
            return new Rejection(408, $"Request timed out after {timeoutSeconds} s waiting for a free slot (the axon is saturated).");
        }

        if (entry == PriorityGate.Entry.QueueFull)
        {
            return new Rejection(503, "Service unavailable: too many requests are waiting.");
        }

        try
        {
            return await RunAsync(context, route, synapse, deadline, started).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads the whole body into a pooled array (of the declared length, or grown from the pool when the length was not
    /// declared) and hands it to the caller, who returns it to the pool; on failure it is returned here.
    /// </summary>
    private async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } length ? Math.Max(256, (int)length) : 4096);
        var read = 0;
        try
        {
            while (read != declared)
            {
                if (read == buffer.Length)
                {
                    // A body without a declared length (chunked) that outgrew the buffer; Kestrel enforces the limit too.
                    if (buffer.Length >= _options.MaxRequestBodyBytes)
                    {
                        throw new Microsoft.AspNetCore.Http.BadHttpRequestException("The body exceeds the axon's limit.", 413);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(_options.MaxRequestBodyBytes, Math.Max(4096L, (long)buffer.Length * 2)));
                    buffer.AsSpan(0, read).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return (buffer, read);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Remembers a decoded caller hotkey (decoding SS58 costs several microseconds); bounded, cleared when full.</summary>
    private void RememberHotkey(string text, AccountId hotkey)
    {
        if (_hotkeys.Count >= MaxCachedHotkeys)
        {
            _hotkeys.Clear();
        }

        _hotkeys[text] = hotkey;
    }

    private const int MaxCachedHotkeys = 65_536;

    private string? Blacklist(AccountId hotkey, CallerStanding? standing, string routeName, IPAddress? remote)
    {
        if (standing is null && _options.RequireRegistration)
        {
            return "the hotkey is not registered on this subnet.";
        }

        if ((standing?.StakeRao ?? 0) < _options.MinStakeRao)
        {
            return $"stake {standing?.StakeRao ?? 0} rao is below the minimum of {_options.MinStakeRao} rao.";
        }

        foreach (var rule in _options.BlacklistRules)
        {
            if (rule(new CallerContext(hotkey, standing, routeName, remote)) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private async Task<Rejection?> RunAsync(HttpContext context, Route route, Synapse synapse, TimeSpan deadline, long started)
    {
        var remaining = deadline - Stopwatch.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero)
        {
            return new Rejection(408, "Request timed out before its forward function could start.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(remaining);
        if (synapse is TextGeneration generation && (generation.Stream || route.Forward is null) && route.Stream is { } stream)
        {
            return await StreamAsync(context, generation, stream, timeout.Token, started).ConfigureAwait(false);
        }

        if (route.Forward is null)
        {
            return new Rejection(400, $"/{route.Type.Name} is served here as a stream only; set stream to true.");
        }

        Synapse result;
        try
        {
            result = await route.Forward(synapse, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return new Rejection(408, $"The forward function did not finish within the request's timeout of {deadline.TotalSeconds} s.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Rejection(500, $"Internal error in the forward function ({e.GetType().Name}).");
        }

        if (result is null || result.GetType() != synapse.GetType())
        {
            return new Rejection(500, "The forward function returned no synapse, or one of another type.");
        }

        try
        {
            result.RestoreRequestFields(synapse);
            if (_options.CheckResponses)
            {
                result.ValidateResponse(_options.Limits);
            }
        }
        catch (SynapseException e)
        {
            return new Rejection(500, "The forward function returned an invalid response: " + e.Message);
        }

        StampSuccess(result, started);
        var json = SynapseJson.Serialize(result);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        AddAxonHeaders(response, 200, "Success");
        Count(200);
        await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        return null;
    }

    private async Task<Rejection?> StreamAsync(HttpContext context, TextGeneration synapse, Func<TextGeneration, CancellationToken, IAsyncEnumerable<string>> stream, CancellationToken cancellationToken, long started)
    {
        var response = context.Response;
        var text = new StringBuilder();
        var streaming = synapse.Stream;
        try
        {
            await foreach (var piece in stream(synapse, cancellationToken).ConfigureAwait(false))
            {
                text.Append(piece);
                if (!streaming)
                {
                    continue;
                }

                if (!response.HasStarted)
                {
                    response.StatusCode = 200;
                    response.ContentType = "text/event-stream";
                    AddAxonHeaders(response, 200, "Success");
                    Count(200);
                }

                await response.WriteAsync("data: " + JsonSerializer.Serialize(piece) + "\n\n", cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            synapse.Completion = text.ToString();
            if (_options.CheckResponses)
            {
                synapse.ValidateResponse(_options.Limits);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var (status, message) = e switch
            {
                OperationCanceledException => (408, $"The stream did not finish within the request's timeout of {synapse.Timeout} s."),
                SynapseException s => (500, "The forward function returned an invalid response: " + s.Message),
                _ => (500, $"Internal error in the forward function ({e.GetType().Name})."),
            };
            if (!response.HasStarted)
            {
                return new Rejection(status, message);
            }

            await response.WriteAsync("event: error\ndata: " + JsonSerializer.Serialize(new { message }) + "\n\n", context.RequestAborted).ConfigureAwait(false);
            return null;
        }

        StampSuccess(synapse, started);
        var json = SynapseJson.Serialize(synapse);
        if (!response.HasStarted)
        {
            response.StatusCode = 200;
            AddAxonHeaders(response, 200, "Success");
            Count(200);
            if (!streaming)
            {
                response.ContentType = "application/json";
                response.ContentLength = json.Length;
                await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
                return null;
            }

            response.ContentType = "text/event-stream";
        }

        await response.WriteAsync("event: done\ndata: ", context.RequestAborted).ConfigureAwait(false);
        await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        await response.WriteAsync("\n\n", context.RequestAborted).ConfigureAwait(false);
        return null;
    }

    private void StampSuccess(Synapse synapse, long started)
    {
        synapse.Axon ??= new TerminalInfo();
        synapse.Axon.StatusCode = 200;
        synapse.Axon.StatusMessage = "Success";
        synapse.Axon.ProcessTime = Stopwatch.GetElapsedTime(started).TotalSeconds;
        synapse.Axon.Hotkey = _hotkey.Ss58Address;
        synapse.Axon.Version = _options.Version;
        synapse.Axon.Uuid = _uuid;
    }

    private void AddAxonHeaders(HttpResponse response, int status, string message)
    {
        var headers = response.Headers;
        headers[AxonStatusCodeHeader] = SynapseHeaders.Integer(status);
        headers[AxonStatusMessageHeader] = SynapseHeaders.Ascii(message);
        headers[AxonHotkeyHeader] = _hotkey.Ss58Address;
        headers[AxonVersionHeader] = _versionText;
    }

    private const string AxonStatusCodeHeader = SynapseHeaders.AxonPrefix + "status_code";
    private const string AxonStatusMessageHeader = SynapseHeaders.AxonPrefix + "status_message";
    private const string AxonHotkeyHeader = SynapseHeaders.AxonPrefix + "hotkey";
    private const string AxonVersionHeader = SynapseHeaders.AxonPrefix + "version";

    private async Task WriteErrorAsync(HttpContext context, Rejection rejection)
    {
        Count(rejection.Status);
        var response = context.Response;
        response.StatusCode = rejection.Status;
        response.ContentType = "application/json";
        AddAxonHeaders(response, rejection.Status, rejection.Message);
        var json = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(rejection.Message));
        response.ContentLength = json.Length;
        try
        {
            await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The caller went away; nothing to tell it.
        }
    }

    /// <summary>One counter per status, incremented without a lock (every response passes here).</summary>
    private void Count(int status) => Interlocked.Increment(ref _statusCounts[status]);

    private static string Truncate(string value) => SynapseHeaders.Ascii(value.Length <= 64 ? value : value[..64] + "…");

    private sealed record Route(Type Type, Func<Synapse, CancellationToken, ValueTask<Synapse>>? Forward, Func<TextGeneration, CancellationToken, IAsyncEnumerable<string>>? Stream);

    private readonly record struct Rejection(int Status, string Message);

    private sealed record ErrorBody(string message);
}
