using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Tests.Chain.Invariants;

/// <summary>
/// Random sequences of blocks with transfers, stakes, registrations, weights and epochs: after every block the
/// bookkeeping invariants hold, and every call that fails leaves the state exactly as it was.
/// </summary>
public sealed class RandomBlockSequenceTests
{
    private const int Coldkeys = 6;
    private const int Hotkeys = 12;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void InvariantsHoldAfterEveryBlock(int seed) => Run(seed, blocks: 60);

    /// <summary>The same over 1,500 blocks and ten more seeds (about a minute; not part of CI).</summary>
    [Theory]
    [Trait("Category", "Soak")]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public void Soak_InvariantsHoldOverLongRuns(int seed) => Run(seed, blocks: 1_500);

    private static void Run(int seed, int blocks)
    {
        var chain = new TestChain();
        var random = new Random(seed);
        var coldkeys = Enumerable.Range(1, Coldkeys).Select(TestChain.Account).ToArray();
        var hotkeys = Enumerable.Range(100, Hotkeys).Select(TestChain.Account).ToArray();
        foreach (var c in coldkeys)
        {
            chain.Fund(c, 5_000_000_000_000);
        }

        chain.Runtime.Subtensor.InitRootNetwork();
        chain.NextBlock();
        Assert.Null(chain.Root(new AdminCall.SudoSetNetworkRateLimit(0)));
        Assert.Null(chain.Signed(coldkeys[0], new SubtensorCall.RegisterNetwork()));
        Assert.Null(chain.Root(new AdminCall.SudoSetTempo(1, 4)));
        Assert.Null(chain.Root(new AdminCall.SudoSetTargetRegistrationsPerInterval(1, 20)));
        Assert.Null(chain.Root(new AdminCall.SudoSetMaxRegistrationsPerBlock(1, 5)));
        Assert.Null(chain.Signed(coldkeys[0], new AdminCall.SudoSetWeightsSetRateLimit(1, 0)));

        // No root validators in this chain, so the root epoch keeps subnet 1's share as set here: 0.5 TAO per block.
        chain.Runtime.Subtensor.S.EmissionValues.Set(1, 500_000_000);

        // The default of one stake operation per pair per 360 blocks would leave no unstake in a 60-block run.
        chain.Runtime.Subtensor.S.TargetStakesPerInterval.Set(1_000);
        ChainInvariants.Check(chain.Runtime);
        var issuanceAtStart = chain.Runtime.Subtensor.S.TotalIssuance.Get();

        var succeeded = 0;
        var failed = 0;
        var successesByCall = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var block = 0; block < blocks; block++)
        {
            chain.NextBlock();
            ChainInvariants.Check(chain.Runtime);
            for (var t = 0; t < 6; t++)
            {
                var (signer, call) = RandomCall(random, chain, coldkeys, hotkeys);
                var before = ChainInvariants.Snapshot(chain.Store);
                var events = chain.Events.Count;
                var error = chain.Signed(signer, call);
                if (error is null)
                {
                    succeeded++;
                    successesByCall[call.GetType().Name] = successesByCall.GetValueOrDefault(call.GetType().Name) + 1;
                }
                else
                {
                    failed++;
                    Assert.Equal(before, ChainInvariants.Snapshot(chain.Store));
                    Assert.Equal(events, chain.Events.Count);
                }

                ChainInvariants.Check(chain.Runtime);
            }
        }

        Assert.True(succeeded > 50, $"only {succeeded} calls succeeded; the sequence does not exercise the runtime");
        Assert.True(failed > 10, $"only {failed} calls failed; the sequence does not exercise the error paths");
        Assert.True(chain.Runtime.Subtensor.S.SubnetworkN.Get(1) > 0);
        foreach (var name in new[] { "TransferKeepAlive", "AddStake", "RemoveStake", "BurnedRegister", "SetWeights" })
        {
            Assert.True(successesByCall.GetValueOrDefault(name) > 0, $"no {name} succeeded");
        }

        // Emission was paid by the epochs (the owner's cut and the drained epoch output both mint).
        Assert.True(chain.Runtime.Subtensor.S.TotalIssuance.Get() > issuanceAtStart);
    }

    private static (AccountId Signer, RuntimeCall Call) RandomCall(Random random, TestChain chain, AccountId[] coldkeys, AccountId[] hotkeys)
    {
        var cold = coldkeys[random.Next(coldkeys.Length)];
        var hot = hotkeys[random.Next(hotkeys.Length)];
        var amount = (ulong)random.NextInt64(0, 2_000_000_000_000);
        switch (random.Next(8))
        {
            case 0:
                return (cold, new BalancesCall.TransferKeepAlive(coldkeys[random.Next(coldkeys.Length)], amount));
            case 1:
                return (cold, new BalancesCall.TransferAllowDeath(hot, (ulong)random.NextInt64(0, 2_000)));
            case 2:
            case 3:
                return (cold, new SubtensorCall.AddStake(hot, amount / 10));
            case 4:
                return (cold, new SubtensorCall.RemoveStake(hot, amount / 20));
            case 5:
                return (cold, new SubtensorCall.BurnedRegister(1, hot));
            case 6:
                {
                    var n = chain.Runtime.Subtensor.S.SubnetworkN.Get(1);
                    var count = Math.Min((int)n, 1 + random.Next(4));
                    var dests = Enumerable.Range(0, count).Select(i => (ushort)i).ToArray();
                    var weights = dests.Select(_ => (ushort)random.Next(1, 1000)).ToArray();
                    return (hot, new SubtensorCall.SetWeights(1, dests, weights, 0));
                }

            default:
                return (cold, new SubtensorCall.BecomeDelegate(hot));
        }
    }
}
