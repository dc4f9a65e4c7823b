using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.BlockStep;

/// <summary>Chain spec §4.7 through the block step: which terms change, when, and the events.</summary>
public sealed class AdjustmentThroughBlockStepTests
{
    private const ulong NewSubnetAlpha = 17_893_341_751_498_265_066;

    private static (TestChain Chain, SubnetBuilder Build) NewChain()
    {
        var chain = new TestChain();
        return (chain, new SubnetBuilder(chain));
    }

    /// <summary>A subnet set up as register_network does (the "New subnet" column of §2.4).</summary>
    private static void NewSubnetTerms(SubtensorStorage s, ushort netuid)
    {
        s.AdjustmentInterval.Set(netuid, 360);
        s.TargetRegistrationsPerInterval.Set(netuid, 1);
        s.AdjustmentAlpha.Set(netuid, NewSubnetAlpha);
        s.MinBurn.Set(netuid, 1);
        s.MinDifficulty.Set(netuid, ulong.MaxValue);
        s.MaxDifficulty.Set(netuid, ulong.MaxValue);
    }

    [Fact]
    public void NewSubnetCreatedAtBlock359_IsAdjustedAtTheNextBlock()
    {
        var (chain, build) = NewChain();
        chain.SetBlock(359);
        build.Network(1, 360);
        NewSubnetTerms(build.S, 1);

        chain.NextBlock();

        Assert.Equal(360UL, chain.Block);
        Assert.Equal(984_998_703UL, build.S.Burn.Get(1));
        Assert.Equal(ulong.MaxValue, build.S.Difficulty.Get(1));
        Assert.Equal(360UL, build.S.LastAdjustmentBlock.Get(1));
        Assert.Contains(new SubtensorEvent.DifficultySet(1, ulong.MaxValue), chain.Events);
    }

    [Fact]
    public void NewSubnetCreatedEarlier_IsNotAdjustedBeforeTheInterval()
    {
        var (chain, build) = NewChain();
        chain.SetBlock(100);
        build.Network(1, 360);
        NewSubnetTerms(build.S, 1);

        chain.RunTo(359);

        Assert.Equal(1_000_000_000UL, build.S.Burn.Get(1));
        Assert.Equal(10_000_000UL, build.S.Difficulty.Get(1));
        Assert.False(build.S.LastAdjustmentBlock.Contains(1));
        Assert.DoesNotContain(chain.Events, e => e is SubtensorEvent.DifficultySet);
        chain.NextBlock();
        Assert.Equal(984_998_703UL, build.S.Burn.Get(1));
    }

    [Fact]
    public void BurnWithHalfAlpha_Rises1000To1250_WithoutAnEvent()
    {
        var (chain, build) = NewChain();
        build.Network(1, 360);
        var s = build.S;
        s.AdjustmentInterval.Set(1, 1);
        s.TargetRegistrationsPerInterval.Set(1, 1);
        s.AdjustmentAlpha.Set(1, ulong.MaxValue / 2);
        s.MinBurn.Set(1, 100);
        s.MaxBurn.Set(1, 1_000_000);
        s.Burn.Set(1, 1000);
        s.RegistrationsThisInterval.Set(1, 2);
        s.BurnRegistrationsThisInterval.Set(1, 2);

        chain.NextBlock();

        Assert.Equal(1250UL, s.Burn.Get(1));
        Assert.Equal(10_000_000UL, s.Difficulty.Get(1));
        Assert.DoesNotContain(chain.Events, e => e is SubtensorEvent.DifficultySet);
        Assert.Equal(0, s.RegistrationsThisInterval.Get(1));
        Assert.Equal(0, s.BurnRegistrationsThisInterval.Get(1));
    }

    [Theory]
    [InlineData(20_000UL, 3, 1, 40_000UL)]
    [InlineData(40_000UL, 6, 3, 60_000UL)]
    [InlineData(5_000UL, 4, 3, 5_833UL)]
    public void PowDemand_RaisesDifficulty(ulong difficulty, ushort registrations, ushort target, ulong expected)
    {
        var (chain, build) = NewChain();
        build.Network(1, 360);
        var s = build.S;
        s.AdjustmentInterval.Set(1, 1);
        s.TargetRegistrationsPerInterval.Set(1, target);
        s.MinDifficulty.Set(1, 1);
        s.MaxDifficulty.Set(1, 1_000_000);
        s.Difficulty.Set(1, difficulty);
        s.RegistrationsThisInterval.Set(1, registrations);
        s.POWRegistrationsThisInterval.Set(1, registrations);

        chain.NextBlock();

        Assert.Equal(expected, s.Difficulty.Get(1));
        Assert.Equal(1_000_000_000UL, s.Burn.Get(1));
        Assert.Equal([new SubtensorEvent.DifficultySet(1, expected)], chain.Events.OfType<SubtensorEvent.DifficultySet>());
        Assert.Equal(0, s.POWRegistrationsThisInterval.Get(1));
    }

    [Fact]
    public void NoRegistrations_HalveDifficultyDownToItsMinimum()
    {
        var (chain, build) = NewChain();
        build.Network(1, 360);
        var s = build.S;
        s.AdjustmentInterval.Set(1, 1);
        s.TargetRegistrationsPerInterval.Set(1, 1);
        s.MinDifficulty.Set(1, 1);
        s.Difficulty.Set(1, 4);

        chain.NextBlock();
        Assert.Equal(2UL, s.Difficulty.Get(1));
        chain.NextBlock();
        Assert.Equal(1UL, s.Difficulty.Get(1));
        chain.NextBlock();
        Assert.Equal(1UL, s.Difficulty.Get(1));
    }

    [Fact]
    public void RegistrationsThisBlock_IsResetEveryBlockForEveryNetwork()
    {
        var (chain, build) = NewChain();
        build.Network(0, 100).Network(1, 360).Network(2, 360);
        foreach (ushort netuid in new ushort[] { 0, 1, 2 })
        {
            build.S.RegistrationsThisBlock.Set(netuid, 3);
            build.S.RegistrationsThisInterval.Set(netuid, 3);
        }

        chain.NextBlock();

        foreach (ushort netuid in new ushort[] { 0, 1, 2 })
        {
            Assert.Equal(0, build.S.RegistrationsThisBlock.Get(netuid));
            Assert.Equal(3, build.S.RegistrationsThisInterval.Get(netuid));
        }
    }

    [Fact]
    public void MissingNetworks_AreNotAdjusted()
    {
        var (chain, build) = NewChain();
        build.S.Tempo.Set(5, 10);
        build.S.AdjustmentInterval.Set(5, 1);
        chain.NextBlock();
        Assert.False(build.S.LastAdjustmentBlock.Contains(5));
        Assert.False(build.S.RegistrationsThisBlock.Contains(5));
    }
}
