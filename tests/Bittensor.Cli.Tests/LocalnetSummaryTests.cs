using Bittensor.Cli.Commands.Localnet;
using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Cli.Tests;

public sealed class LocalnetSummaryTests
{
    [Fact]
    public void Spearman_is_one_for_the_same_order_minus_one_for_the_reverse_and_averages_ties()
    {
        Assert.Equal(1.0, RankStatistics.Spearman([1, 2, 3, 4], [10, 20, 30, 1000])!.Value, 12);
        Assert.Equal(-1.0, RankStatistics.Spearman([1, 2, 3, 4], [4, 3, 2, 1])!.Value, 12);
        Assert.Equal([1.5, 1.5, 3, 4], RankStatistics.Ranks([5, 5, 7, 9]));

        // The textbook case: ranks (1,2,3,4,5) against (2,1,4,3,5): 1 − 6·Σd²/(n(n²−1)) = 1 − 6·4/120 = 0.8.
        Assert.Equal(0.8, RankStatistics.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])!.Value, 12);
        Assert.Null(RankStatistics.Spearman([1], [2]));
        Assert.Null(RankStatistics.Spearman([1, 2, 3], [7, 7, 7]));
        Assert.Throws<ArgumentException>(() => RankStatistics.Spearman([1, 2], [1]));
    }

    [Fact]
    public void The_summary_checks_ranks_test_miner_shares_the_copycat_and_the_validators_dividends()
    {
        var lineup = LocalnetLineup.Create(miners: 3, validators: 2);
        var neurons = lineup.Select((p, i) => new LocalnetNeuron(p, p.Name, Account(100 + i), Account(i), (ushort)i)).ToList();
        var network = new LocalnetNetwork(2, neurons);
        int Uid(string name) => neurons.Single(n => n.Plan.Name == name).Uid;
        var incentive = new ushort[lineup.Count];
        var dividends = new ushort[lineup.Count];
        var stake = new ulong[lineup.Count];
        var miners = lineup.Where(p => p.Role == NeuronRole.Miner).ToList();
        incentive[Uid(miners[0].Name)] = 6000;
        incentive[Uid(miners[1].Name)] = 20000;
        incentive[Uid(miners[2].Name)] = 38000;
        incentive[Uid("copycat")] = 1000;
        incentive[Uid("noise")] = 100;
        dividends[Uid("validator1")] = 50000;
        dividends[Uid("validator2")] = 15535;
        stake[Uid("validator1")] = 1000 * LocalnetLineup.Tao;
        stake[Uid("validator2")] = 300 * LocalnetLineup.Tao;
        var losses = new Dictionary<string, double?>
        {
            [miners[0].Name] = 3.1,
            [miners[1].Name] = 2.2,
            [miners[2].Name] = 1.4,
            ["noise"] = Math.Log(50257),
            ["constant"] = 6.0,
            ["copycat"] = 1.4,
            ["slow"] = 1.4,
            ["broken"] = null,
        };

        var summary = LocalnetSummary.Build(network, Metagraph(incentive, dividends, stake), losses, "ws://x", TimeSpan.FromMinutes(10));
        var checks = summary["checks"]!.AsObject();
        Assert.Equal(1.0, checks["spearman_incentive_vs_loss"]!.GetValue<double>(), 12);
        var total = incentive.Sum(x => (double)x);
        Assert.Equal(1000 / total, checks["test_miners"]!["copycat"]!["incentive_share"]!.GetValue<double>(), 12);
        Assert.True(checks["test_miners"]!["noise"]!["below_limit"]!.GetValue<bool>());
        Assert.Null(checks["test_miners"]!["copycat"]!["below_limit"]);
        Assert.True(checks["copycat"]!["copycat_not_above_copied"]!.GetValue<bool>());
        Assert.True(checks["dividends_follow_stake"]!.GetValue<bool>());
        var rows = summary["neurons"]!.AsArray();
        Assert.Equal(lineup.Count, rows.Count);
        Assert.Null(rows[Uid("broken")]!["held_out_loss"]);
        Assert.Equal("validator", rows[Uid("validator2")]!["role"]!.GetValue<string>());
        Assert.Contains(LocalnetSummary.Describe(summary), l => l.StartsWith("copycat: 1.5", StringComparison.Ordinal) && l.Contains("judged against the miner it copies", StringComparison.Ordinal));

        // A noise miner with 1 % or more of the incentive fails its check.
        incentive[Uid("noise")] = 1000;
        var noisy = LocalnetSummary.Build(network, Metagraph(incentive, dividends, stake), losses, "ws://x", TimeSpan.Zero);
        Assert.False(noisy["checks"]!["test_miners"]!["noise"]!["below_limit"]!.GetValue<bool>());
        Assert.Contains(LocalnetSummary.Describe(noisy), l => l.StartsWith("noise:", StringComparison.Ordinal) && l.Contains("NOT below 1%", StringComparison.Ordinal));
        incentive[Uid("noise")] = 100;

        // A reversed order of incentive gives −1, and equal dividends do not "follow" unequal stakes.
        (incentive[Uid(miners[0].Name)], incentive[Uid(miners[2].Name)]) = (incentive[Uid(miners[2].Name)], incentive[Uid(miners[0].Name)]);
        incentive[Uid(miners[1].Name)] = 21000;
        dividends[Uid("validator2")] = 50000;
        var worse = LocalnetSummary.Build(network, Metagraph(incentive, dividends, stake), losses, "ws://x", TimeSpan.Zero)["checks"]!.AsObject();
        Assert.Equal(-1.0, worse["spearman_incentive_vs_loss"]!.GetValue<double>(), 12);
        Assert.False(worse["dividends_follow_stake"]!.GetValue<bool>());

        // Before any incentive is paid the test miners' checks are undecided, not passed.
        var none = LocalnetSummary.Build(network, Metagraph(new ushort[lineup.Count], dividends, stake), losses, "ws://x", TimeSpan.Zero);
        Assert.False(none["incentive_paid"]!.GetValue<bool>());
        Assert.Null(none["checks"]!["test_miners"]!["noise"]!["below_limit"]);
        Assert.Null(none["checks"]!["spearman_incentive_vs_loss"]);
        Assert.Contains(LocalnetSummary.Describe(none), l => l.StartsWith("no miner has incentive yet", StringComparison.Ordinal));
    }

    private static AccountId Account(int seed)
    {
        var bytes = new byte[32];
        bytes[0] = (byte)seed;
        bytes[1] = 7;
        return new AccountId(bytes);
    }

    private static MetagraphInfo Metagraph(ushort[] incentive, ushort[] dividends, ulong[] stake)
    {
        var n = incentive.Length;
        var zeros16 = new ushort[n];
        var zeros64 = new ulong[n];
        return new MetagraphInfo(
            2, 100, [.. Enumerable.Range(0, n).Select(Account)], [.. Enumerable.Range(0, n).Select(i => Account(100 + i))], stake, new bool[n],
            zeros16, zeros16, zeros16, incentive, dividends, zeros64, zeros16, new bool[n], zeros16, zeros64, zeros64,
            [.. Enumerable.Range(0, n).Select(_ => new AxonInfo(0, 0, 0, 0, 0, 0, 0, 0))], null, null);
    }
}
