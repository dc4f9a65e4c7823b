using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Bittensor.Benchmarks.Axon;

/// <summary>
/// <c>axon-rps [seconds] [concurrency] [h1|h2] [signed-only]</c>: Ping requests per second and latency, dendrite → axon on loopback,
/// against a bare Kestrel endpoint in the same run. The bare endpoint is called through an <see cref="HttpClient"/>
/// with the dendrite's handler settings, the same protocol and concurrency, and exchanges the same bytes: the request
/// carries the same body and headers a signed Ping carries, and the answer the axon's body and headers. A second bare
/// line sends the body alone (no synapse headers either way), the comparison of earlier runs.
/// </summary>
internal static class AxonRps
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var http2 = args.Length > 2 && args[2] switch
        {
            "h2" => true,
            "h1" => false,
            _ => throw new ArgumentException($"axon-rps: the protocol is h1 or h2, not '{args[2]}'."),
        };
        var caller = Keypair.Generate();
        var axonKey = Keypair.Generate();
        var directory = new CallerDirectory([new KeyValuePair<AccountId, CallerStanding>(caller.PublicKey, new CallerStanding(0, 1_000_000_000, true))]);
        await using var axon = new AxonServer(axonKey, directory, new AxonOptions
        {
            Port = 0,
            RateLimitEnabled = false,
            MaxConcurrentRequests = 1024,
            Http2Only = http2,
        });
        await axon.StartAsync();
        var target = new AxonTarget("127.0.0.1", axon.Port, axonKey.PublicKey);
        using var dendrite = new DendriteClient(caller, new DendriteOptions
        {
            MaxConnectionsPerAxon = concurrency,
            HttpVersion = http2 ? DendriteHttpVersion.Http2PriorKnowledge : DendriteHttpVersion.Http11,
        });
        var sample = await dendrite.CallAsync(target, new Ping());
        if (!sample.IsSuccess)
        {
            Console.Error.WriteLine($"axon-rps: the axon refused the ping: {sample.Message}");
            return 1;
        }

        // The bytes a signed Ping exchanges: the answer's body and axon headers, the request's body and headers.
        var answer = SynapseJson.Serialize(sample.Response!);
        var answerHeaders = new KeyValuePair<string, string>[]
        {
            new(SynapseHeaders.AxonPrefix + "status_code", "200"),
            new(SynapseHeaders.AxonPrefix + "status_message", "Success"),
            new(SynapseHeaders.AxonPrefix + "hotkey", axonKey.Ss58Address),
            new(SynapseHeaders.AxonPrefix + "version", SdkVersion.Value.ToString(CultureInfo.InvariantCulture)),
        };
        var (request, requestHeaders) = SignedPing(caller, axonKey, target);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1);
        });
        await using var bare = builder.Build();
        bare.Run(async c =>
        {
            await c.Request.Body.CopyToAsync(Stream.Null);
            c.Response.ContentType = "application/json";
            c.Response.ContentLength = answer.Length;
            if (c.Request.Headers.ContainsKey(SynapseHeaders.DendriteSignature))
            {
                foreach (var (name, value) in answerHeaders)
                {
                    c.Response.Headers[name] = value;
                }
            }

            await c.Response.Body.WriteAsync(answer);
        });
        await bare.StartAsync();
        var bareUri = new Uri(bare.Urls.First() + "/Synapse");
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var json = new MediaTypeHeaderValue("application/json");

        async Task<bool> Bare(bool withHeaders)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, bareUri)
            {
                Content = new ByteArrayContent(request),
                Version = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            message.Content.Headers.ContentType = json;
            if (withHeaders)
            {
                foreach (var (name, value) in requestHeaders)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await http.SendAsync(message);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }

        async Task<bool> Signed() => (await dendrite.CallAsync(target, new Ping())).IsSuccess;

        if (args.Length > 3 && args[3] == "signed-only")
        {
            // For a profiler: the signed path alone.
            var alone = new Result();
            await Measure(Signed, seconds, concurrency, alone);
            Print("dendrite → axon (Ping)", alone);
            return alone.Failures == 0 ? 0 : 1;
        }

        await Measure(() => Bare(true), 1, concurrency);
        await Measure(() => Bare(false), 0.5, concurrency);
        await Measure(Signed, 1, concurrency);

        // The three run in turns (five rounds of a fifth of the time each), so a change in the machine's load
        // during the run falls on all three alike.
        Func<Task<bool>>[] variants = [() => Bare(true), Signed, () => Bare(false)];
        var results = variants.Select(_ => new Result()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                await Measure(variants[v], seconds / Rounds, concurrency, results[v]);
            }
        }

        var (baseline, measured, bodyOnly) = (results[0], results[1], results[2]);
        Console.WriteLine($"# axon-rps: {seconds} s each, {concurrency} concurrent requests, {(http2 ? "HTTP/2 (h2c)" : "HTTP/1.1")}, loopback, {Environment.ProcessorCount} cores, {request.Length}-byte request, {answer.Length}-byte answer");
        Print("bare Kestrel, same bytes", baseline);
        Print("dendrite → axon (Ping)", measured);
        Print("bare Kestrel, body only", bodyOnly);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: {measured.Rps / baseline.Rps:0.00} of the bare endpoint with the same bytes ({measured.Rps / bodyOnly.Rps:0.00} of the body-only one)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU ratio (bare / signed processor time per request, client and server together): {baseline.CpuMicrosecondsPerRequest / measured.CpuMicrosecondsPerRequest:0.00}"));
        return measured.Failures == 0 && baseline.Failures == 0 && bodyOnly.Failures == 0 ? 0 : 1;
    }

    /// <summary>A Ping stamped and signed as the dendrite stamps it: its JSON body and its headers.</summary>
    private static (byte[] Body, KeyValuePair<string, string>[] Headers) SignedPing(Keypair caller, Keypair axon, AxonTarget target)
    {
        var ping = new Ping { Timeout = Synapse.DefaultTimeoutSeconds };
        var nonce = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        var uuid = Guid.NewGuid() + "-1";
        var hash = ping.ComputeBodyHash();
        ping.Dendrite = new TerminalInfo
        {
            Version = SdkVersion.Value,
            Nonce = nonce,
            Uuid = uuid,
            Hotkey = caller.Ss58Address,
            Signature = SynapseSignature.Sign(caller, SynapseSignature.Message(nonce, caller.Ss58Address, axon.Ss58Address, uuid, hash)),
        };
        ping.Axon = new TerminalInfo { Ip = target.Host, Port = target.Port, Hotkey = axon.Ss58Address };
        var body = SynapseJson.Serialize(ping);
        ping.ComputedBodyHash = hash;
        return (body, [.. SynapseHeaders.ToHeaders(ping)]);
    }

    private const int Rounds = 5;

    private static void Print(string name, Result r) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-28} {r.Rps,10:0} req/s   p50 {r.Percentile(0.50),7:0.000} ms   p99 {r.Percentile(0.99),7:0.000} ms   CPU {r.CpuMicrosecondsPerRequest,6:0} µs/req   failures {r.Failures}"));

    private static async Task Measure(Func<Task<bool>> call, double seconds, int concurrency, Result? into = null)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var t = Stopwatch.GetTimestamp();
                if (!await call())
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        if (into is not null)
        {
            into.Seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            into.CpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            into.Failures += failures;
            foreach (var l in latencies)
            {
                into.Latencies.AddRange(l);
            }
        }
    }

    private sealed class Result
    {
        public List<double> Latencies { get; } = [];

        public double Seconds { get; set; }

        public int Failures { get; set; }

        /// <summary>Processor time of the whole process (client and server) while this variant ran.</summary>
        public double CpuSeconds { get; set; }

        public double CpuMicrosecondsPerRequest => CpuSeconds * 1e6 / Latencies.Count;

        public double Rps => Latencies.Count / Seconds;

        public double Percentile(double p)
        {
            Latencies.Sort();
            return Latencies[Math.Min(Latencies.Count - 1, (int)(Latencies.Count * p))];
        }
    }
}
