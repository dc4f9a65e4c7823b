using System.Diagnostics;
using System.Globalization;
using System.Net;
using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bittensor.Benchmarks.Axon;

/// <summary>
/// <c>axon-rps [seconds] [concurrency]</c>: Ping requests per second and latency, dendrite → axon on loopback, against a
/// bare Kestrel endpoint that answers the same bytes to a plain HttpClient POST of the same body, in one run.
/// </summary>
internal static class AxonRps
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var caller = Keypair.Generate();
        var directory = new CallerDirectory([new KeyValuePair<AccountId, CallerStanding>(caller.PublicKey, new CallerStanding(0, 1_000_000_000, true))]);
        await using var axon = new AxonServer(Keypair.Generate(), directory, new AxonOptions
        {
            Port = 0,
            RateLimitEnabled = false,
            MaxConcurrentRequests = 1024,
        });
        await axon.StartAsync();
        var target = new AxonTarget("127.0.0.1", axon.Port, PublicKeyOf(axon));
        using var dendrite = new DendriteClient(caller, new DendriteOptions { MaxConnectionsPerAxon = concurrency });
        var sample = await dendrite.CallAsync(target, new Ping());
        if (!sample.IsSuccess)
        {
            Console.Error.WriteLine($"axon-rps: the axon refused the ping: {sample.Message}");
            return 1;
        }

        var answer = SynapseJson.Serialize(sample.Response!);
        var request = SynapseJson.Serialize(new Ping());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var bare = builder.Build();
        bare.Run(async c =>
        {
            await c.Request.Body.CopyToAsync(Stream.Null);
            c.Response.ContentType = "application/json";
            c.Response.ContentLength = answer.Length;
            await c.Response.Body.WriteAsync(answer);
        });
        await bare.StartAsync();
        var bareUri = new Uri(bare.Urls.First() + "/Synapse");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false });

        async Task<bool> Bare()
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(bareUri, content);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }

        async Task<bool> Signed() => (await dendrite.CallAsync(target, new Ping())).IsSuccess;

        await Measure(Bare, 1, concurrency);
        await Measure(Signed, 1, concurrency);
        var baseline = await Measure(Bare, seconds, concurrency);
        var measured = await Measure(Signed, seconds, concurrency);
        Console.WriteLine($"# axon-rps: {seconds} s each, {concurrency} concurrent requests, loopback, {Environment.ProcessorCount} cores, {answer.Length}-byte answer");
        Print("bare Kestrel, same bytes", baseline);
        Print("dendrite → axon (Ping)", measured);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: {measured.Rps / baseline.Rps:0.00} of the bare endpoint"));
        return measured.Failures == 0 && baseline.Failures == 0 ? 0 : 1;
    }

    private static AccountId PublicKeyOf(AxonServer axon) => Bittensor.Primitives.Keys.Ss58.Decode(axon.HotkeyAddress);

    private static void Print(string name, Result r) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-28} {r.Rps,10:0} req/s   p50 {r.P50Ms,7:0.000} ms   p99 {r.P99Ms,7:0.000} ms   failures {r.Failures}"));

    private static async Task<Result> Measure(Func<Task<bool>> call, double seconds, int concurrency)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
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
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / elapsed, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))], failures);
    }

    private sealed record Result(double Rps, double P50Ms, double P99Ms, int Failures);
}
