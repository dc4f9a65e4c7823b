using System.Collections.Concurrent;
using System.Net;
using Bittensor.Contracts.Calls;
using Bittensor.Neurons.Miners;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Registration;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// A miner started with proof-of-work registration on a real in-process dev chain: it solves the subnet's seal,
/// registers its hotkey under the coldkey it names without ever unlocking that coldkey, serves its axon, and answers.
/// </summary>
public sealed class MinerPowTests
{
    private const ushort Netuid = 1;
    private const ulong Difficulty = 200;

    [Fact(Timeout = 120_000)]
    public async Task PowMiner_RegistersBySeal_WithoutItsColdkey_AndServes()
    {
        await using var node = await DevNode.StartAsync();
        node.StartInstantSealing();
        await using var client = await node.ConnectAsync();

        // Alice (the dev chain's sudo key) lowers the subnet's difficulty so the seal is found at once.
        var lowered = await client.SignAndSubmitAsync(DevAccounts.Alice, new AdminCall.SudoSetDifficulty(Netuid, Difficulty));
        Assert.True(lowered.Success, $"lowering the difficulty failed: {lowered.Error}");
        Assert.Equal(Difficulty, (await client.GetSubnetInfoAsync(Netuid))!.Difficulty);

        var validator = await MinerChain.RegisterStakedValidatorAsync(client, Netuid);

        // A fresh hotkey and a coldkey with no funds and no secret at hand: only the seal can register them.
        var hotkey = Keypair.Generate();
        var coldkey = Keypair.Generate();
        var unlocks = 0;
        var keys = new MinerKeys(hotkey, coldkey.PublicKey, () =>
        {
            unlocks++;
            throw new InvalidOperationException("the coldkey must not be needed for a proof-of-work registration");
        });
        var options = new MinerOptions
        {
            Netuid = Netuid,
            AxonIp = IPAddress.Parse("127.0.0.2"),
            AxonPort = 0,
            Pow = true,
            PowSolver = new PowSolverOptions { Threads = 1 },
        };
        var log = new ConcurrentQueue<string>();
        await using var miner = new MinerNeuron(client, keys, MinerModelSpec.Parse("noise"), options, log.Enqueue);
        await miner.StartAsync();

        Assert.Equal(0, unlocks);
        var uid = Assert.IsType<ushort>(miner.Uid);
        Assert.Contains(log, l => l.StartsWith("registered: by proof of work in block #", StringComparison.Ordinal) && l.Contains(Ss58.Encode(coldkey.PublicKey), StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal(0UL, await client.GetBalanceAsync(coldkey.PublicKey));

        // On chain: the hotkey is owned by the named coldkey, and the axon is served where it listens.
        var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local"))!;
        Assert.Equal(Ss58.Encode(coldkey.PublicKey), metagraph.Coldkeys[uid]);
        var served = Assert.Single(metagraph.ServingAxons(), a => a.Uid == uid);
        Assert.Equal(miner.Axon!.Port, served.Target.Port);
        Assert.Contains(log, l => l.StartsWith($"served: 127.0.0.2:{miner.Axon.Port} uid {uid}", StringComparison.Ordinal));

        // And it answers a registered validator.
        using var dendrite = new DendriteClient(validator);
        var answer = await dendrite.CallAsync(served.Target, new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64([464, 3290, 21831], 1, 3), Topk = 4 });
        Assert.True(answer.IsSuccess, answer.Message);
        Assert.Equal([1L, 4], answer.Response!.TopkTokenIds!.Shape);
    }

    [Fact(Timeout = 120_000)]
    public async Task PowMiner_OnASubnetThatRefusesProofOfWork_StopsAfterTheFirstRefusal_AndSaysWhy()
    {
        await using var node = await DevNode.StartAsync();
        node.StartInstantSealing();
        await using var client = await node.ConnectAsync();
        foreach (var call in new RuntimeCall[] { new AdminCall.SudoSetDifficulty(Netuid, Difficulty), new AdminCall.SudoSetNetworkPowRegistrationAllowed(Netuid, false) })
        {
            var result = await client.SignAndSubmitAsync(DevAccounts.Alice, call);
            Assert.True(result.Success, $"{call} failed: {result.Error}");
        }

        var coldkey = Keypair.Generate();
        var keys = new MinerKeys(Keypair.Generate(), coldkey.PublicKey, () => throw new InvalidOperationException("no coldkey for proof of work"));
        var options = new MinerOptions
        {
            Netuid = Netuid,
            AxonIp = IPAddress.Parse("127.0.0.2"),
            Pow = true,
            PowSolver = new PowSolverOptions { Threads = 1 },
            PowAttempts = 5,
        };
        var log = new ConcurrentQueue<string>();
        await using var miner = new MinerNeuron(client, keys, MinerModelSpec.Parse("noise"), options, log.Enqueue);
        var e = await Assert.ThrowsAsync<MinerException>(() => miner.StartAsync());
        Assert.Contains("RegistrationDisabled", e.Message, StringComparison.Ordinal);
        Assert.Contains("register by burn", e.Message, StringComparison.Ordinal);

        // One seal, one refusal: a refusal that no fresh seal can change is not solved for again.
        Assert.Single(log, l => l.StartsWith("registering:", StringComparison.Ordinal));
        Assert.Single(log, l => l.StartsWith("error: the chain refused the seal: SubtensorModule.RegistrationDisabled", StringComparison.Ordinal));
        Assert.Null(miner.Axon);
    }
}
