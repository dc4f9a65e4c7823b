using Bittensor.Models.Corpus;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Miners;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Tests;

/// <summary>The test miners a validator must not reward, each behind a real axon and called by a real dendrite.</summary>
public sealed class MinerTestMinersTests
{
    private static SynapseTensor Context() => SynapseTensor.FromInt64([464L, 2068, 21831, 11, 464, 4705], 2, 3);

    [Fact(Timeout = 30_000)]
    public async Task Noise_GivesAValidDistributionThatDiffersFromCallToCall()
    {
        await using var harness = await MinerAxonHarness.StartAsync(new NoiseBackend());
        var first = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = Context(), Topk = 16 });
        var second = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = Context(), Topk = 16 });
        Assert.True(first.IsSuccess, first.Message);
        Assert.True(second.IsSuccess, second.Message);
        Assert.NotEqual(first.Response!.TopkTokenIds!.ToInt64(), second.Response!.TopkTokenIds!.ToInt64());
        foreach (var answer in new[] { first.Response, second.Response })
        {
            var p = answer.TopkProbabilities!.ToFloat32();
            var floors = answer.FloorProbabilities!.ToFloat32();
            for (var b = 0; b < 2; b++)
            {
                var row = p.Skip(b * 16).Take(16).ToArray();
                Assert.All(row, v => Assert.InRange(v, 0f, 1f));
                Assert.Equal(row.OrderByDescending(v => v), row);
                Assert.Equal(16, answer.TopkTokenIds!.ToInt64().Skip(b * 16).Take(16).Distinct().Count());
                Assert.InRange(row.Sum() + (floors[b] * (50257 - 16)), 0.999f, 1.001f);
            }
        }

        var causal = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLM { TokenIds = Context(), Topk = 4 });
        Assert.True(causal.IsSuccess, causal.Message);
        var hidden = await harness.Dendrite.CallAsync(harness.Target, new TextLastHiddenState { TokenIds = Context() });
        Assert.True(hidden.IsSuccess, hidden.Message);
        Assert.Equal([2L, 3, NoiseBackend.HiddenSize], hidden.Response!.HiddenStates!.Shape);
    }

    [Fact(Timeout = 60_000)]
    public async Task Constant_AnswersTheUnigramFrequenciesOfTheTrainSplit_WhateverTheContext()
    {
        using var model = new MinerTestModel();
        var folder = Path.Combine(model.Directory, "corpus");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "text.txt"), model.Text);
        var corpus = TextCorpus.FromFolder(folder);
        var train = corpus.Tokenize(CorpusPart.Train);
        var expected = train.GroupBy(t => t)
            .Select(g => (Id: g.Key, P: (float)((double)g.Count() / train.Length)))
            .OrderByDescending(e => e.P).ThenBy(e => e.Id).Take(5).ToArray();

        await using var harness = await MinerAxonHarness.StartAsync(ConstantBackend.FromCorpus(corpus));
        var first = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = Context(), Topk = 5 });
        var other = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64([7L], 1, 1), Topk = 5 });
        Assert.True(first.IsSuccess, first.Message);
        Assert.True(other.IsSuccess, other.Message);
        var ids = first.Response!.TopkTokenIds!.ToInt64();
        var probabilities = first.Response.TopkProbabilities!.ToFloat32();
        Assert.Equal(expected.Select(e => (long)e.Id), ids.Take(5));
        Assert.Equal(expected.Select(e => (long)e.Id), ids.Skip(5));
        Assert.Equal(expected.Select(e => e.P), probabilities.Take(5));
        Assert.Equal(expected.Select(e => (long)e.Id), other.Response!.TopkTokenIds!.ToInt64());
        Assert.Equal(expected.Select(e => e.P), other.Response.TopkProbabilities!.ToFloat32());
    }

    [Fact(Timeout = 30_000)]
    public async Task Slow_AnswersAfterTheCallersTimeout()
    {
        await using var harness = await MinerAxonHarness.StartAsync(new SlowBackend(new NoiseBackend()));
        var result = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = Context(), Topk = 4 }, TimeSpan.FromSeconds(1));
        Assert.Equal(DendriteOutcome.Timeout, result.Outcome);
        // The axon's deadline runs on the runtime's timers, which read a coarse clock (a few milliseconds on Linux), so
        // the 408 may come a hair before a full second of the dendrite's high-resolution stopwatch: not a fast failure.
        Assert.True(result.Latency >= TimeSpan.FromMilliseconds(950), $"timed out after {result.Latency}");
        var generation = await harness.Dendrite.CallAsync(harness.Target, new TextGeneration { Prompt = "Hello", MaxTokens = 4 }, TimeSpan.FromSeconds(1));
        Assert.Equal(DendriteOutcome.Timeout, generation.Outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Broken_EveryAnswerIsAnInvalidResponse()
    {
        await using var harness = await MinerAxonHarness.StartAsync(new BrokenBackend());
        for (var i = 0; i < 3; i++)
        {
            var next = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = Context(), Topk = 4 });
            Assert.Equal(DendriteOutcome.InvalidResponse, next.Outcome);
            Assert.Equal(200, next.StatusCode);
        }

        var causal = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLM { TokenIds = Context(), Topk = 4 });
        Assert.Equal(DendriteOutcome.InvalidResponse, causal.Outcome);
        var hidden = await harness.Dendrite.CallAsync(harness.Target, new TextLastHiddenState { TokenIds = Context() });
        Assert.Equal(DendriteOutcome.InvalidResponse, hidden.Outcome);
        Assert.Contains("NaN", hidden.Message, StringComparison.Ordinal);
        var generation = await harness.Dendrite.CallAsync(harness.Target, new TextGeneration { Prompt = "Hello", MaxTokens = 4 });
        Assert.Equal(DendriteOutcome.InvalidResponse, generation.Outcome);
        var stream = await Assert.ThrowsAsync<DendriteException>(async () =>
        {
            await foreach (var _ in harness.Dendrite.StreamAsync(harness.Target, new TextGeneration { Prompt = "Hello", MaxTokens = 4 }))
            {
            }
        });
        Assert.Equal(DendriteOutcome.InvalidResponse, stream.Outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Noise_GeneratesTextAndTheTokenizerDecodesIt()
    {
        await using var harness = await MinerAxonHarness.StartAsync(new NoiseBackend());
        var generation = await harness.Dendrite.CallAsync(harness.Target, new TextGeneration { Prompt = "Hello", MaxTokens = 8 });
        Assert.True(generation.IsSuccess, generation.Message);
        Assert.InRange(Gpt2Tokenizer.Standard.Encode(generation.Response!.Completion!).Length, 1, 32);
    }
}
