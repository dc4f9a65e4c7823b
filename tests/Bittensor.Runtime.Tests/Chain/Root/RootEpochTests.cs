using Bittensor.Contracts.Calls;
using static Bittensor.Runtime.Tests.Chain.Root.RootFixture;
using static Bittensor.Runtime.Tests.Chain.TestChain;

namespace Bittensor.Runtime.Tests.Chain.Root;

public sealed class RootEpochTests
{
    /// <summary>tests/root.rs::test_network_pruning: ten validators, validator i weighting netuids 0..i−1.</summary>
    private static TestChain PruningScenario()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.NetworkMinLockCost.Set(0);
        s.NetworkLastLockCost.Set(0);
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal((ushort)i, AddSubnet(chain, Account(300 + i)));
        }

        for (var i = 0; i < 10; i++)
        {
            Stake(chain, Account(100 + i), Account(i), 1000);
            Assert.Null(chain.Signed(Account(100 + i), new SubtensorCall.RootRegister(Account(i))));
            var row = Enumerable.Range(0, i).Select(n => ((ushort)n, (ushort)65535)).ToArray();
            s.Weights.Set(0, (ushort)i, row);
        }

        s.Kappa.Set(0, 32767);
        s.Rho.Set(0, 30);
        s.TotalIssuance.Set(0);
        return chain;
    }

    [Fact]
    public void ReferenceVectorOfTestNetworkPruning()
    {
        var chain = PruningScenario();
        var s = M(chain).S;
        Assert.True(M(chain).RunRootEpoch());
        ulong[] expected = [277_820_113, 246_922_263, 215_549_466, 176_432_500, 77_181_559, 5_857_251, 229_035, 7_619, 189, 0, 0];
        Assert.Equal(expected, Enumerable.Range(0, 11).Select(n => s.EmissionValues.Get((ushort)n)).ToArray());
        Assert.Equal(1_000_000_000UL, s.BlockEmission.Get());
    }

    [Fact]
    public void WeightsOnRemovedNetworksAreIgnored()
    {
        var chain = PruningScenario();
        var s = M(chain).S;
        Assert.Null(chain.Signed(Account(310), new SubtensorCall.DissolveNetwork(10)));
        Assert.Null(chain.Signed(Account(309), new SubtensorCall.DissolveNetwork(9)));
        Assert.True(M(chain).RunRootEpoch());

        // Netuids 9 and 10 had no weight anyway: the other values are unchanged.
        Assert.Equal(277_820_113UL, s.EmissionValues.Get(0));
        Assert.Equal(189UL, s.EmissionValues.Get(8));
        Assert.False(s.EmissionValues.Contains(9));
    }

    [Fact]
    public void HalvingIsAppliedAndCached()
    {
        var chain = PruningScenario();
        var s = M(chain).S;
        s.TotalIssuance.Set(10_500_000_000_000_000);
        Assert.True(M(chain).RunRootEpoch());
        Assert.Equal(500_000_000UL, s.BlockEmission.Get());
        Assert.Equal(138_910_056UL, s.EmissionValues.Get(0));
    }

    [Fact]
    public void PreconditionsKeepThePreviousValues()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.EmissionValues.Set(0, 42);
        Assert.False(M(chain).RunRootEpoch());

        // Validators without stake: the block emission is refreshed, the emission values stay.
        Assert.Null(chain.Signed(Account(100), new SubtensorCall.RootRegister(Account(1))));
        s.TotalIssuance.Set(10_500_000_000_000_000);
        Assert.False(M(chain).RunRootEpoch());
        Assert.Equal(42UL, s.EmissionValues.Get(0));
        Assert.Equal(500_000_000UL, s.BlockEmission.Get());
    }

    [Fact]
    public void OverflowingExponentialSkipsTheEpoch()
    {
        var chain = PruningScenario();
        var s = M(chain).S;
        s.Rho.Set(0, 60_000);
        s.EmissionValues.Set(0, 42);
        Assert.False(M(chain).RunRootEpoch());
        Assert.Equal(42UL, s.EmissionValues.Get(0));
    }

    [Theory]
    [InlineData(99UL, true)]
    [InlineData(200UL, true)]
    [InlineData(100UL, false)]
    [InlineData(0UL, false)]
    public void RootEpochRunsEveryHundredAndOneBlocks(ulong block, bool due)
    {
        var chain = NewChain();
        Assert.Equal(due, M(chain).IsRootEpochDue(block));
    }
}
