using System.Collections.Concurrent;
using System.Net;
using Bittensor.Models;
using Bittensor.Models.Gpt;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Miners;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// A GPT checkpoint served by a miner on a real in-process dev chain: a tiny GPT trained for a few steps in the test,
/// saved with <see cref="GptCheckpoint"/>, opened by the miner from <c>gpt:PATH</c> and from the bare path, and
/// queried by a registered validator's dendrite. Every answer must be what the GPT itself computes.
/// </summary>
public sealed class MinerGptTests
{
    private const ushort Netuid = 1;
    private static readonly IPAddress ServeAddress = IPAddress.Parse("127.0.0.2");

    [Fact(Timeout = 120_000)]
    public async Task GptMiner_ServedOnChain_AnswersEverySynapseWithTheCheckpointsOwnOutputs()
    {
        var tokenizer = Gpt2Tokenizer.Standard;
        var folder = Directory.CreateTempSubdirectory("miner-gpt-").FullName;
        try
        {
            // A tiny GPT over the full GPT-2 vocabulary, a short context (so long inputs cross it), trained briefly.
            var path = Path.Combine(folder, "tiny.safetensors");
            var config = new GptConfig(GptConfig.Gpt2Vocabulary, 16, 1, 2, 32);
            var parameters = new GptParameters(config);
            parameters.Initialize(3);
            var stream = tokenizer.Encode(MinerTestModel.BuildText()).ToArray();
            var training = new GptTrainer(new GptModel(parameters), stream, null, new GptTrainingOptions { BatchSize = 2, SequenceLength = 16, WarmupSteps = 2 })
                .Train(GptTrainingBudget.Steps(8));
            Assert.Equal(8, training.Steps);
            GptCheckpoint.Save(path, parameters);
            var gpt = Assert.IsType<GptInference>(LanguageModels.Load(path));
            Assert.Equal(parameters.Values, gpt.Parameters.Values);

            await using var node = await DevNode.StartAsync();
            node.StartInstantSealing();
            await using var client = await node.ConnectAsync();
            var validator = await MinerChain.RegisterStakedValidatorAsync(client, Netuid);

            var alice = Keypair.FromUri("//Alice");
            var options = new MinerOptions { Netuid = Netuid, AxonIp = ServeAddress, AxonPort = 0 };
            var log = new ConcurrentQueue<string>();
            await using var miner = new MinerNeuron(client, new MinerKeys(Keypair.Generate(), alice.PublicKey, () => alice), MinerModelSpec.Parse("gpt:" + path), options, log.Enqueue);
            await miner.StartAsync();
            Assert.IsType<GptInference>(Assert.IsType<LanguageModelBackend>(miner.Backend).Model);
            Assert.Contains(log, l => l.StartsWith("model: " + gpt.Description, StringComparison.Ordinal));
            var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
            var target = Assert.Single(metagraph.ServingAxons(), a => a.Uid == miner.Uid).Target;
            using var dendrite = new DendriteClient(validator);

            // TextCausalLMNext: the GPT's top k after each batch item (the second longer than the context).
            var longText = tokenizer.Encode("The validator checks every weight and the careful miner answers the next token of the held-out text.").Select(t => (long)t).ToArray();
            Assert.True(longText.Length > config.ContextLength, "the second row must be longer than the context");
            long[][] contexts = [longText[..6], longText[^6..]];
            var next = await dendrite.CallAsync(target, new TextCausalLMNext { TokenIds = MinerChain.Tokens(contexts), Topk = 7 });
            Assert.True(next.IsSuccess, next.Message);
            Assert.Equal([2L, 7], next.Response!.TopkTokenIds!.Shape);
            AssertTopK(gpt, contexts[0], 7, next.Response.TopkTokenIds.ToInt64()[..7], next.Response.TopkProbabilities!.ToFloat32()[..7], next.Response.FloorProbabilities!.ToFloat32()[0]);
            AssertTopK(gpt, contexts[1], 7, next.Response.TopkTokenIds.ToInt64()[7..], next.Response.TopkProbabilities.ToFloat32()[7..], next.Response.FloorProbabilities.ToFloat32()[1]);
            long[][] wide = [longText];
            var far = await dendrite.CallAsync(target, new TextCausalLMNext { TokenIds = MinerChain.Tokens(wide), Topk = 4 });
            Assert.True(far.IsSuccess, far.Message);
            AssertTopK(gpt, longText[^config.ContextLength..], 4, far.Response!.TopkTokenIds!.ToInt64(), far.Response.TopkProbabilities!.ToFloat32(), far.Response.FloorProbabilities!.ToFloat32()[0]);

            // TextCausalLM: the top k after every prefix of a row.
            var row = longText[..10];
            var causal = await dendrite.CallAsync(target, new TextCausalLM { TokenIds = MinerChain.Tokens([row]), Topk = 3 });
            Assert.True(causal.IsSuccess, causal.Message);
            Assert.Equal([1L, row.Length, 3], causal.Response!.TopkTokenIds!.Shape);
            var causalIds = causal.Response.TopkTokenIds.ToInt64();
            var causalProbabilities = causal.Response.TopkProbabilities!.ToFloat32();
            for (var i = 1; i <= row.Length; i++)
            {
                var expected = gpt.NextTokenTopK([.. row.Take(i).Select(t => (int)t)], 3);
                Assert.Equal(expected.TokenIds.Select(t => (long)t), causalIds.Skip((i - 1) * 3).Take(3));
                Assert.Equal(expected.Probabilities, causalProbabilities.Skip((i - 1) * 3).Take(3));
            }

            // TextLastHiddenState: [batch, sequence, embedding], the GPT's final hidden states; a row longer than the
            // context is read in consecutive windows of the context length.
            long[][] hiddenRows = [longText[..20], longText[^20..]];
            var hidden = await dendrite.CallAsync(target, new TextLastHiddenState { TokenIds = MinerChain.Tokens(hiddenRows) });
            Assert.True(hidden.IsSuccess, hidden.Message);
            Assert.Equal([2L, 20, config.EmbeddingSize], hidden.Response!.HiddenStates!.Shape);
            var states = hidden.Response.HiddenStates.ToFloat32();
            var width = config.EmbeddingSize;
            for (var b = 0; b < hiddenRows.Length; b++)
            {
                var ids = hiddenRows[b].Select(t => (int)t).ToArray();
                var expected = gpt.LastHiddenState(ids[..16]).Concat(gpt.LastHiddenState(ids[16..])).ToArray();
                Assert.Equal(expected, states[(b * 20 * width)..((b + 1) * 20 * width)]);
            }

            Assert.Contains(states, v => v != 0);

            // TextGeneration: the GPT's sampled continuation (the miner's seed), past the context length, whole or streamed.
            var prompt = "The careful miner";
            var sampling = new SamplingOptions { Temperature = 0.8f, TopK = 20, TopP = 0.9f };
            var expectedText = tokenizer.Decode([.. LanguageModels.Generate(gpt, tokenizer.Encode(prompt), 24, sampling, LanguageModelBackend.GenerationSeed)]);
            Assert.NotEmpty(expectedText);
            var generated = await dendrite.CallAsync(target, new TextGeneration { Prompt = prompt, MaxTokens = 24, Temperature = 0.8, TopK = 20, TopP = 0.9 });
            Assert.True(generated.IsSuccess, generated.Message);
            Assert.Equal(expectedText, generated.Response!.Completion);
            var streamed = new TextGeneration { Prompt = prompt, MaxTokens = 24, Temperature = 0.8, TopK = 20, TopP = 0.9 };
            var pieces = new List<string>();
            await foreach (var piece in dendrite.StreamAsync(target, streamed))
            {
                pieces.Add(piece);
            }

            Assert.Equal(expectedText, string.Concat(pieces));

            // The bare path: the kind is read from the file, and the answers are the same.
            await using var bare = new MinerNeuron(client, new MinerKeys(Keypair.Generate(), alice.PublicKey, () => alice), MinerModelSpec.Parse(path), options);
            Assert.Equal(MinerModelKind.File, MinerModelSpec.Parse(path).Kind);
            await bare.StartAsync();
            Assert.IsType<GptInference>(Assert.IsType<LanguageModelBackend>(bare.Backend).Model);
            metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
            var bareTarget = Assert.Single(metagraph.ServingAxons(), a => a.Uid == bare.Uid).Target;
            var again = await dendrite.CallAsync(bareTarget, new TextCausalLMNext { TokenIds = MinerChain.Tokens(contexts), Topk = 7 });
            Assert.True(again.IsSuccess, again.Message);
            Assert.Equal(next.Response.TopkTokenIds.ToInt64(), again.Response!.TopkTokenIds!.ToInt64());
            Assert.Equal(next.Response.TopkProbabilities.ToFloat32(), again.Response.TopkProbabilities!.ToFloat32());
            var bareHidden = await dendrite.CallAsync(bareTarget, new TextLastHiddenState { TokenIds = MinerChain.Tokens(hiddenRows) });
            Assert.Equal(states, bareHidden.Response?.HiddenStates?.ToFloat32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertTopK(GptInference gpt, long[] context, int k, long[] ids, float[] probabilities, float floor)
    {
        var expected = gpt.NextTokenTopK([.. context.Select(t => (int)t)], k);
        Assert.Equal(expected.TokenIds.Select(t => (long)t), ids);
        Assert.Equal(expected.Probabilities, probabilities);
        Assert.Equal(expected.Remainder / (GptConfig.Gpt2Vocabulary - k), floor);
    }

}
