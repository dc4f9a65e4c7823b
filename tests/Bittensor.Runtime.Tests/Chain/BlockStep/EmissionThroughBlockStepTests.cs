using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.BlockStep;

/// <summary>Chain spec §5: the epoch schedule, generate and drain through real block steps.</summary>
public sealed class EmissionThroughBlockStepTests
{
    private static (TestChain Chain, SubnetBuilder Build) NewChain()
    {
        var chain = new TestChain();
        return (chain, new SubnetBuilder(chain));
    }

    [Fact]
    public void Tempo10Netuid1_RunsItsEpochAtBlocks8_19_30()
    {
        var (chain, build) = NewChain();
        build.Network(1, 10);
        var fired = new List<ulong>();
        for (var b = 1UL; b <= 32; b++)
        {
            chain.NextBlock();
            if (build.S.LastMechanismStepBlock.Get(1) == b)
            {
                fired.Add(b);
                Assert.Equal(0UL, build.S.BlocksSinceLastStep.Get(1));
            }
        }

        Assert.Equal([8UL, 19UL, 30UL], fired);
        Assert.Equal(2UL, build.S.BlocksSinceLastStep.Get(1));
    }

    [Fact]
    public void TempoZero_NeverRunsAnEpoch_AndPendingEmissionGrows()
    {
        var (chain, build) = NewChain();
        build.Network(1, 0, emissionPerBlock: 7);
        chain.RunTo(30);
        Assert.False(build.S.LastMechanismStepBlock.Contains(1));
        Assert.Equal(30UL * 7, build.S.PendingEmission.Get(1));
        Assert.Equal(30UL, build.S.BlocksSinceLastStep.Get(1));
    }

    [Fact]
    public void Root_NeverRunsTheSubnetEpoch_NorMintsItsEmission_ButCallsTheRootEpochWhenDue()
    {
        var (chain, build) = NewChain();
        build.Network(0, 100, emissionPerBlock: 1_000_000);
        build.Neuron(0, SubnetBuilder.Hot(1), SubnetBuilder.Cold(1), 1000);
        var rootEpochs = new List<ulong>();
        chain.Runtime.Subtensor.RootEpoch = () => rootEpochs.Add(chain.Block);
        var issuance = build.S.TotalIssuance.Get();

        chain.RunTo(201);

        Assert.Equal([99UL, 200UL], rootEpochs);
        Assert.Equal(0UL, build.S.PendingEmission.Get(0));
        Assert.False(build.S.LastMechanismStepBlock.Contains(0));
        Assert.False(build.S.LoadedEmission.Contains(0));
        Assert.DoesNotContain(build.S.Emission.Get(0), e => e != 0);
        Assert.Equal(issuance, build.S.TotalIssuance.Get());
        Assert.Equal(1000UL, build.S.TotalHotkeyStake.Get(SubnetBuilder.Hot(1)));
    }

    [Fact]
    public void RootEpoch_RunsAfterTheAdjustmentAndBeforeTheDrain()
    {
        var (chain, build) = NewChain();
        build.Network(0, 100).Network(1, 360);
        var hot = SubnetBuilder.Hot(1);
        build.Neuron(1, hot, SubnetBuilder.Cold(1), 10);
        chain.SetBlock(98);
        build.S.RegistrationsThisBlock.Set(1, 1);
        build.S.LoadedEmission.Set(1, [(hot, 5UL, 0UL)]);
        (ushort RegistrationsThisBlock, bool Loaded, ulong Stake)? seen = null;
        chain.Runtime.Subtensor.RootEpoch = () =>
            seen = (build.S.RegistrationsThisBlock.Get(1), build.S.LoadedEmission.Contains(1), build.S.TotalHotkeyStake.Get(hot));

        chain.NextBlock();

        Assert.Equal(((ushort)0, true, 10UL), seen);
        Assert.Equal(15UL, build.S.TotalHotkeyStake.Get(hot));
    }

    [Fact]
    public void AnEpochComputedAtB_IsPaidAtBPlus1()
    {
        var (chain, build) = NewChain();
        build.Network(1, 10, emissionPerBlock: 100);
        var hot = SubnetBuilder.Hot(1);
        var cold = SubnetBuilder.Cold(1);
        build.Neuron(1, hot, cold, 1000);
        var issuance = build.S.TotalIssuance.Get();

        chain.RunTo(8);
        // First epoch: no permits yet, so everything goes to validators by raw stake (§6.4): one neuron takes all 800.
        Assert.Equal([(hot, 0UL, 800UL)], build.S.LoadedEmission.Get(1));
        Assert.Equal(1000UL, build.S.Stake.Get(hot, cold));
        Assert.Equal(issuance, build.S.TotalIssuance.Get());
        Assert.Equal([800UL], build.S.Emission.Get(1));
        Assert.Equal([true], build.S.ValidatorPermit.Get(1));

        chain.NextBlock();
        Assert.False(build.S.LoadedEmission.Contains(1));
        Assert.Equal(1800UL, build.S.Stake.Get(hot, cold));
        Assert.Equal(1800UL, build.S.TotalHotkeyStake.Get(hot));
        Assert.Equal(1800UL, build.S.TotalColdkeyStake.Get(cold));
        Assert.Equal(1800UL, build.S.TotalStake.Get());
        Assert.Equal(issuance + 800, build.S.TotalIssuance.Get());
    }

    [Fact]
    public void PendingEmission_CollectsTempoPlusOneBlocksBetweenEpochs()
    {
        var (chain, build) = NewChain();
        build.Network(1, 10, emissionPerBlock: 100);
        var hot = SubnetBuilder.Hot(1);
        build.Neuron(1, hot, SubnetBuilder.Cold(1), 1000);

        chain.RunTo(18);
        Assert.Equal(1000UL, build.S.PendingEmission.Get(1));
        Assert.Equal(10UL, build.S.BlocksSinceLastStep.Get(1));
        chain.NextBlock();
        Assert.Equal(0UL, build.S.PendingEmission.Get(1));
        var loaded = Assert.Single(build.S.LoadedEmission.Get(1));
        Assert.Equal(1100UL, loaded.Server + loaded.Validator);
    }

    [Fact]
    public void OwnerCut_ArithmeticAndTheLostRao()
    {
        Assert.Equal((179_995_422UL, 820_004_577UL), SubtensorModule.OwnerCut(1_000_000_000, 11_796));
        Assert.Equal((11_796UL, 53_739UL), SubtensorModule.OwnerCut(65_535, 11_796));
        Assert.Equal((0UL, 1_000UL), SubtensorModule.OwnerCut(1_000, 0));
        Assert.Equal((1_000UL, 0UL), SubtensorModule.OwnerCut(1_000, ushort.MaxValue));
    }

    [Fact]
    public void OwnerCut_IsPaidAsFreeBalanceEveryBlock_AndOneRaoPerBlockIsLost()
    {
        var (chain, build) = NewChain();
        var owner = TestChain.Account(77);
        build.Network(1, 360, owner, emissionPerBlock: 1_000_000_000);
        var issuance = build.S.TotalIssuance.Get();

        chain.RunTo(3);

        Assert.Equal(3 * 179_995_422UL, chain.Runtime.Balances.Free(owner));
        Assert.Equal(3 * 820_004_577UL, build.S.PendingEmission.Get(1));
        Assert.Equal(issuance + (3 * 179_995_422UL), build.S.TotalIssuance.Get());
        Assert.Equal(3UL, (3 * 1_000_000_000UL) - chain.Runtime.Balances.Free(owner) - build.S.PendingEmission.Get(1));
    }

    [Fact]
    public void DelegateSplit_FullWithDelegatingExample()
    {
        var (_, build) = NewChain();
        var hot = SubnetBuilder.Hot(0);
        var cold0 = SubnetBuilder.Cold(0);
        var cold1 = SubnetBuilder.Cold(1);
        build.Module.CreateAccountIfNonExistent(cold0, hot);
        build.S.Delegates.Set(hot, 5898);
        build.AddStake(cold0, hot, 200);
        build.AddStake(cold1, hot, 300);

        build.Module.EmitToHotkey(hot, 0, 1000);

        Assert.Equal(654UL, build.S.Stake.Get(hot, cold0));
        Assert.Equal(846UL, build.S.Stake.Get(hot, cold1));
        Assert.Equal(1500UL, build.S.TotalHotkeyStake.Get(hot));
        Assert.Equal(654UL, build.S.TotalColdkeyStake.Get(cold0));
        Assert.Equal(1500UL, build.S.TotalStake.Get());
    }

    [Fact]
    public void DelegateSplit_ServerEmissionGoesToTheOwner_AndANonDelegateGetsEverything()
    {
        var (_, build) = NewChain();
        var hot = SubnetBuilder.Hot(0);
        var cold0 = SubnetBuilder.Cold(0);
        var cold1 = SubnetBuilder.Cold(1);
        build.Module.CreateAccountIfNonExistent(cold0, hot);
        build.AddStake(cold0, hot, 200);
        build.AddStake(cold1, hot, 300);

        build.Module.EmitToHotkey(hot, 10, 1000);
        Assert.Equal(1210UL, build.S.Stake.Get(hot, cold0));
        Assert.Equal(300UL, build.S.Stake.Get(hot, cold1));

        build.S.Delegates.Set(hot, 5898);
        build.Module.EmitToHotkey(hot, 10, 0);
        Assert.Equal(1220UL, build.S.Stake.Get(hot, cold0));
        Assert.Equal(300UL, build.S.Stake.Get(hot, cold1));
    }

    [Fact]
    public void Drain_PaysLoadedEmissionInAscendingNetuidOrder_AndCountsItInTheIssuance()
    {
        var (chain, build) = NewChain();
        build.Network(2, 360).Network(1, 360);
        var hot = SubnetBuilder.Hot(0);
        var cold0 = SubnetBuilder.Cold(0);
        var cold1 = SubnetBuilder.Cold(1);
        build.Module.CreateAccountIfNonExistent(cold0, hot);
        build.S.Delegates.Set(hot, 5898);
        build.AddStake(cold0, hot, 200);
        build.AddStake(cold1, hot, 300);
        build.S.LoadedEmission.Set(1, [(hot, 0UL, 1000UL)]);
        build.S.LoadedEmission.Set(2, [(hot, 0UL, 1500UL)]);
        var issuance = build.S.TotalIssuance.Get();

        chain.NextBlock();

        // Subnet 1 first: 654 / 846 as in the example; then subnet 2 splits 1500 over a total of 1500 stake:
        // take ⌊5898/65535·1500⌋ = 134, base 1366, shares ⌊1366·654/1500⌋ = 595 and ⌊1366·846/1500⌋ = 770, dust 1.
        Assert.Equal(654UL + 595 + 134 + 1, build.S.Stake.Get(hot, cold0));
        Assert.Equal(846UL + 770, build.S.Stake.Get(hot, cold1));
        Assert.Equal(issuance + 2500, build.S.TotalIssuance.Get());
        Assert.False(build.S.LoadedEmission.Contains(1));
        Assert.False(build.S.LoadedEmission.Contains(2));
    }

    [Fact]
    public void LoadedEmission_OfANetuidWithoutTempo_IsNotDrained()
    {
        var (chain, build) = NewChain();
        var hot = SubnetBuilder.Hot(0);
        build.Module.CreateAccountIfNonExistent(SubnetBuilder.Cold(0), hot);
        build.S.LoadedEmission.Set(9, [(hot, 0UL, 1000UL)]);
        chain.NextBlock();
        Assert.True(build.S.LoadedEmission.Contains(9));
        Assert.Equal(0UL, build.S.TotalHotkeyStake.Get(hot));
    }
}
