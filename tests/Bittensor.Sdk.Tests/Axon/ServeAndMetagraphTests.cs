using System.Net;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Axon;

/// <summary>
/// A miner serves its axon on a real in-process node; a validator syncs the metagraph, finds the axon there and
/// calls it; the axon blacklists by the same metagraph. The metagraph is saved and loaded back.
/// </summary>
public sealed class ServeAndMetagraphTests
{
    private const ushort Netuid = 1;
    private const ulong Tao = 1_000_000_000;

    [Fact(Timeout = 120_000)]
    public async Task ServedAxon_ShowsInTheMetagraphAndAnswersARegisteredCaller()
    {
        await using var node = await DevNode.StartAsync();
        node.StartInstantSealing();
        await using var client = await node.ConnectAsync();
        var miner = Keypair.Generate();
        var validator = Keypair.Generate();
        foreach (var (coldkey, call) in new (Primitives.Crypto.Ed25519KeyPair, RuntimeCall)[]
        {
            (DevAccounts.Alice, new SubtensorCall.BurnedRegister(Netuid, miner.PublicKey)),
            (DevAccounts.Bob, new SubtensorCall.BurnedRegister(Netuid, validator.PublicKey)),
            (DevAccounts.Bob, new SubtensorCall.AddStake(validator.PublicKey, 3 * Tao)),
        })
        {
            var result = await client.SignAndSubmitAsync(coldkey, call);
            Assert.True(result.Success, $"{call} failed: {result.Error}");
        }

        var before = await Metagraph.SyncAsync(client, Netuid, "local");
        Assert.NotNull(before);
        var minerUid = before.UidOf(miner.PublicKey)!.Value;
        Assert.False(before.Axons[minerUid].IsServing);

        // 127.0.0.1 is refused by the chain; any other loopback address is not, and Linux routes all of 127/8 to lo.
        var address = IPAddress.Parse("127.0.0.2");
        await using var axon = new AxonServer(miner, before, new AxonOptions { BindAddress = address, Port = 0 });
        var served = await client.ServeAxonAsync(axon, miner, Netuid, address);
        Assert.True(served.Success, $"serve_axon failed: {served.Error}");

        var metagraph = (await Metagraph.SyncAsync(client, Netuid, "local", withWeightsAndBonds: true))!;
        Assert.Equal(before.N, metagraph.N);
        Assert.Equal($"/ipv4/127.0.0.2:{axon.Port}", metagraph.Addresses[minerUid]);
        Assert.Equal(Ss58.Encode(miner.PublicKey), metagraph.Hotkeys[minerUid]);
        var validatorUid = metagraph.UidOf(validator.PublicKey)!.Value;
        Assert.Equal(3f, metagraph.Stake[validatorUid], 3);
        Assert.NotNull(metagraph.Weights);
        Assert.Equal(metagraph.N, metagraph.Weights.Length);

        var serving = metagraph.ServingAxons();
        var target = Assert.Single(serving, s => s.Uid == minerUid).Target;
        using var dendrite = new DendriteClient(validator);
        var ping = await dendrite.CallAsync(target, new Ping());
        Assert.True(ping.IsSuccess, ping.Message);
        using var stranger = new DendriteClient(Keypair.Generate());
        Assert.Equal(403, (await stranger.CallAsync(target, new Ping())).StatusCode);

        using var temp = new TempDirectory();
        var path = metagraph.Save(temp.Path);
        Assert.EndsWith($"block-{metagraph.Block}.json", path, StringComparison.Ordinal);
        var loaded = Metagraph.Load(temp.Path, "local", Netuid);
        Assert.Equal(metagraph.Block, loaded.Block);
        Assert.Equal(metagraph.Hotkeys, loaded.Hotkeys);
        Assert.Equal(metagraph.Stake, loaded.Stake);
        Assert.Equal(metagraph.Addresses, loaded.Addresses);
        Assert.Equal(metagraph.Info.BlockAtRegistration, loaded.Info.BlockAtRegistration);
        Assert.Equal(metagraph.Weights!.Select(r => r.Length), loaded.Weights!.Select(r => r.Length));
        Assert.Throws<FileNotFoundException>(() => Metagraph.Load(temp.Path, "local", 9));
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(path)!, "block-999999.json"), "{\"format\": 7}");
        Assert.Throws<InvalidDataException>(() => Metagraph.Load(temp.Path, "local", Netuid));
    }
}
