using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Subtensor.Info;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Subtensor;

/// <summary>
/// The subtensor runtime queries through <see cref="ChainClient"/>, on a dev chain where the client itself registered
/// two neurons, made one a delegate and staked on it: each answer is held field by field to what the runtime computes
/// from the same state.
/// </summary>
public sealed class SubtensorQueryTests : IAsyncLifetime
{
    private const ulong Tao = 1_000_000_000;
    private const ushort Netuid = 1;
    private static readonly Ed25519KeyPair HotkeyA = new(Enumerable.Repeat((byte)0xA1, 32).ToArray());
    private static readonly Ed25519KeyPair HotkeyB = new(Enumerable.Repeat((byte)0xB2, 32).ToArray());
    private DevNode _node = null!;
    private ChainClient _client = null!;

    public async Task InitializeAsync()
    {
        _node = await DevNode.StartAsync();
        _node.StartInstantSealing();
        _client = await _node.ConnectAsync();
        var alice = DevAccounts.Alice;
        var bob = DevAccounts.Bob;
        foreach (var (coldkey, call) in new (Ed25519KeyPair, RuntimeCall)[]
        {
            (alice, new SubtensorCall.BurnedRegister(Netuid, HotkeyA.PublicKey)),
            (bob, new SubtensorCall.BurnedRegister(Netuid, HotkeyB.PublicKey)),
            (alice, new SubtensorCall.BecomeDelegate(HotkeyA.PublicKey)),
            (alice, new SubtensorCall.AddStake(HotkeyA.PublicKey, 5 * Tao)),
            (bob, new SubtensorCall.AddStake(HotkeyA.PublicKey, 10 * Tao)),
        })
        {
            var result = await _client.SignAndSubmitAsync(coldkey, call);
            Assert.True(result.Success, $"{call} failed: {result.Error}");
        }
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _node.DisposeAsync();
    }

    private T Runtime<T>(Func<SubtensorInfo, T> query) => _node.Host.Chain.Read(r => query(new SubtensorInfo(r.Subtensor)));

    [Fact(Timeout = 60_000)]
    public async Task Neurons_full_lite_and_single_match_the_runtime()
    {
        var neurons = await _client.GetNeuronsAsync(Netuid);
        SameShape.Assert(Runtime(i => i.GetNeurons(Netuid)), neurons);
        Assert.Equal([HotkeyA.PublicKey, HotkeyB.PublicKey], neurons.Select(n => n.Hotkey));
        Assert.Equal([DevAccounts.Alice.PublicKey, DevAccounts.Bob.PublicKey], neurons.Select(n => n.Coldkey));
        Assert.Equal(15 * Tao, neurons[0].TotalStake);
        Assert.Contains((DevAccounts.Bob.PublicKey, 10 * Tao), neurons[0].Stake);

        SameShape.Assert(Runtime(i => i.GetNeuronsLite(Netuid)), await _client.GetNeuronsLiteAsync(Netuid));
        var one = await _client.GetNeuronAsync(Netuid, 1);
        SameShape.Assert(Runtime(i => i.GetNeuron(Netuid, 1)), one);
        SameShape.Assert(neurons[1], one);
        SameShape.Assert(Runtime(i => i.GetNeuronLite(Netuid, 0)), await _client.GetNeuronLiteAsync(Netuid, 0));
        SameShape.Assert(neurons[0].ToLite(), await _client.GetNeuronLiteAsync(Netuid, 0));

        Assert.Null(await _client.GetNeuronAsync(Netuid, 2));
        Assert.Null(await _client.GetNeuronLiteAsync(Netuid, 2));
        Assert.Empty(await _client.GetNeuronsAsync(77));
        Assert.Empty(await _client.GetNeuronsLiteAsync(77));
    }

    [Fact(Timeout = 60_000)]
    public async Task Subnets_and_hyperparameters_match_the_runtime()
    {
        var subnet = await _client.GetSubnetInfoAsync(Netuid);
        SameShape.Assert(Runtime(i => i.GetSubnetInfo(Netuid)), subnet);
        Assert.Equal((2, (ushort)20, DevAccounts.Alice.PublicKey), (subnet!.SubnetworkN, subnet.Tempo, subnet.Owner));
        Assert.Empty(subnet.NetworkConnect);
        Assert.Null(await _client.GetSubnetInfoAsync(99));

        var all = await _client.GetSubnetsInfoAsync();
        SameShape.Assert(Runtime(i => i.GetSubnetsInfo()), all);
        Assert.Equal([(ushort)0, Netuid], all.Select(s => s.Netuid));

        var hyperparams = await _client.GetSubnetHyperparamsAsync(Netuid);
        SameShape.Assert(Runtime(i => i.GetSubnetHyperparams(Netuid)), hyperparams);
        Assert.Equal(((ushort)20, (ushort)200, (ushort)16, (ushort)8, true), (hyperparams!.Tempo, hyperparams.ImmunityPeriod, hyperparams.TargetRegsPerInterval, hyperparams.MaxRegsPerBlock, hyperparams.RegistrationAllowed));
        Assert.Null(await _client.GetSubnetHyperparamsAsync(99));

        Assert.Equal(Runtime(i => i.NetworkLockCost()), await _client.GetLockCostAsync());
        Assert.Equal(_node.Host.Chain.Read(r => r.Subtensor.S.TotalIssuance.Get()), await _client.GetTotalIssuanceAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Delegates_nominations_and_stake_match_the_runtime()
    {
        var delegates = await _client.GetDelegatesAsync();
        SameShape.Assert(Runtime(i => i.GetDelegates()), delegates);
        var delegateA = Assert.Single(delegates);
        Assert.Equal((HotkeyA.PublicKey, DevAccounts.Alice.PublicKey), (delegateA.Delegate, delegateA.Owner));
        Assert.Equal(15 * Tao, delegateA.TotalStake);
        Assert.Equal([Netuid], delegateA.Registrations);

        SameShape.Assert(Runtime(i => i.GetDelegate(HotkeyA.PublicKey.Bytes)), await _client.GetDelegateAsync(HotkeyA.PublicKey));
        Assert.Null(await _client.GetDelegateAsync(HotkeyB.PublicKey));

        var delegated = await _client.GetDelegatedAsync(DevAccounts.Bob.PublicKey);
        var expected = Runtime(i => i.GetDelegated(DevAccounts.Bob.PublicKey.Bytes));
        SameShape.Assert(expected.Select(e => e.Delegate).ToList(), delegated.Select(d => d.Delegate).ToList());
        Assert.Equal(expected.Select(e => e.Stake), delegated.Select(d => d.Stake));
        Assert.Equal(10 * Tao, Assert.Single(delegated).Stake);
        Assert.Empty(await _client.GetDelegatedAsync(DevAccounts.Charlie.PublicKey));

        var stakes = await _client.GetStakeInfoForColdkeyAsync(DevAccounts.Bob.PublicKey);
        SameShape.Assert(Runtime(i => i.GetStakeInfoForColdkey(DevAccounts.Bob.PublicKey.Bytes)), stakes);
        Assert.Contains(new Sdk.Subtensor.StakeInfo(HotkeyA.PublicKey, DevAccounts.Bob.PublicKey, 10 * Tao), stakes);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_compact_metagraph_matches_the_runtime_with_and_without_weights_and_bonds()
    {
        var lite = await _client.GetMetagraphAsync(Netuid);
        SameShape.Assert(Runtime(i => i.GetMetagraph(Netuid, false)), lite);
        Assert.Equal(2, lite!.N);
        Assert.Equal([(ushort)0, 1], lite.Uids);
        Assert.Equal((ushort)1, lite.UidOf(HotkeyB.PublicKey));
        Assert.Null(lite.UidOf(DevAccounts.Eve.PublicKey));
        Assert.Equal(15 * Tao, lite.Stake[0]);
        Assert.Null(lite.Weights);
        Assert.Equal(_node.Host.Chain.BestHeader.Number, lite.Block);

        var full = await _client.GetMetagraphAsync(Netuid, withWeightsAndBonds: true);
        SameShape.Assert(Runtime(i => i.GetMetagraph(Netuid, true)), full);
        Assert.Equal(2, full!.Weights!.Count);
        Assert.Null(await _client.GetMetagraphAsync(99));
        Assert.False(full.Axons[0].IsServing);
        Assert.Equal("/ipv0/0.0.0.0:0", full.Axons[0].ToString());
    }
}
