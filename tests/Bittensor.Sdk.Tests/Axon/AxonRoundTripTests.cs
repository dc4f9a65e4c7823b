using System.Runtime.CompilerServices;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Sdk.Tests.Axon;

/// <summary>Every synapse from a real dendrite through a real axon on loopback, signed with real keys.</summary>
public sealed class AxonRoundTripTests
{
    private static readonly (string, ulong)[] OneCaller = [("validator", 100)];

    [Fact(Timeout = 30_000)]
    public async Task Ping_RoundTrips()
    {
        await using var axon = await AxonHarness.StartAsync(OneCaller);
        using var dendrite = axon.Dendrite("validator");
        var result = await dendrite.CallAsync(axon.Target, new Ping());
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(200, result.Response!.Axon.StatusCode);
        Assert.Equal(axon.AxonKey.Ss58Address, result.Response.Axon.Hotkey);
        Assert.True(result.Latency > TimeSpan.Zero);
    }

    [Fact(Timeout = 30_000)]
    public async Task TextCausalLMNext_ReturnsTopKFromTheForwardFunction()
    {
        await using var axon = await AxonHarness.StartAsync(OneCaller, s => s.Attach<TextCausalLMNext>((syn, _) =>
        {
            // A deterministic "model": the next tokens are the last context token + 1, + 2, … with halving mass.
            var tokens = syn.TokenIds!.ToInt64();
            var batch = (int)syn.TokenIds.Shape[0];
            var seq = (int)syn.TokenIds.Shape[1];
            var ids = new long[batch * syn.Topk];
            var probs = new float[batch * syn.Topk];
            var floors = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                var mass = 0f;
                for (var k = 0; k < syn.Topk; k++)
                {
                    ids[(b * syn.Topk) + k] = tokens[(b * seq) + seq - 1] + k + 1;
                    probs[(b * syn.Topk) + k] = 1f / (2 << k);
                    mass += probs[(b * syn.Topk) + k];
                }

                floors[b] = (1 - mass) / (50258 - syn.Topk);
            }

            syn.TopkTokenIds = SynapseTensor.FromInt64(ids, batch, syn.Topk);
            syn.TopkProbabilities = SynapseTensor.FromFloat32(probs, batch, syn.Topk);
            syn.FloorProbabilities = SynapseTensor.FromFloat32(floors, batch);
            return ValueTask.FromResult(syn);
        }));
        using var dendrite = axon.Dendrite("validator");
        var request = new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64([10, 11, 12, 20, 21, 22], 2, 3), Topk = 3 };
        var result = await dendrite.CallAsync(axon.Target, request);
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([13L, 14, 15, 23, 24, 25], result.Response!.TopkTokenIds!.ToInt64());
        Assert.Equal([0.5f, 0.25f, 0.125f, 0.5f, 0.25f, 0.125f], result.Response.TopkProbabilities!.ToFloat32());
        Assert.Equal(0.125f / (50258 - 3), result.Response.FloorProbabilities!.ToFloat32()[1]);
    }

    [Fact(Timeout = 30_000)]
    public async Task TextCausalLM_ReturnsTopKPerPosition()
    {
        await using var axon = await AxonHarness.StartAsync(OneCaller, s => s.Attach<TextCausalLM>((syn, _) =>
        {
            var tokens = syn.TokenIds!.ToInt64();
            syn.TopkTokenIds = SynapseTensor.FromInt64([.. tokens.Select(t => t + 1)], 1, tokens.Length, 1);
            syn.TopkProbabilities = SynapseTensor.FromFloat32([.. tokens.Select(_ => 0.75f)], 1, tokens.Length, 1);
            syn.FloorProbabilities = SynapseTensor.FromFloat32([.. tokens.Select(_ => 0.25f / 50257)], 1, tokens.Length);
            return ValueTask.FromResult(syn);
        }));
        using var dendrite = axon.Dendrite("validator");
        var result = await dendrite.CallAsync(axon.Target, new TextCausalLM { TokenIds = SynapseTensor.FromInt64([7, 8, 9, 10], 1, 4), Topk = 2 });
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([8L, 9, 10, 11], result.Response!.TopkTokenIds!.ToInt64());
        Assert.Equal([1L, 4, 1], result.Response.TopkTokenIds.Shape);
    }

    [Fact(Timeout = 30_000)]
    public async Task TextLastHiddenState_ReturnsHiddenStates()
    {
        await using var axon = await AxonHarness.StartAsync(OneCaller, s => s.Attach<TextLastHiddenState>((syn, _) =>
        {
            var tokens = syn.TokenIds!.ToInt64();
            syn.HiddenStates = SynapseTensor.FromFloat32([.. tokens.SelectMany(t => new[] { t, -t, t / 2f })], 1, tokens.Length, 3);
            return ValueTask.FromResult(syn);
        }));
        using var dendrite = axon.Dendrite("validator");
        var result = await dendrite.CallAsync(axon.Target, new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64([4, 6], 1, 2) });
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([4f, -4f, 2f, 6f, -6f, 3f], result.Response!.HiddenStates!.ToFloat32());
    }

    [Fact(Timeout = 30_000)]
    public async Task TextGeneration_StreamsPiecesAndEndsWithTheCompletion()
    {
        await using var axon = await AxonHarness.StartAsync(OneCaller, s => s.AttachStreaming(Echo));
        using var dendrite = axon.Dendrite("validator");
        var synapse = new TextGeneration { Prompt = "the quick brown fox", MaxTokens = 3 };
        var pieces = new List<string>();
        await foreach (var piece in dendrite.StreamAsync(axon.Target, synapse))
        {
            pieces.Add(piece);
        }

        Assert.Equal(["<the>", "<quick>", "<brown>"], pieces);
        Assert.Equal("<the><quick><brown>", synapse.Completion);
        Assert.Equal(200, synapse.Axon.StatusCode);

        // The same route answers a non-streaming request with the pieces joined.
        var whole = await dendrite.CallAsync(axon.Target, new TextGeneration { Prompt = "a b", MaxTokens = 5 });
        Assert.True(whole.IsSuccess, whole.Message);
        Assert.Equal("<a><b>", whole.Response!.Completion);
    }

    [Fact(Timeout = 30_000)]
    public async Task Http2PriorKnowledge_RoundTrips()
    {
        await using var axon = await AxonHarness.StartAsync(OneCaller, configure: o => o with { Http2Only = true });
        using var dendrite = axon.Dendrite("validator", new DendriteOptions { HttpVersion = DendriteHttpVersion.Http2PriorKnowledge });
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => dendrite.CallAsync(axon.Target, new Ping())));
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Message));

        // An HTTP/1.1 dendrite cannot talk to an h2c-only axon: a typed failure, not an exception.
        using var http11 = axon.Dendrite("validator");
        var mismatch = await http11.CallAsync(axon.Target, new Ping());
        Assert.Contains(mismatch.Outcome, new[] { DendriteOutcome.Refused, DendriteOutcome.Rejected });
    }

    [Fact(Timeout = 30_000)]
    public async Task ForwardToManyAxons_ReportsEachOutcome()
    {
        await using var first = await AxonHarness.StartAsync(OneCaller);
        await using var second = await AxonHarness.StartAsync(OneCaller);
        using var dendrite = first.Dendrite("validator");
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        AxonTarget[] targets = [first.Target, second.Target, new("127.0.0.1", port, first.AxonKey.PublicKey)];

        var results = await dendrite.ForwardAsync(targets, new Ping(), TimeSpan.FromSeconds(5));

        Assert.Equal(DendriteOutcome.Success, results[0].Outcome);
        Assert.Equal(targets[0], results[0].Axon);

        // The second axon does not know this caller: blacklisted.
        Assert.Equal(DendriteOutcome.Rejected, results[1].Outcome);
        Assert.Equal(403, results[1].StatusCode);
        Assert.Contains("not registered", results[1].Message, StringComparison.Ordinal);
        Assert.Equal(DendriteOutcome.Refused, results[2].Outcome);
    }

    private static async IAsyncEnumerable<string> Echo(TextGeneration synapse, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var word in synapse.Prompt!.Split(' ').Take(synapse.MaxTokens))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return "<" + word + ">";
        }
    }
}
