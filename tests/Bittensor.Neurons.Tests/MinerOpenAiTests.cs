using Bittensor.Models;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Miners;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// The OpenAI-compatible backend against a real completions server on loopback that serves a real n-gram model:
/// its answers are the model's, mapped back to GPT-2 ids; what such a server cannot give is refused.
/// </summary>
public sealed class MinerOpenAiTests
{
    [Fact(Timeout = 60_000)]
    public async Task OpenAiMiner_AnswersNextTokensAndGenerationFromTheServer_AndRefusesTheRest()
    {
        using var model = new MinerTestModel();
        using var server = new MinerCompletionsServer(model.Model);
        var tokenizer = Gpt2Tokenizer.Standard;
        await using var harness = await MinerAxonHarness.StartAsync(MinerBackends.Create(MinerModelSpec.Parse($"openai:{server.Url}v1")));

        long[] context = [.. tokenizer.Encode("The old chain")];
        var next = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64(context, 1, context.Length), Topk = 5 });
        Assert.True(next.IsSuccess, next.Message);
        var expected = model.Model.NextTokenTopK([.. context.Select(t => (int)t)], 5);
        // Every expected token's text re-tokenises to itself, so the mapping must give the model's ids back.
        Assert.All(expected.TokenIds, id => Assert.Equal([id], tokenizer.Encode(tokenizer.Decode([id]))));
        Assert.Equal(expected.TokenIds.Select(t => (long)t), next.Response!.TopkTokenIds!.ToInt64());
        var probabilities = next.Response.TopkProbabilities!.ToFloat32();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected.Probabilities[i], probabilities[i], 5);
        }

        Assert.Equal(expected.Remainder / (50257 - 5), next.Response.FloorProbabilities!.ToFloat32()[0], 9);

        var sampling = new SamplingOptions { Temperature = 0.5f, TopP = 0.9f };
        var expectedText = tokenizer.Decode([.. LanguageModels.Generate(model.Model, tokenizer.Encode("A new block"), 10, sampling, 0)]);
        var generated = await harness.Dendrite.CallAsync(harness.Target, new TextGeneration { Prompt = "A new block", MaxTokens = 10, Temperature = 0.5, TopP = 0.9 });
        Assert.True(generated.IsSuccess, generated.Message);
        Assert.Equal(expectedText, generated.Response!.Completion);

        // A completions server has no per-position distributions or hidden states: those routes are not served.
        var causal = await harness.Dendrite.CallAsync(harness.Target, new TextCausalLM { TokenIds = SynapseTensor.FromInt64(context, 1, context.Length), Topk = 2 });
        Assert.Equal(404, causal.StatusCode);
        var hidden = await harness.Dendrite.CallAsync(harness.Target, new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64(context, 1, context.Length) });
        Assert.Equal(404, hidden.StatusCode);

        // A server that gives no log-probabilities cannot answer TextCausalLMNext, and says so.
        await using var blind = new OpenAiBackend(server.Url, "no-logprobs");
        var refused = await Assert.ThrowsAsync<OpenAiServerException>(() => blind.NextTokensAsync("The old chain", 5, CancellationToken.None));
        Assert.Contains("logprobs", refused.Message, StringComparison.Ordinal);
    }
}
