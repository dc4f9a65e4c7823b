using System.Text.Json;
using Bittensor.Cli;
using Bittensor.Contracts.Calls;
using Bittensor.Models.Corpus;
using Bittensor.Models.NGram;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Dataset;
using Bittensor.Neurons.Validators;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// A real dev node in the process, three real axons on 127.0.0.2 answering from n-gram models of clearly different
/// quality, and the validator: it scores them, sets weights on chain (the best model earns the most), and resumes
/// from its saved state after a restart.
/// </summary>
public sealed class ValidatorEndToEndTests : IDisposable
{
    private const ushort Netuid = 1;
    private const ulong Tao = 1_000_000_000;
    private readonly string _root = Directory.CreateTempSubdirectory("neurons-validator-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task Validator_WeightsTheBetterModelHigherOnChainAndResumesAfterARestart()
    {
        // Text with structure an order-4 model learns and a unigram model cannot.
        var corpusFolder = Path.Combine(_root, "corpus");
        Directory.CreateDirectory(corpusFolder);
        var random = new Random(5);
        string[] subjects = ["The axon", "A miner", "The validator", "Each block", "The chain"];
        string[] verbs = ["answers", "scores", "signs", "serves", "stores"];
        string[] objects = ["every request quickly.", "the held-out text.", "weights once per epoch.", "a signed transaction.", "the metagraph again."];
        using (var writer = new StreamWriter(Path.Combine(corpusFolder, "text.txt")))
        {
            for (var p = 0; p < 600; p++)
            {
                var i = random.Next(5);
                writer.WriteLine($"{subjects[i]} {verbs[i]} {objects[i]} {subjects[(i + 1) % 5]} {verbs[(i + 1) % 5]} {objects[(i + 1) % 5]}");
                writer.WriteLine();
            }
        }

        var corpus = TextCorpus.FromFolder(corpusFolder);
        var train = corpus.Tokenize(CorpusPart.Train, Gpt2Tokenizer.Standard);
        var good = KneserNeyModel.Train(train, new KneserNeyOptions { Order = 4 });
        var medium = KneserNeyModel.Train(train, new KneserNeyOptions { Order = 1 });
        var poor = KneserNeyModel.Train(Gpt2Tokenizer.Standard.Encode("Completely unrelated words about weather, rivers and mountains in the spring."), new KneserNeyOptions { Order = 1 });
        var dataset = TextDataset.Open(corpusFolder, minimumTokens: 64);

        await using var node = await DevNode.StartAsync(DevNode.DevSpecWithSubnet(new Dictionary<string, ulong> { ["tempo"] = 4, ["weights_rate_limit"] = 3, ["weights_version"] = 1000 }));
        var sealing = DevNode.SealEvery(node.Host, TimeSpan.FromMilliseconds(100));
        try
        {
            await using var client = await node.ConnectAsync();
            var validator = Keypair.Generate();
            var minerKeys = new[] { Keypair.Generate(), Keypair.Generate(), Keypair.Generate() };
            await SubmitAsync(client, DevAccounts.Alice, new SubtensorCall.BurnedRegister(Netuid, validator.PublicKey));
            await SubmitAsync(client, DevAccounts.Alice, new SubtensorCall.AddStake(validator.PublicKey, 100 * Tao));
            foreach (var key in minerKeys)
            {
                await SubmitAsync(client, DevAccounts.Bob, new SubtensorCall.BurnedRegister(Netuid, key.PublicKey));
            }

            var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
            await using var goodMiner = await ValidatorTestMiner.StartAsync(client, minerKeys[0], metagraph, good);
            await using var mediumMiner = await ValidatorTestMiner.StartAsync(client, minerKeys[1], metagraph, medium);
            await using var poorMiner = await ValidatorTestMiner.StartAsync(client, minerKeys[2], metagraph, poor);
            var validatorUid = metagraph.UidOf(validator.PublicKey)!.Value;
            var uids = minerKeys.Select(k => (int)metagraph.UidOf(k.PublicKey)!.Value).ToArray();

            // A validator permit comes with the subnet's next epoch (every tempo + 1 = 5 blocks).
            while (!(await Metagraph.SyncAsync(client, Netuid, "local"))!.ValidatorPermit[validatorUid])
            {
                await Task.Delay(100);
            }

            var stateDirectory = Path.Combine(_root, "state");
            var options = new ValidatorOptions
            {
                Netuid = Netuid,
                StateDirectory = stateDirectory,
                SampleSize = 2,
                BatchSize = 4,
                SequenceLength = 12,
                TopK = 64,
                EpochBlocks = 12,
                Timeout = TimeSpan.FromSeconds(5),
                MinStepInterval = TimeSpan.Zero,
                Seed = 11,
            };
            var log = new List<string>();

            // A version key below the subnet's is refused by the chain: logged with its reason, retried next epoch.
            using (var outdated = new ValidatorNeuron(client, validator, dataset, options with { VersionKey = 999 }, log.Add))
            {
                Assert.False(outdated.Resumed);
                await outdated.RunAsync(epochs: 1);
            }

            var refused = Assert.Single(ValidatorState.ReadEpochs(stateDirectory));
            Assert.False(refused.Set);
            Assert.Contains("IncorrectNetworkVersionKey", refused.Message, StringComparison.Ordinal);
            Assert.Contains(log, line => line.Contains("IncorrectNetworkVersionKey", StringComparison.Ordinal));

            long steps;
            using (var neuron = new ValidatorNeuron(client, validator, dataset, options, log.Add))
            {
                Assert.True(neuron.Resumed);
                await neuron.RunAsync(epochs: 1);
                steps = neuron.State.Step;
                Assert.Equal(2, neuron.State.Epoch);
                Assert.All(uids, uid => Assert.True(neuron.State.Miners[uid].Updates > 0, $"uid {uid} was never queried"));
                var stats = uids.Select(uid => neuron.State.Miners[uid]).ToArray();
                Assert.True(stats[0].LossNxt < stats[1].LossNxt && stats[1].LossNxt < stats[2].LossNxt, string.Join("\n", log));
                Assert.True(stats[0].ShapleyScore > stats[1].ShapleyScore && stats[1].ShapleyScore > stats[2].ShapleyScore, string.Join("\n", log));
            }

            var record = ValidatorState.ReadEpochs(stateDirectory)[^1];
            Assert.True(record.Set, record.Message + "\n" + string.Join("\n", log));
            var onChain = (await Metagraph.SyncAsync(client, Netuid, "local", withWeightsAndBonds: true))!;
            var row = onChain.Weights![validatorUid];
            Assert.True(row[uids[0]] > row[uids[1]], $"good {row[uids[0]]} vs medium {row[uids[1]]}");
            Assert.Equal(0, row[uids[2]]); // the lowest score falls under the exclude quantile
            Assert.Equal(1f, row.Sum(), 3);

            // Restart: the state comes back and the rotation and steps continue.
            log.Clear();
            using (var neuron = new ValidatorNeuron(client, validator, dataset, options, log.Add))
            {
                Assert.True(neuron.Resumed);
                Assert.Equal(steps, neuron.State.Step);
                Assert.Equal(record.Miners.Single(m => m.Uid == uids[0]).Shapley, neuron.State.Miners[uids[0]].ShapleyScore);
                await neuron.RunAsync(epochs: 1);
                Assert.Equal(3, neuron.State.Epoch);
                Assert.True(neuron.State.Step > steps);
            }

            Assert.Equal(3, ValidatorState.ReadEpochs(stateDirectory).Count);
            Assert.True(ValidatorState.ReadEpochs(stateDirectory)[2].Set, string.Join("\n", log));

            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = Btcli.Run(["validator", "scores", "--netuid", "1", "--state-dir", stateDirectory, "--json"], TextReader.Null, output, error);
            Assert.True(code == 0, error.ToString());
            using var json = JsonDocument.Parse(output.ToString());
            Assert.Equal(1, json.RootElement.GetProperty("netuid").GetInt32());
            Assert.Equal(3, json.RootElement.GetProperty("epoch").GetInt64());
            var miners = json.RootElement.GetProperty("miners").EnumerateArray().ToDictionary(m => m.GetProperty("uid").GetInt32());
            Assert.Equal(Ss58.Encode(minerKeys[0].PublicKey), miners[uids[0]].GetProperty("hotkey").GetString());
            Assert.True(miners[uids[0]].GetProperty("weight").GetDouble() > miners[uids[1]].GetProperty("weight").GetDouble());
            Assert.True(miners[uids[0]].GetProperty("loss").GetDouble() < miners[uids[2]].GetProperty("loss").GetDouble());
            Assert.True(miners[uids[0]].GetProperty("updates").GetInt64() > 0);
        }
        finally
        {
            await sealing.DisposeAsync();
        }
    }

    [Fact]
    public void Scores_WithoutAStateSaysHowToGetOne()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Btcli.Run(["validator", "scores", "--netuid", "3", "--state-dir", Path.Combine(_root, "none")], TextReader.Null, output, error);
        Assert.Equal(1, code);
        Assert.Contains("no validator state", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("btcli validator run --netuid 3", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task SubmitAsync(ChainClient client, Primitives.Crypto.Ed25519KeyPair signer, RuntimeCall call)
    {
        var result = await client.SignAndSubmitAsync(signer, call);
        Assert.True(result.Success, $"{call} failed: {result.Error}");
    }
}
