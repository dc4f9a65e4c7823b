using System.Globalization;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Tests.Chain.Invariants;

namespace Bittensor.Runtime.Tests.Chain.EndToEnd;

/// <summary>
/// Two nodes that start from the same spec and execute the same blocks end in the same state: the runtime has no
/// hidden input (clock, hash-map order, randomness) besides the blocks.
/// </summary>
public sealed class DeterminismTests
{
    private const ulong Tao = 1_000_000_000;
    private const int Blocks = 300;

    private static readonly Ed25519KeyPair[] Coldkeys = [.. DevAccounts.All];
    private static readonly Ed25519KeyPair[] Hotkeys = [.. DevAccounts.Names.Select(n => DevAccounts.Get(n + "//hot"))];
    private static readonly Ed25519KeyPair RootHotkey = DevAccounts.Get("Alice//root");

    /// <summary>
    /// Feeds <paramref name="chain"/> a busy but fixed history: registrations, stakes, transfers, weights on subnet 1
    /// and on root, a few failing calls; <paramref name="twist"/> changes one transfer's amount.
    /// </summary>
    private static List<string> Feed(DevChain chain, ulong twist = 0)
    {
        var random = new Random(42);
        var log = new List<string>();
        var s = chain.Runtime.Subtensor.S;
        for (var block = 1; block <= Blocks; block++)
        {
            if (block == 1)
            {
                chain.Submit(Coldkeys[0], new SubtensorCall.RootRegister(RootHotkey.PublicKey));
                chain.Submit(Coldkeys[0], new AdminCall.SudoSetMaxWeightLimit(1, ushort.MaxValue));
                chain.Submit(Coldkeys[0], new AdminCall.SudoSetMinAllowedWeights(1, 1));
                for (var i = 1; i < Coldkeys.Length; i++)
                {
                    chain.Submit(Coldkeys[i], new SubtensorCall.BurnedRegister(1, Hotkeys[i].PublicKey));
                }
            }
            else if (block == 2)
            {
                chain.Submit(Coldkeys[0], new SubtensorCall.AddStake(RootHotkey.PublicKey, 500 * Tao));
                for (var i = 1; i < Coldkeys.Length; i++)
                {
                    chain.Submit(Coldkeys[i], new SubtensorCall.AddStake(Hotkeys[i].PublicKey, (ulong)(1_000 * i) * Tao));
                }
            }
            else if (block == 101)
            {
                chain.Submit(RootHotkey, new SubtensorCall.SetWeights(0, [1], [ushort.MaxValue], 0));
            }

            var i1 = random.Next(1, Coldkeys.Length);
            var i2 = random.Next(Coldkeys.Length);
            switch (block % 5)
            {
                case 0:
                    chain.Submit(Coldkeys[i1], new BalancesCall.TransferKeepAlive(Coldkeys[i2].PublicKey, (ulong)random.Next(1, 1_000) * Tao + (block == 150 ? twist : 0)));
                    break;
                case 1:
                    chain.Submit(Coldkeys[i1], new SubtensorCall.AddStake(Hotkeys[i1].PublicKey, (ulong)random.Next(1, 100) * Tao));
                    break;
                case 2:
                    chain.Submit(Coldkeys[i1], new SubtensorCall.RemoveStake(Hotkeys[i2].PublicKey, (ulong)random.Next(1, 50) * Tao));
                    break;
                case 3 when block > 20:
                    {
                        var n = s.SubnetworkN.Get(1);
                        var dests = Enumerable.Range(0, n).Select(u => (ushort)u).ToArray();
                        var weights = dests.Select(_ => (ushort)random.Next(1, ushort.MaxValue)).ToArray();
                        chain.Submit(Hotkeys[i1], new SubtensorCall.SetWeights(1, dests, weights, 0));
                        break;
                    }

                default:
                    break;
            }

            var receipts = chain.ProduceBlock();
            log.Add(chain.LastBlockHash.ToHex() + ":" + string.Join(',', receipts.Select(r => (r.Error?.ToString() ?? "ok") + "/" + r.Fee.ToString(CultureInfo.InvariantCulture))));
        }

        return log;
    }

    [Fact]
    public void TwoChainsFedTheSameBlocks_EndInIdenticalStores()
    {
        var first = new DevChain();
        var second = new DevChain();

        var firstLog = Feed(first);
        var secondLog = Feed(second);

        Assert.Equal((ulong)Blocks, first.Block);
        Assert.Equal(firstLog, secondLog);
        Assert.Equal(ChainInvariants.Snapshot(first.Store), ChainInvariants.Snapshot(second.Store));

        // The history did something: subnet 1 earned emission, neurons earned stake, some calls failed.
        var s = first.Runtime.Subtensor.S;
        Assert.True(s.EmissionValues.Get(1) > 0);
        Assert.Equal((ushort)5, s.SubnetworkN.Get(1));
        Assert.True(s.TotalIssuance.Get() > first.Runtime.Balances.TotalIssuance.Get());
        Assert.Contains(firstLog, line => line.Contains("ok", StringComparison.Ordinal));
        Assert.Contains(firstLog, line => line.Contains("SubtensorModule.", StringComparison.Ordinal));
    }

    [Fact]
    public void OneRaoOfDifferenceInOneTransaction_GivesADifferentState()
    {
        var first = new DevChain();
        var second = new DevChain();

        Feed(first);
        Feed(second, twist: 1);

        Assert.NotEqual(first.LastBlockHash, second.LastBlockHash);
        Assert.NotEqual(ChainInvariants.Snapshot(first.Store), ChainInvariants.Snapshot(second.Store));
    }
}
