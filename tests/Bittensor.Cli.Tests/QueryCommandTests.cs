using System.Net;
using System.Text.Json;
using Bittensor.Cli.Commands.Localnet;
using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Subtensor;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Tests;

/// <summary>
/// <c>btcli query</c> against a real node and real axons on loopback: a subnet set up as the local network does, two
/// miners' axons served on chain (one answers, one fails), a validator whose weights give the higher uid all the
/// incentive; the query picks miners by incentive and prints the best answer and who gave it.
/// </summary>
public sealed class QueryCommandTests : IAsyncLifetime
{
    private readonly ChainNode _node = new();
    private readonly WalletSandbox _sandbox = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact(Timeout = 120_000)]
    public async Task The_top_miners_by_incentive_are_asked_and_the_best_answer_names_its_miner()
    {
        const ushort Tempo = 3;
        var lineup = LocalnetLineup.Create(miners: 3, validators: 1, testMiners: false);
        await using var client = await _node.ConnectAsync();
        var network = await new LocalnetSetup(client, _sandbox.WalletsPath, _ => { }).RunAsync(lineup, new LocalnetChainSettings { Tempo = Tempo }, CancellationToken.None);
        var netuid = network.Netuid;
        var miners = network.Neurons.Where(n => n.Plan.Role == NeuronRole.Miner).ToList();
        var validator = network.Neurons.Single(n => n.Plan.Role == NeuronRole.Validator);
        Keypair Hotkey(LocalnetNeuron n) => new Wallet(n.WalletName, "default", _sandbox.WalletsPath, WalletEnvironment.Empty).UnlockHotkey();

        // Miners 0 and 1 serve; miner 0 answers, miner 1 fails every generation; miner 2 serves nothing.
        var metagraph = (await Metagraph.SyncAsync(client, netuid, "local"))!;
        var address = IPAddress.Parse("127.0.0.2");
        var axons = new List<AxonServer>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var index = i;
                var axon = new AxonServer(Hotkey(miners[i]), metagraph, new AxonOptions { BindAddress = address, Port = 0 })
                    .Attach<TextGeneration>((synapse, _) => index == 0
                        ? ValueTask.FromResult(new TextGeneration { Completion = $" continued by miner {index}: {synapse.Prompt}" })
                        : throw new InvalidOperationException("this miner fails"));
                axons.Add(axon);
                var served = await client.ServeAxonAsync(axon, Hotkey(miners[i]), netuid, address);
                Assert.True(served.Success, served.Error?.ToString());
            }

            // Before any weights every incentive is 0: the serving miners are asked in uid order (registration
            // assigns the uids, in whatever order the registrations land), and miner 0's is the only answer.
            var first = Query("--top", "5", "--wallet.name", validator.WalletName);
            Assert.Equal(miners[0].Uid, first.GetProperty("best").GetProperty("uid").GetInt32());
            Assert.Contains("continued by miner 0: Hello", first.GetProperty("best").GetProperty("completion").GetString(), StringComparison.Ordinal);
            var answers = first.GetProperty("answers").EnumerateArray().ToList();
            Assert.Equal(new[] { miners[0].Uid, miners[1].Uid }.Order(), answers.Select(a => (ushort)a.GetProperty("uid").GetInt32()));
            Assert.Equal("Rejected", answers.Single(a => a.GetProperty("uid").GetInt32() == miners[1].Uid).GetProperty("outcome").GetString());
            Assert.False(first.GetProperty("ephemeral_caller").GetBoolean());

            // The validator weights miner 1 alone; after an epoch it holds all the incentive and is asked first, but
            // it fails, so the best answer is still miner 0's.
            SealUntilEpoch(netuid, Tempo);
            var weights = await client.SignAndSubmitAsync(Hotkey(validator).Ed25519, new SubtensorCall.SetWeights(netuid, [miners[1].Uid], [ushort.MaxValue], 0));
            Assert.True(weights.Success, weights.Error?.ToString());
            SealUntilEpoch(netuid, Tempo);
            var after = (await client.GetMetagraphAsync(netuid))!;
            Assert.Equal(ushort.MaxValue, after.Incentive[miners[1].Uid]);

            var top1 = Query("--top", "1", "--wallet.name", validator.WalletName);
            Assert.Equal(JsonValueKind.Null, top1.GetProperty("best").ValueKind);
            Assert.Equal(miners[1].Uid, Assert.Single(top1.GetProperty("answers").EnumerateArray().ToList()).GetProperty("uid").GetInt32());
            var top2 = Query("--top", "2", "--wallet.name", validator.WalletName);
            Assert.Equal(miners[0].Uid, top2.GetProperty("best").GetProperty("uid").GetInt32());
            Assert.Equal(miners[1].Uid, top2.GetProperty("answers")[0].GetProperty("uid").GetInt32());

            // The text output: the best answer with its uid and hotkey first, then every miner asked.
            var (code, text, error) = _sandbox.Run(["query", "--netuid", "2", "--prompt", "Hello", "--top", "2", "--wallet.name", validator.WalletName, "--chain-endpoint", _node.Endpoint, "--no-prompt"]);
            Assert.True(code == 0, error);
            Assert.StartsWith($"Best answer: uid {miners[0].Uid}, hotkey {Hotkey(miners[0]).Ss58Address}", text, StringComparison.Ordinal);
            Assert.Contains("| Rejected", text, StringComparison.Ordinal);

            // A throw-away key is not registered, and the axons accept only registered callers: nobody answers (exit 1).
            var (stranger, strangerOut, strangerError) = _sandbox.Run(["query", "--netuid", "2", "--prompt", "Hello", "--chain-endpoint", _node.Endpoint, "--json", "--no-prompt"]);
            Assert.Equal(1, stranger);
            Assert.Contains("none of the 2 miners asked gave an answer", strangerError, StringComparison.Ordinal);
            var strangerJson = JsonDocument.Parse(strangerOut).RootElement;
            Assert.True(strangerJson.GetProperty("ephemeral_caller").GetBoolean());
            Assert.All(strangerJson.GetProperty("answers").EnumerateArray(), a => Assert.Equal(403, a.GetProperty("status").GetInt32()));
        }
        finally
        {
            foreach (var axon in axons)
            {
                await axon.DisposeAsync();
            }
        }
    }

    private JsonElement Query(params string[] args)
    {
        var (code, output, error) = _sandbox.Run(["query", "--netuid", "2", "--prompt", "Hello", .. args, "--chain-endpoint", _node.Endpoint, "--json", "--no-prompt"]);
        Assert.True(code is 0 or 1, $"btcli query exited {code}: {error}");
        return JsonDocument.Parse(output).RootElement;
    }

    private void SealUntilEpoch(ushort netuid, ushort tempo)
    {
        do
        {
            _node.SealBlocks(1);
        }
        while (EpochSchedule.BlocksUntilNextEpoch(netuid, tempo, _node.Host.Chain.BestNumber) != 0);

        _node.SealBlocks(1);
    }
}
