using System.Collections.Concurrent;
using System.Net;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bittensor.Sdk.Tests.Axon;

/// <summary>Saturation, ordering, timeouts, rate limits and hostile input against a real axon.</summary>
public sealed class AxonPriorityTests
{
    [Fact(Timeout = 60_000)]
    public async Task Saturated_ServesWaitingRequestsHighestStakeFirst()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new ConcurrentQueue<string>();
        await using var axon = await AxonHarness.StartAsync(
            [("blocker", 5), ("low", 1), ("mid", 50), ("high", 500)],
            s => s.Attach<TextGeneration>(async (syn, ct) =>
            {
                order.Enqueue(syn.Prompt!);
                if (syn.Prompt == "blocker")
                {
                    await release.Task.WaitAsync(ct);
                }

                syn.Completion = syn.Prompt;
                return syn;
            }),
            o => o with { MaxConcurrentRequests = 1 });
        var clients = axon.Callers.Keys.ToDictionary(k => k, k => axon.Dendrite(k), StringComparer.Ordinal);
        try
        {
            var blocked = clients["blocker"].CallAsync(axon.Target, new TextGeneration { Prompt = "blocker" }, TimeSpan.FromSeconds(20));
            await WaitUntil(() => order.Count == 1);

            // Queue them lowest stake first, each surely waiting before the next is sent.
            var waiting = new List<Task<DendriteResult<TextGeneration>>>();
            foreach (var (name, queued) in new[] { ("low", 1), ("mid", 2), ("high", 3) })
            {
                waiting.Add(clients[name].CallAsync(axon.Target, new TextGeneration { Prompt = name }, TimeSpan.FromSeconds(20)));
                await WaitUntil(() => axon.Server.QueuedRequests == queued);
            }

            release.SetResult();
            Assert.True((await blocked).IsSuccess);
            foreach (var result in await Task.WhenAll(waiting))
            {
                Assert.True(result.IsSuccess, result.Message);
            }

            Assert.Equal(["blocker", "high", "mid", "low"], order);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task RequestWaitingPastItsTimeout_Gets408()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var axon = await AxonHarness.StartAsync(
            [("a", 10), ("b", 10)],
            s => s.Attach<TextGeneration>(async (syn, ct) =>
            {
                started.TrySetResult();
                await release.Task.WaitAsync(ct);
                syn.Completion = "done";
                return syn;
            }),
            o => o with { MaxConcurrentRequests = 1 });
        using var a = axon.Dendrite("a");
        using var b = axon.Dendrite("b");
        var blocked = a.CallAsync(axon.Target, new TextGeneration { Prompt = "x" }, TimeSpan.FromSeconds(20));
        await started.Task;

        var late = await b.CallAsync(axon.Target, new Ping(), TimeSpan.FromMilliseconds(600));
        Assert.Equal(DendriteOutcome.Timeout, late.Outcome);
        Assert.Equal(408, late.StatusCode);
        Assert.Contains("waiting for a free slot", late.Message, StringComparison.Ordinal);
        Assert.Equal(0, axon.Server.QueuedRequests);

        release.SetResult();
        Assert.True((await blocked).IsSuccess);
        Assert.True((await b.CallAsync(axon.Target, new Ping())).IsSuccess);
    }

    [Fact(Timeout = 60_000)]
    public async Task ForwardFunctionPastTheTimeout_IsATimeout()
    {
        await using var axon = await AxonHarness.StartAsync([("a", 1)], s => s.Attach<TextGeneration>(async (syn, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return syn;
        }));
        using var a = axon.Dendrite("a");
        var result = await a.CallAsync(axon.Target, new TextGeneration { Prompt = "x" }, TimeSpan.FromMilliseconds(500));
        Assert.Equal(DendriteOutcome.Timeout, result.Outcome);
        Assert.Equal(408, result.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task RateLimit_IsProportionalToStake()
    {
        await using var axon = await AxonHarness.StartAsync(
            [("small", 0), ("large", 20)],
            configure: o => o with { BaseRequestsPerSecond = 1, RequestsPerSecondPerTao = 1, RateBurstSeconds = 1 });
        using var small = axon.Dendrite("small");
        using var large = axon.Dendrite("large");

        // Burst = one second of rate: 1 request for no stake, 21 for 20 TAO.
        var smallResults = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => small.CallAsync(axon.Target, new Ping())));
        var largeResults = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => large.CallAsync(axon.Target, new Ping())));
        Assert.InRange(smallResults.Count(r => r.IsSuccess), 1, 2);
        Assert.Contains(smallResults, r => r.StatusCode == 429);
        Assert.Equal(15, largeResults.Count(r => r.IsSuccess));
    }

    [Fact(Timeout = 120_000)]
    public async Task HostileFlood_GetsClear4xxAndTheAxonKeepsServing()
    {
        await using var axon = await AxonHarness.StartAsync(
            [("good", 10)],
            s => s.Attach<TextLastHiddenState>((syn, _) =>
            {
                syn.HiddenStates = SynapseTensor.FromFloat32(new float[syn.TokenIds!.ElementCount], syn.TokenIds.Shape[0], syn.TokenIds.Shape[1], 1);
                return ValueTask.FromResult(syn);
            }),
            o => o with { MaxRequestBodyBytes = 64 * 1024, RateLimitEnabled = false });
        var key = axon.Callers["good"];
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 16 };
        using var http = new HttpClient(handler);

        // Oversized bodies on their own connections: Kestrel closes a connection whose body it refused unread.
        using var oversizeHttp = new HttpClient();
        var badTensor = SynapseTensor.FromInt64([1, 2], 1, 2);
        badTensor.Shape = [1, 3];

        // Each kind: how to build it, the status it must get and a word of the message.
        var kinds = new (Func<HttpRequestMessage> Build, int Status, string Word)[]
        {
            (() => axon.SignedRequest(key, new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64(new long[40_000], 1, 40_000) }), 413, "at most"),
            (() => axon.SignedRequest(key, new TextLastHiddenState(), body: "{\"token_ids\": [1, 2"), 400, "not a valid"),
            (() => axon.SignedRequest(key, new TextLastHiddenState(), body: "{\"token_ids\": {\"buffer\": \"AAAA\", \"dtype\": \"torch.int64\", \"shape\": [1, 1]}}"), 400, "token_ids"),
            (() => axon.SignedRequest(key, new TextLastHiddenState { TokenIds = badTensor }), 400, "differs from shape"),
            (() => axon.SignedRequest(key, new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64([99_999], 1, 1) }), 400, "outside"),
            (() => new HttpRequestMessage(HttpMethod.Post, axon.Url("NoSuchSynapse")) { Content = new StringContent("{}") }, 404, "No synapse named"),
            (() => new HttpRequestMessage(HttpMethod.Post, axon.Url("TextLastHiddenState")) { Content = new StringContent("{}") }, 401, "Missing header"),
            (() => WithHeader(axon.SignedRequest(key, new Ping()), SynapseHeaders.Name, "TextCausalLM"), 400, "route"),
            (() => WithHeader(axon.SignedRequest(key, new Ping()), SynapseHeaders.DendriteHotkey, "not-an-address"), 400, "SS58"),
            (() => WithHeader(axon.SignedRequest(key, new Ping()), SynapseHeaders.Timeout, "NaN"), 400, "timeout"),
            (() => WithHeader(axon.SignedRequest(key, new Ping()), SynapseHeaders.DendriteNonce, "12x"), 401, "nonce"),
            (() => new HttpRequestMessage(HttpMethod.Get, axon.Url("Synapse")), 405, "POST"),
        };
        const int Total = 2400;
        var failures = new ConcurrentBag<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Total)
            {
                var kind = kinds[i % kinds.Length];
                using var request = kind.Build();
                try
                {
                    using var response = await (kind.Status == 413 ? oversizeHttp : http).SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode != kind.Status || !body.Contains(kind.Word, StringComparison.Ordinal))
                    {
                        failures.Add($"kind {i % kinds.Length}: {(int)response.StatusCode} {body}");
                    }
                }
                catch (HttpRequestException) when (kind.Status == 413)
                {
                    // Kestrel may close the connection on an oversized body before the client finishes sending.
                }
                catch (HttpRequestException e)
                {
                    failures.Add($"kind {i % kinds.Length}: {e.Message} {e.InnerException?.Message}");
                }
            }
        }));

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(axon.Server.StatusCounts.Where(c => c.Key >= 400).Sum(c => c.Value) >= Total - 200);
        using var dendrite = axon.Dendrite("good");
        var good = await dendrite.CallAsync(axon.Target, new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64([1, 2, 3], 1, 3) });
        Assert.True(good.IsSuccess, good.Message);
        Assert.Equal([1L, 3, 1], good.Response!.HiddenStates!.Shape);
    }

    [Fact(Timeout = 30_000)]
    public async Task BareServerWithGarbage_IsAnInvalidResponse()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(c => c.Response.WriteAsync("not json"));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        using var dendrite = new DendriteClient(Bittensor.Sdk.Wallets.Keypair.Generate());
        var result = await dendrite.CallAsync(new AxonTarget("127.0.0.1", port, Bittensor.Sdk.Wallets.Keypair.Generate().PublicKey), new Ping());
        Assert.Equal(DendriteOutcome.InvalidResponse, result.Outcome);
        Assert.Contains("not a valid Ping", result.Message, StringComparison.Ordinal);
        await app.StopAsync();
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10);
        }
    }
}
