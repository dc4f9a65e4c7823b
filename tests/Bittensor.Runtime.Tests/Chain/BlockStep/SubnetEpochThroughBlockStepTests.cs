using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Epoch;

namespace Bittensor.Runtime.Tests.Chain.BlockStep;

/// <summary>Chain spec §6 wired to storage: the inputs read, the writes of §6.3, and stake/issuance bookkeeping.</summary>
public sealed class SubnetEpochThroughBlockStepTests
{
    /// <summary>Five neurons with permits for uids 0–2 only, weights, stored bonds and non-default parameters.</summary>
    private static (TestChain Chain, SubnetBuilder Build) FiveNeurons()
    {
        var chain = new TestChain();
        var build = new SubnetBuilder(chain);
        build.Network(1, 10, emissionPerBlock: 1_000_000);
        var s = build.S;
        s.Kappa.Set(1, 30_000);
        s.BondsMovingAverage.Set(1, 800_000);
        s.ActivityCutoff.Set(1, 50);
        s.MaxAllowedValidators.Set(1, 3);
        ulong[] stakes = [100, 200, 300, 400, 50];
        for (var i = 0; i < stakes.Length; i++)
        {
            build.Neuron(1, SubnetBuilder.Hot(i), SubnetBuilder.Cold(i), stakes[i]);
        }

        s.ValidatorPermit.Set(1, [true, true, true, false, false]);
        chain.RunTo(3);
        build.Weights(1, 0, (3, 65535), (4, 20000), (1, 1000));
        build.Weights(1, 1, (4, 65535), (3, 30000));
        build.Weights(1, 2, (3, 40000), (4, 40000), (2, 65535));
        build.Weights(1, 4, (0, 65535));
        s.Bonds.Set(1, 0, [(3, 65535), (4, 1000)]);
        s.Bonds.Set(1, 1, [(4, 65535)]);
        s.Bonds.Set(1, 4, [(1, 7)]);
        return (chain, build);
    }

    [Fact]
    public void EpochInput_IsReadFromStorage()
    {
        var (chain, build) = FiveNeurons();
        var input = build.Module.BuildEpochInput(1, 12345);

        Assert.Equal(chain.Block, input.Block);
        Assert.Equal(12345UL, input.RaoEmission);
        Assert.Equal(new EpochParameters(30_000, 800_000, 50, 3), input.Parameters);
        Assert.Equal([100UL, 200, 300, 400, 50], input.Stake);
        Assert.Equal([3UL, 3, 3, 0, 3], input.LastUpdate);
        Assert.Equal([0UL, 0, 0, 0, 0], input.BlockAtRegistration);
        Assert.Equal([true, true, true, false, false], input.ValidatorPermit);
        Assert.Equal([(ushort)3, 4, 1], input.Weights.RowColumns(0).ToArray());
        Assert.Equal([(ushort)65535, 20000, 1000], input.Weights.RowValues(0).ToArray());
        Assert.Equal(0, input.Weights.RowColumns(3).Length);
        Assert.Equal([(ushort)1], input.Bonds.RowColumns(4).ToArray());
    }

    [Fact]
    public void EpochWrites_EqualYumaEpochComputeOnTheSameInput()
    {
        var (chain, build) = FiveNeurons();
        var s = build.S;
        chain.RunTo(7);
        var epochBlock = chain.Block + 1;
        var emission = s.PendingEmission.Get(1) + s.EmissionValues.Get(1);
        chain.SetBlock(epochBlock);
        var expected = YumaEpoch.Compute(build.Module.BuildEpochInput(1, emission));
        chain.SetBlock(epochBlock - 1);

        chain.NextBlock();

        Assert.Equal(8UL, chain.Block);
        Assert.Equal(8UL, s.LastMechanismStepBlock.Get(1));
        Assert.Equal(expected.Active, s.Active.Get(1));
        Assert.Equal(expected.Emission, s.Emission.Get(1));
        Assert.Equal(expected.Consensus, s.Consensus.Get(1));
        Assert.Equal(expected.Incentive, s.Incentive.Get(1));
        Assert.Equal(expected.Dividends, s.Dividends.Get(1));
        Assert.Equal(expected.Trust, s.Trust.Get(1));
        Assert.Equal(expected.Rank, s.Rank.Get(1));
        Assert.Equal(expected.ValidatorTrust, s.ValidatorTrust.Get(1));
        Assert.Equal(expected.ValidatorPermit, s.ValidatorPermit.Get(1));
        Assert.Equal(expected.PruningScore, s.PruningScores.Get(1));
        for (ushort uid = 0; uid < 5; uid++)
        {
            if (expected.BondsWritten[uid])
            {
                var row = s.Bonds.Get(1, uid);
                Assert.Equal(expected.BondRowColumns(uid).ToArray(), row.Select(e => e.Item1).ToArray());
                Assert.Equal(expected.BondRowValues(uid).ToArray(), row.Select(e => e.Item2).ToArray());
            }
        }

        var loaded = s.LoadedEmission.Get(1);
        Assert.Equal(5, loaded.Count);
        for (var uid = 0; uid < 5; uid++)
        {
            Assert.Equal((SubnetBuilder.Hot(uid), expected.ServerEmission[uid], expected.ValidatorEmission[uid]), loaded[uid]);
        }

        // The permits move to the three largest stakes: uid 0 loses its permit (bonds cleared, key kept), uid 3 gains
        // one (new bond row), uid 4 never had one (row untouched).
        Assert.Equal([false, true, true, true, false], s.ValidatorPermit.Get(1));
        Assert.True(s.Bonds.Contains(1, 0));
        Assert.Empty(s.Bonds.Get(1, 0));
        Assert.Equal([((ushort)1, (ushort)7)], s.Bonds.Get(1, 4));
        Assert.Contains(expected.Incentive, v => v > 0);
        Assert.True(loaded.Sum(t => (decimal)(t.Server + t.Validator)) <= emission);
    }

    [Fact]
    public void ThreeNeurons_StakesGrowByExactlyTheEmission_OverSeveralTempos()
    {
        var chain = new TestChain();
        var build = new SubnetBuilder(chain);
        var s = build.S;
        build.Network(1, 10, emissionPerBlock: 1_000_000);
        AccountId[] hot = [SubnetBuilder.Hot(0), SubnetBuilder.Hot(1), SubnetBuilder.Hot(2)];
        AccountId[] cold = [SubnetBuilder.Cold(0), SubnetBuilder.Cold(1), SubnetBuilder.Cold(2)];
        build.Neuron(1, hot[0], cold[0], 1_000_000);
        build.Neuron(1, hot[1], cold[1], 500_000);
        build.Neuron(1, hot[2], cold[2], 0);
        chain.NextBlock();
        build.Weights(1, 0, (2, 65535), (1, 10000));
        build.Weights(1, 1, (2, 65535), (0, 5000));

        var paidTotal = 0UL;
        var epochs = 0;
        while (chain.Block < 60)
        {
            var pending = s.LoadedEmission.Get(1);
            var stakeBefore = hot.Select(h => s.TotalHotkeyStake.Get(h)).ToArray();
            var issuanceBefore = s.TotalIssuance.Get();
            var totalStakeBefore = s.TotalStake.Get();

            chain.NextBlock();

            var paid = 0UL;
            for (var i = 0; i < 3; i++)
            {
                var tuple = pending.Where(t => t.Hotkey == hot[i]).Aggregate(0UL, (sum, t) => sum + t.Server + t.Validator);
                Assert.Equal(stakeBefore[i] + tuple, s.TotalHotkeyStake.Get(hot[i]));
                Assert.Equal(stakeBefore[i] + tuple, s.Stake.Get(hot[i], cold[i]));
                paid += tuple;
            }

            Assert.Equal(issuanceBefore + paid, s.TotalIssuance.Get());
            Assert.Equal(totalStakeBefore + paid, s.TotalStake.Get());
            if (s.LastMechanismStepBlock.Get(1) == chain.Block)
            {
                epochs++;
            }

            paidTotal += paid;
        }

        Assert.Equal(5, epochs);

        // Five epochs paid (blocks 9, 20, 31, 42, 53): 8 blocks of emission, then 11 (tempo + 1) each, less rounding dust.
        Assert.InRange(paidTotal, (52 * 1_000_000UL) - 100, 52 * 1_000_000UL);
        Assert.True(s.TotalHotkeyStake.Get(hot[2]) > 0, "the miner earned incentive");
        Assert.True(s.Incentive.Get(1)[2] > 0);
    }
}
