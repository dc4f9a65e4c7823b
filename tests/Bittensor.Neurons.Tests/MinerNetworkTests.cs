using System.Collections.Concurrent;
using System.Net;
using Bittensor.Models;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Miners;
using Bittensor.Runtime.Genesis;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// Miners on a real in-process dev chain: an n-gram miner registers by burn, serves its axon on chain and answers a
/// registered validator's dendrite with exactly what its model says; a copycat of it answers the same; strangers are
/// blacklisted; a stop ends the run loop cleanly.
/// </summary>
public sealed class MinerNetworkTests
{
    private const ushort Netuid = 1;
    private static readonly IPAddress ServeAddress = IPAddress.Parse("127.0.0.2");

    [Fact(Timeout = 120_000)]
    public async Task NGramMiner_ServedOnChain_AnswersEverySynapseFromItsModel_AndACopycatRepeatsIt()
    {
        using var model = new MinerTestModel();
        await using var node = await DevNode.StartAsync();
        node.StartInstantSealing();
        await using var client = await node.ConnectAsync();
        var validator = await MinerChain.RegisterStakedValidatorAsync(client, Netuid);

        var alice = Keypair.FromUri("//Alice");
        var log = new ConcurrentQueue<string>();
        var minerKey = Keypair.Generate();
        var options = new MinerOptions { Netuid = Netuid, AxonIp = ServeAddress, AxonPort = 0, PollInterval = TimeSpan.FromMilliseconds(100), ResyncBlocks = 1 };
        await using var miner = new MinerNeuron(client, new MinerKeys(minerKey, alice.PublicKey, () => alice), MinerModelSpec.Parse(model.Path), options, log.Enqueue);
        using var stop = new CancellationTokenSource();
        await miner.StartAsync();
        var running = miner.RunAsync(stop.Token);
        var uid = Assert.IsType<ushort>(miner.Uid);
        Assert.Contains(log, l => l.StartsWith($"served: 127.0.0.2:{miner.Axon!.Port} uid {uid}", StringComparison.Ordinal));

        var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
        var target = Assert.Single(metagraph.ServingAxons(), a => a.Uid == uid).Target;
        using var dendrite = new DendriteClient(validator);
        var tokenizer = Gpt2Tokenizer.Standard;

        // TextCausalLMNext: the model's top k after each batch item, its floor spread over the other ids.
        long[] first = [.. tokenizer.Encode("The validator checks")], second = [.. tokenizer.Encode("A careful miner answers")];
        var length = Math.Min(first.Length, second.Length);
        long[][] contexts = [first[^length..], second[^length..]];
        var next = await dendrite.CallAsync(target, new TextCausalLMNext { TokenIds = MinerChain.Tokens(contexts), Topk = 5 });
        Assert.True(next.IsSuccess, next.Message);
        var ids = next.Response!.TopkTokenIds!.ToInt64();
        var probabilities = next.Response.TopkProbabilities!.ToFloat32();
        var floors = next.Response.FloorProbabilities!.ToFloat32();
        for (var b = 0; b < contexts.Length; b++)
        {
            var expected = model.Model.NextTokenTopK([.. contexts[b].Select(t => (int)t)], 5);
            Assert.Equal(expected.TokenIds.Select(t => (long)t), ids.Skip(b * 5).Take(5));
            Assert.Equal(expected.Probabilities, probabilities.Skip(b * 5).Take(5));
            Assert.Equal(expected.Remainder / (50257 - 5), floors[b]);
        }

        // TextCausalLM: the top k after every prefix.
        var row = contexts[0];
        var causal = await dendrite.CallAsync(target, new TextCausalLM { TokenIds = MinerChain.Tokens([row]), Topk = 3 });
        Assert.True(causal.IsSuccess, causal.Message);
        Assert.Equal([1L, row.Length, 3], causal.Response!.TopkTokenIds!.Shape);
        var causalIds = causal.Response.TopkTokenIds.ToInt64();
        for (var i = 1; i <= row.Length; i++)
        {
            var expected = model.Model.NextTokenTopK([.. row.Take(i).Select(t => (int)t)], 3);
            Assert.Equal(expected.TokenIds.Select(t => (long)t), causalIds.Skip((i - 1) * 3).Take(3));
        }

        // An n-gram model has no hidden states: the route is not served, and the refusal lists what is.
        var hidden = await dendrite.CallAsync(target, new TextLastHiddenState { TokenIds = MinerChain.Tokens([row]) });
        Assert.Equal(404, hidden.StatusCode);
        Assert.Contains("/TextCausalLMNext", hidden.Message, StringComparison.Ordinal);

        // TextGeneration: the model's own sampled continuation (seed 0), whole or streamed.
        var prompt = "The quick fox";
        var sampling = new SamplingOptions { Temperature = 0.7f, TopK = 10 };
        var expectedText = tokenizer.Decode([.. LanguageModels.Generate(model.Model, tokenizer.Encode(prompt), 12, sampling, LanguageModelBackend.GenerationSeed)]);
        var generated = await dendrite.CallAsync(target, new TextGeneration { Prompt = prompt, MaxTokens = 12, Temperature = 0.7, TopK = 10 });
        Assert.True(generated.IsSuccess, generated.Message);
        Assert.Equal(expectedText, generated.Response!.Completion);
        Assert.NotEmpty(expectedText);
        var streamed = new TextGeneration { Prompt = prompt, MaxTokens = 12, Temperature = 0.7, TopK = 10 };
        var pieces = new List<string>();
        await foreach (var piece in dendrite.StreamAsync(target, streamed))
        {
            pieces.Add(piece);
        }

        Assert.Equal(expectedText, string.Concat(pieces));
        Assert.Equal(expectedText, streamed.Completion);

        // A hotkey that is not registered on the subnet is blacklisted.
        using var stranger = new DendriteClient(Keypair.Generate());
        Assert.Equal(403, (await stranger.CallAsync(target, new TextCausalLMNext { TokenIds = MinerChain.Tokens([row]), Topk = 2 })).StatusCode);

        // A copycat of the miner's uid registers, serves, and returns the copied miner's answers as its own.
        // The copied miner lets it in once its metagraph resync (every block here) sees it registered.
        var copyLog = new ConcurrentQueue<string>();
        var copyKey = Keypair.Generate();
        await using var copycat = new MinerNeuron(client, new MinerKeys(copyKey, alice.PublicKey, () => alice), MinerModelSpec.Parse($"copycat:{uid}"), options, copyLog.Enqueue);
        await copycat.StartAsync();
        while (miner.Metagraph!.UidOf(copyKey.PublicKey) is null)
        {
            await Task.Delay(50);
        }

        metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
        var copyTarget = Assert.Single(metagraph.ServingAxons(), a => a.Uid == copycat.Uid).Target;
        var copied = await dendrite.CallAsync(copyTarget, new TextCausalLMNext { TokenIds = MinerChain.Tokens(contexts), Topk = 5 });
        Assert.True(copied.IsSuccess, copied.Message + " / " + string.Join(" | ", copyLog));
        Assert.Equal(ids, copied.Response!.TopkTokenIds!.ToInt64());
        Assert.Equal(probabilities, copied.Response.TopkProbabilities!.ToFloat32());
        Assert.Equal(floors, copied.Response.FloorProbabilities!.ToFloat32());
        var copiedText = await dendrite.CallAsync(copyTarget, new TextGeneration { Prompt = prompt, MaxTokens = 12, Temperature = 0.7, TopK = 10 });
        Assert.Equal(expectedText, copiedText.Response?.Completion);

        await stop.CancelAsync();
        await running;
        Assert.Equal("stopped", log.Last());
    }

    [Fact(Timeout = 120_000)]
    public async Task AMiner_SetsWeightOnItsOwnUid_UnlessToldNotTo()
    {
        // Blocks every 100 ms, and a subnet whose rate limit lets a uid set weights 2 blocks after its last update
        // (registration counts as one).
        await using var node = await DevNode.StartAsync(DevNode.DevSpecWithSubnet(new Dictionary<string, ulong> { ["tempo"] = 4, ["weights_rate_limit"] = 2 }));
        await using var sealing = DevNode.SealEvery(node.Host, TimeSpan.FromMilliseconds(100));
        await using var client = await node.ConnectAsync();
        var alice = Keypair.FromUri("//Alice");
        var options = new MinerOptions { Netuid = Netuid, AxonIp = ServeAddress, AxonPort = 0, PollInterval = TimeSpan.FromMilliseconds(100), ResyncBlocks = 1 };
        var log = new ConcurrentQueue<string>();
        var quietLog = new ConcurrentQueue<string>();
        await using var miner = new MinerNeuron(client, new MinerKeys(Keypair.Generate(), alice.PublicKey, () => alice), MinerModelSpec.Parse("noise"), options, log.Enqueue);
        await using var quiet = new MinerNeuron(client, new MinerKeys(Keypair.Generate(), alice.PublicKey, () => alice), MinerModelSpec.Parse("noise"), options with { SetWeights = false }, quietLog.Enqueue);
        using var stop = new CancellationTokenSource();
        var running = miner.RunAsync(stop.Token);
        var runningQuiet = quiet.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!log.Any(l => l.StartsWith("weights: self-weight on uid", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(log.Any(l => l.StartsWith($"weights: self-weight on uid {miner.Uid} set in block", StringComparison.Ordinal)), string.Join("\n", log));
        var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local", withWeightsAndBonds: true))!;
        var row = metagraph.Weights![miner.Uid!.Value];
        Assert.Equal(1f, row[miner.Uid.Value], 3);
        Assert.Equal(1f, row.Sum(), 3);
        Assert.Equal(0f, metagraph.Weights[quiet.Uid!.Value].Sum());
        Assert.DoesNotContain(quietLog, l => l.Contains("weight", StringComparison.Ordinal));

        await stop.CancelAsync();
        await running;
        await runningQuiet;
    }

    [Fact(Timeout = 120_000)]
    public async Task AMiner_OutlivesANodeRestart_LoggingTheOutageOnce()
    {
        var directory = Directory.CreateTempSubdirectory("neurons-miner-restart-").FullName;
        try
        {
            var port = DevNode.FreePort();
            var node = await DevNode.StartHostAsync(ChainSpecPresets.Dev(), directory, port);
            await using var client = await ChainClient.ConnectAsync($"ws://127.0.0.1:{port}/", new RpcClientOptions { Reconnect = true, ConnectTimeout = TimeSpan.FromSeconds(5) });
            var alice = Keypair.FromUri("//Alice");
            var log = new ConcurrentQueue<string>();
            var options = new MinerOptions { Netuid = Netuid, AxonIp = ServeAddress, AxonPort = 0, PollInterval = TimeSpan.FromMilliseconds(50), ResyncBlocks = 1, SetWeights = false };
            await using var miner = new MinerNeuron(client, new MinerKeys(Keypair.Generate(), alice.PublicKey, () => alice), MinerModelSpec.Parse("noise"), options, log.Enqueue);
            using var stop = new CancellationTokenSource();
            await using (DevNode.SealEvery(node, TimeSpan.FromMilliseconds(50)))
            {
                await miner.StartAsync();
            }

            var running = miner.RunAsync(stop.Token);

            // Two seconds without a node: about forty failed polls, one line for each different failure (the call in
            // flight when the node went may fail otherwise than the reconnections after it).
            await node.DisposeAsync();
            await Task.Delay(2000);
            Assert.InRange(log.Count(l => l.StartsWith("error: resync failed", StringComparison.Ordinal)), 1, 2);

            node = await DevNode.StartHostAsync(ChainSpecPresets.Dev(), directory, port);
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!log.Any(l => l.StartsWith("recovered: the node answers again", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }

                Assert.True(log.Any(l => l.StartsWith("recovered: the node answers again", StringComparison.Ordinal)), string.Join("\n", log));
                Assert.Equal(1, ((ReconnectingRpcClient)client.Rpc).Reconnections);
                Assert.NotNull(miner.Uid);
                await stop.CancelAsync();
                await running;
            }
            finally
            {
                await node.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
