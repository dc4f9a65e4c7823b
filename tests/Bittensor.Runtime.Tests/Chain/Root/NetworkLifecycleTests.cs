using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Root.RootFixture;
using static Bittensor.Runtime.Tests.Chain.TestChain;

namespace Bittensor.Runtime.Tests.Chain.Root;

public sealed class NetworkLifecycleTests
{
    [Fact]
    public void RootNetworkIsCreatedWithItsParameters()
    {
        var chain = NewChain();
        var s = M(chain).S;
        Assert.True(s.NetworksAdded.Get(0));
        Assert.Equal(1, s.TotalNetworks.Get());
        Assert.Equal(0, s.SubnetworkN.Get(0));
        Assert.Equal(64, s.MaxAllowedUids.Get(0));
        Assert.Equal(64, s.MaxAllowedValidators.Get(0));
        Assert.Equal(0, s.MinAllowedWeights.Get(0));
        Assert.Equal(65535, s.MaxWeightsLimit.Get(0));
        Assert.Equal(100, s.Tempo.Get(0));
        Assert.True(s.NetworkRegistrationAllowed.Get(0));
        Assert.Equal(1, s.TargetRegistrationsPerInterval.Get(0));
        Assert.False(s.SubnetOwner.Contains(0));
    }

    [Fact]
    public void LockCostDoublesOnCreationAndDecaysToTheMinimum()
    {
        // tests/root.rs::test_root_subnet_creation_deletion: min = last = 1e11, interval 2.
        var chain = NewChain();
        var s = M(chain).S;
        s.NetworkMinLockCost.Set(100_000_000_000);
        s.NetworkLastLockCost.Set(100_000_000_000);
        s.NetworkLockReductionInterval.Set(2);
        s.NetworkRateLimit.Set(0);
        var owner = Account(7);
        Assert.Equal(100_000_000_000UL, M(chain).NetworkLockCost());
        chain.Fund(owner, 1_000_000_000_000);
        Assert.Null(chain.Signed(owner, new SubtensorCall.RegisterNetwork()));
        Assert.Equal(100_000_000_000UL, s.SubnetLocked.Get(1));
        Assert.Equal(200_000_000_000UL, M(chain).NetworkLockCost());
        chain.SetBlock(2);
        Assert.Equal(150_000_000_000UL, M(chain).NetworkLockCost());
        chain.SetBlock(3);
        Assert.Equal(100_000_000_000UL, M(chain).NetworkLockCost());
        chain.SetBlock(4);
        Assert.Equal(100_000_000_000UL, M(chain).NetworkLockCost());
    }

    [Fact]
    public void LockCostWithAZeroIntervalDoesNotDecay()
    {
        var chain = NewChain();
        var s = M(chain).S;
        s.NetworkLockReductionInterval.Set(0);
        s.NetworkLastLockCost.Set(5_000_000_000_000);
        s.NetworkLastRegistered.Set(1);
        chain.SetBlock(1_000);
        Assert.Equal(10_000_000_000_000UL, M(chain).NetworkLockCost());
    }

    [Fact]
    public void RegisterNetworkInitialisesTheSubnetAndEmitsEventsInOrder()
    {
        var chain = NewChain();
        chain.SetBlock(7_300);
        var owner = Account(7);
        chain.Fund(owner, 1_500_000_000_000);
        var issuance = M(chain).S.TotalIssuance.Get();
        Assert.Null(chain.Signed(owner, new SubtensorCall.RegisterNetwork()));
        var s = M(chain).S;
        Assert.Equal(
            new SubtensorEvent[]
            {
                new SubtensorEvent.RegistrationAllowed(1, true),
                new SubtensorEvent.MaxAllowedUidsSet(1, 256),
                new SubtensorEvent.MaxAllowedValidatorsSet(1, 64),
                new SubtensorEvent.MinAllowedWeightSet(1, 1),
                new SubtensorEvent.MaxWeightLimitSet(1, 65535),
                new SubtensorEvent.AdjustmentIntervalSet(1, 360),
                new SubtensorEvent.RegistrationPerIntervalSet(1, 1),
                new SubtensorEvent.AdjustmentAlphaSet(1, 17_893_341_751_498_265_066),
                new SubtensorEvent.ImmunityPeriodSet(1, 5000),
                new SubtensorEvent.MinBurnSet(1, 1),
                new SubtensorEvent.MinDifficultySet(1, ulong.MaxValue),
                new SubtensorEvent.MaxDifficultySet(1, ulong.MaxValue),
                new SubtensorEvent.NetworkAdded(1, 0),
            },
            EventsOf<SubtensorEvent>(chain));
        Assert.True(s.NetworksAdded.Get(1));
        Assert.Equal(2, s.TotalNetworks.Get());
        Assert.Equal(360, s.Tempo.Get(1));
        Assert.True(s.Tempo.Contains(1) && s.Kappa.Contains(1) && s.Difficulty.Contains(1) && s.ActivityCutoff.Contains(1));
        Assert.True(s.EmissionValues.Contains(1) && s.BurnRegistrationsThisInterval.Contains(1));
        Assert.Equal(owner, s.SubnetOwner.Get(1));
        Assert.Equal(7_300UL, s.NetworkRegisteredAt.Get(1));
        Assert.Equal(7_300UL, s.NetworkLastRegistered.Get());
        Assert.Equal(1_000_000_000_000UL, s.SubnetLocked.Get(1));
        Assert.Equal(1_000_000_000_000UL, s.NetworkLastLockCost.Get());
        Assert.Equal(500_000_000_000UL, chain.Runtime.Balances.Free(owner));
        Assert.Equal(issuance, s.TotalIssuance.Get());
    }

    [Fact]
    public void RegisterNetworkChecksInOrder()
    {
        var chain = NewChain();
        var s = M(chain).S;
        var owner = Account(7);

        // Rate limit: the last creation was at block 0 and the limit is 7200.
        chain.Fund(owner, 2_000_000_000_000);
        AssertFailsUnchanged(chain, () => chain.Signed(owner, new SubtensorCall.RegisterNetwork()), "TxRateLimitExceeded");
        AssertFailsUnchanged(chain, () => chain.Root(new SubtensorCall.RegisterNetwork()), "BadOrigin");

        s.NetworkRateLimit.Set(0);
        var poor = Account(8);
        chain.Fund(poor, 999_999_999_999);
        AssertFailsUnchanged(chain, () => chain.Signed(poor, new SubtensorCall.RegisterNetwork()), "NotEnoughBalanceToStake");

        // A lock the account can cover only with its existential deposit: nothing can be withdrawn.
        s.NetworkMinLockCost.Set(100);
        s.NetworkLastLockCost.Set(100);
        var dust = Account(9);
        chain.Fund(dust, 500);
        AssertFailsUnchanged(chain, () => chain.Signed(dust, new SubtensorCall.RegisterNetwork()), "BalanceWithdrawalError");

        // A lock of 0 passes.
        s.NetworkMinLockCost.Set(0);
        s.NetworkLastLockCost.Set(0);
        Assert.Null(chain.Signed(dust, new SubtensorCall.RegisterNetwork()));
        Assert.Equal(0UL, s.SubnetLocked.Get(1));
    }

    [Fact]
    public void FullNetworkInImmunityRefusesCreation()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.SubnetLimit.Set(2);
        AddSubnet(chain, Account(1));
        AddSubnet(chain, Account(2));
        chain.Fund(Account(3), 10_000_000_000_000);
        AssertFailsUnchanged(chain, () => chain.Signed(Account(3), new SubtensorCall.RegisterNetwork()), "AllNetworksInImmunity");
    }

    [Theory]
    [InlineData(5, 4, 4, 2)]
    [InlineData(5, 5, 4, 3)]
    [InlineData(4, 5, 5, 1)]
    public void SubnetToPruneFollowsTheReferenceVectors(ulong e1, ulong e2, ulong e3, ushort expected)
    {
        // tests/root.rs::test_network_prune_results: subnets 1, 2, 3 created at increasing blocks.
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.NetworkImmunityPeriod.Set(3);
        for (var i = 1; i <= 3; i++)
        {
            chain.SetBlock((ulong)i);
            AddSubnet(chain, Account(i));
        }

        chain.SetBlock(10);
        s.EmissionValues.Set(1, e1);
        s.EmissionValues.Set(2, e2);
        s.EmissionValues.Set(3, e3);
        Assert.Equal(expected, M(chain).SubnetToPrune());
    }

    [Fact]
    public void SubnetToPruneTiesGoToTheHighestNetuidAndImmunityProtects()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.NetworkImmunityPeriod.Set(100);
        for (var i = 1; i <= 3; i++)
        {
            AddSubnet(chain, Account(i));
        }

        chain.SetBlock(100);
        Assert.Equal((ushort)0, M(chain).SubnetToPrune());
        chain.SetBlock(101);
        Assert.Equal((ushort)3, M(chain).SubnetToPrune());
        s.EmissionValues.Set(3, 1);
        Assert.Equal((ushort)2, M(chain).SubnetToPrune());
    }

    [Fact]
    public void CreationAtTheLimitPrunesAndReusesTheNetuid()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.SubnetLimit.Set(2);
        s.NetworkImmunityPeriod.Set(10);
        var first = Account(1);
        AddSubnet(chain, first);
        AddSubnet(chain, Account(2));
        s.EmissionValues.Set(2, 5);
        s.PendingEmission.Set(1, 77);
        chain.SetBlock(20);
        var locked = s.SubnetLocked.Get(1);
        var firstBefore = chain.Runtime.Balances.Free(first);
        chain.Runtime.State.ClearEvents();
        var netuid = AddSubnet(chain, Account(3));
        Assert.Equal((ushort)1, netuid);
        Assert.Equal(new SubtensorEvent.NetworkRemoved(1), EventsOf<SubtensorEvent>(chain)[0]);
        Assert.IsType<SubtensorEvent.NetworkAdded>(EventsOf<SubtensorEvent>(chain)[^1]);
        Assert.Equal(firstBefore + locked, chain.Runtime.Balances.Free(first));
        Assert.Equal(Account(3), s.SubnetOwner.Get(1));
        Assert.Equal(0UL, s.PendingEmission.Get(1));
        Assert.Equal(3, s.TotalNetworks.Get());
    }

    [Fact]
    public void DissolveNetworkChecksOwnershipAndClearsTheSubnet()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        var owner = Account(1);
        var netuid = AddSubnet(chain, owner);
        var hotkey = Account(50);
        M(chain).CreateAccountIfNonExistent(Account(51), hotkey);
        M(chain).IncreaseStake(Account(51), hotkey, 1_000);
        M(chain).AppendNeuron(netuid, hotkey, chain.Block);
        s.PendingEmission.Set(netuid, 99);
        s.LoadedEmission.Set(netuid, [(hotkey, 1UL, 2UL)]);
        s.Burn.Set(netuid, 5);
        s.NetworkPowRegistrationAllowed.Set(netuid, true);

        // A root validator with weight on the subnet keeps the entry, at 0.
        var validator = Account(60);
        Assert.Null(chain.Signed(Account(61), new SubtensorCall.RootRegister(validator)));
        s.Weights.Set(0, 0, [(0, 10), (netuid, 65535)]);

        AssertFailsUnchanged(chain, () => chain.Signed(owner, new SubtensorCall.DissolveNetwork(9)), "NetworkDoesNotExist");
        AssertFailsUnchanged(chain, () => chain.Signed(Account(2), new SubtensorCall.DissolveNetwork(netuid)), "NotSubnetOwner");
        AssertFailsUnchanged(chain, () => chain.Root(new SubtensorCall.DissolveNetwork(netuid)), "BadOrigin");

        var free = chain.Runtime.Balances.Free(owner);
        var locked = s.SubnetLocked.Get(netuid);
        Assert.Null(chain.Signed(owner, new SubtensorCall.DissolveNetwork(netuid)));
        Assert.Equal(new SubtensorEvent.NetworkRemoved(netuid), chain.Events[^1]);
        Assert.Equal(free + locked, chain.Runtime.Balances.Free(owner));
        Assert.False(s.NetworksAdded.Contains(netuid));
        Assert.Equal(1, s.TotalNetworks.Get());
        Assert.False(s.SubnetOwner.Contains(netuid));
        Assert.False(s.SubnetLocked.Contains(netuid));
        Assert.False(s.Uids.Contains(netuid, hotkey));
        Assert.False(s.Keys.Contains(netuid, 0));
        Assert.False(s.IsNetworkMember.Contains(hotkey, netuid));
        Assert.False(M(chain).IsHotkeyRegisteredOnAnyNetwork(hotkey));
        Assert.False(s.PendingEmission.Contains(netuid));
        Assert.False(s.LoadedEmission.Contains(netuid));
        Assert.False(s.Burn.Contains(netuid));
        Assert.False(s.NetworkPowRegistrationAllowed.Contains(netuid));
        Assert.False(s.Tempo.Contains(netuid));
        Assert.False(s.Rank.Contains(netuid));
        Assert.False(s.BlockAtRegistration.Contains(netuid, 0));
        Assert.Equal(1_000UL, s.TotalHotkeyStake.Get(hotkey));
        Assert.Equal([((ushort)0, (ushort)10), (netuid, (ushort)0)], s.Weights.Get(0, 0));

        // Nothing keyed by the netuid is left in storage.
        var netuidKeys = s.GetType().GetProperties()
            .Select(p => p.GetValue(s))
            .Where(v => v is not null && v.GetType().IsGenericType && v.GetType().GetGenericArguments()[0] == typeof(ushort))
            .ToList();
        Assert.NotEmpty(netuidKeys);
        foreach (var item in netuidKeys)
        {
            var contains = item!.GetType().GetMethod("Contains", [typeof(ushort)]);
            if (contains is not null)
            {
                Assert.False((bool)contains.Invoke(item, [netuid])!, item.GetType().GetProperty("Name")!.GetValue(item) as string);
            }
        }
    }
}
