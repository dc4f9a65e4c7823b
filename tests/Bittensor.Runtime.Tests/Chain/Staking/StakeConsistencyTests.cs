using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Tests.Chain.Staking;

/// <summary>The four stake counters stay consistent over a seeded random sequence of stake and unstake calls.</summary>
public sealed class StakeConsistencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomAddRemove_KeepsCountersConsistent_AndConservesTokens(int seed)
    {
        var chain = new TestChain();
        chain.SetBlock(1);
        var m = chain.Runtime.Subtensor;
        var colds = Enumerable.Range(1, 4).Select(TestChain.Account).ToArray();
        var hots = Enumerable.Range(20, 5).Select(TestChain.Account).ToArray();
        for (var i = 0; i < hots.Length; i++)
        {
            ChainSetup.OwnHotkey(chain, colds[i % colds.Length], hots[i]);
            if (i % 2 == 0)
            {
                m.S.Delegates.Set(hots[i], 11_796);
            }
        }

        foreach (var c in colds)
        {
            chain.Fund(c, 1_000_000);
        }

        m.S.NominatorMinRequiredStake.Set(1_000);
        m.S.TargetStakesPerInterval.Set(3);
        var totalTokens = colds.Aggregate(0UL, (sum, c) => sum + chain.Runtime.Balances.Free(c));
        var issuance = m.S.TotalIssuance.Get();
        var rng = new Random(seed);
        var successes = 0;
        for (var step = 0; step < 400; step++)
        {
            chain.SetBlock(chain.Block + (ulong)rng.Next(0, 60));
            var cold = colds[rng.Next(colds.Length)];
            var hot = hots[rng.Next(hots.Length)];
            var amount = (ulong)rng.Next(0, 400_000);
            RuntimeCall call = rng.Next(2) == 0 ? new SubtensorCall.AddStake(hot, amount) : new SubtensorCall.RemoveStake(hot, amount);
            if (chain.Signed(cold, call) is null)
            {
                successes++;
            }

            AssertConsistent(chain, colds, hots);
            var free = colds.Aggregate(0UL, (sum, c) => sum + chain.Runtime.Balances.Free(c));
            Assert.Equal(totalTokens, free + m.S.TotalStake.Get());
            Assert.Equal(issuance, m.S.TotalIssuance.Get());
        }

        Assert.InRange(successes, 50, 400);
    }

    private static void AssertConsistent(TestChain chain, AccountId[] colds, AccountId[] hots)
    {
        var m = chain.Runtime.Subtensor;
        var all = m.S.Stake.All();
        Assert.Equal(m.S.TotalStake.Get(), all.Aggregate(0UL, (sum, e) => sum + e.Value));
        foreach (var h in hots)
        {
            Assert.Equal(m.GetTotalStakeForHotkey(h), all.Where(e => e.Key1 == h).Aggregate(0UL, (sum, e) => sum + e.Value));
        }

        foreach (var c in colds)
        {
            Assert.Equal(m.GetTotalStakeForColdkey(c), all.Where(e => e.Key2 == c).Aggregate(0UL, (sum, e) => sum + e.Value));
        }
    }
}
