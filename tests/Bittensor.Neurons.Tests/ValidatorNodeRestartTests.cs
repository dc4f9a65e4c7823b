using Bittensor.Contracts.Calls;
using Bittensor.Models.Corpus;
using Bittensor.Models.NGram;
using Bittensor.Models.Tokenization;
using Bittensor.Neurons.Dataset;
using Bittensor.Neurons.Validators;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// The validator outlives its node: the node stops under it and starts again on the same port and database; the
/// validator says so, waits, reconnects through its client and finishes its epoch with weights set on chain.
/// </summary>
public sealed class ValidatorNodeRestartTests : IDisposable
{
    private const ushort Netuid = 1;
    private readonly string _root = Directory.CreateTempSubdirectory("neurons-restart-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task The_validator_waits_out_a_node_restart_and_sets_its_weights()
    {
        var corpusFolder = Path.Combine(_root, "corpus");
        Directory.CreateDirectory(corpusFolder);
        await File.WriteAllLinesAsync(corpusFolder + "/text.txt", Enumerable.Range(0, 400).Select(i => $"The validator scores miner {i % 7} on block {i % 5}.\n"));
        var dataset = TextDataset.Open(corpusFolder, minimumTokens: 64);
        var model = KneserNeyModel.Train(TextCorpus.FromFolder(corpusFolder).Tokenize(CorpusPart.Train, Gpt2Tokenizer.Standard), new KneserNeyOptions { Order = 3 });

        var spec = DevNode.DevSpecWithSubnet(new Dictionary<string, ulong> { ["tempo"] = 4, ["weights_rate_limit"] = 1, ["weights_version"] = 0 });
        var port = DevNode.FreePort();
        var dataDirectory = Path.Combine(_root, "node");
        var node = await DevNode.StartHostAsync(spec, dataDirectory, port);
        var sealing = DevNode.SealEvery(node, TimeSpan.FromMilliseconds(100));
        await using var client = await ChainClient.ConnectAsync($"ws://127.0.0.1:{port}/", new RpcClientOptions { Reconnect = true, ConnectTimeout = TimeSpan.FromSeconds(5) });
        var validator = Keypair.Generate();
        var minerKey = Keypair.Generate();
        Assert.True((await client.SignAndSubmitAsync(DevAccounts.Alice, new SubtensorCall.BurnedRegister(Netuid, validator.PublicKey))).Success);
        Assert.True((await client.SignAndSubmitAsync(DevAccounts.Alice, new SubtensorCall.AddStake(validator.PublicKey, 100_000_000_000))).Success);
        Assert.True((await client.SignAndSubmitAsync(DevAccounts.Bob, new SubtensorCall.BurnedRegister(Netuid, minerKey.PublicKey))).Success);
        var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
        await using var miner = await ValidatorTestMiner.StartAsync(client, minerKey, metagraph, model);
        var validatorUid = metagraph.UidOf(validator.PublicKey)!.Value;
        while (!(await Metagraph.SyncAsync(client, Netuid, "local"))!.ValidatorPermit[validatorUid])
        {
            await Task.Delay(100);
        }

        // The node stops before the validator starts; it comes back once the validator has found it gone.
        await sealing.DisposeAsync();
        await node.DisposeAsync();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new ValidatorOptions
        {
            Netuid = Netuid,
            StateDirectory = Path.Combine(_root, "state"),
            SampleSize = 2,
            BatchSize = 2,
            SequenceLength = 12,
            TopK = 16,
            EpochBlocks = 4,
            Timeout = TimeSpan.FromSeconds(5),
            MinStepInterval = TimeSpan.Zero,
            NodeRetryDelay = TimeSpan.FromMilliseconds(200),
            Seed = 3,
        };
        using var neuron = new ValidatorNeuron(client, validator, dataset, options, log.Enqueue);
        var run = neuron.RunAsync(epochs: 1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!log.Any(l => l.StartsWith("node unreachable", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(log, l => l.StartsWith("node unreachable", StringComparison.Ordinal));
        Assert.False(run.IsCompleted, string.Join("\n", log));
        node = await DevNode.StartHostAsync(spec, dataDirectory, port);
        sealing = DevNode.SealEvery(node, TimeSpan.FromMilliseconds(100));
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(60));
            var record = ValidatorState.ReadEpochs(options.StateDirectory)[^1];
            Assert.True(record.Set, record.Message + "\n" + string.Join("\n", log));
            Assert.True(((ReconnectingRpcClient)client.Rpc).Reconnections >= 1);
            var weights = (await Metagraph.SyncAsync(client, Netuid, "local", withWeightsAndBonds: true))!.Weights![validatorUid];
            Assert.True(weights[metagraph.UidOf(minerKey.PublicKey)!.Value] > 0, string.Join("\n", log));
        }
        finally
        {
            await sealing.DisposeAsync();
            await node.DisposeAsync();
        }
    }
}
