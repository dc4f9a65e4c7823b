using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>Rank statistics for the summary.</summary>
public static class RankStatistics
{
    /// <summary>
    /// Spearman's rank correlation of <paramref name="x"/> and <paramref name="y"/>: the Pearson correlation of their
    /// ranks, tied values sharing their average rank. Null for fewer than two pairs or when either side is constant
    /// (the correlation is undefined).
    /// </summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"Spearman's correlation needs pairs: {x.Count} values against {y.Count}.", nameof(y));
        }

        if (x.Count < 2)
        {
            return null;
        }

        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxx == 0 || syy == 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>1-based ranks in ascending order, ties getting the average of the ranks they span.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]].Equals(values[order[start]]))
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }
}

/// <summary>
/// The end of a local network run: the final metagraph row of every neuron with its role and held-out loss, and the
/// checks of the issue: the Spearman correlation between the real n-gram miners' incentive and their negated held-out
/// loss (1 when the lowest loss earns the most), each test miner's share of the subnet's incentive, the copycat's
/// incentive against the miner it copies, and the validators' stakes against their dividends.
/// </summary>
public static class LocalnetSummary
{
    /// <summary>The share of incentive the noise, constant, slow and broken miners must stay below (the copycat is held to the miner it copies instead).</summary>
    public const double TestMinerShareLimit = 0.01;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Build(LocalnetNetwork network, MetagraphInfo metagraph, IReadOnlyDictionary<string, double?> losses, string endpoint, TimeSpan ran)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(metagraph);
        ArgumentNullException.ThrowIfNull(losses);
        var totalIncentive = network.Neurons.Sum(n => (double)metagraph.Incentive[n.Uid]);
        double Share(LocalnetNeuron n) => totalIncentive == 0 ? 0 : metagraph.Incentive[n.Uid] / totalIncentive;

        var rows = new JsonArray();
        foreach (var n in network.Neurons.OrderBy(n => n.Uid))
        {
            var u = n.Uid;
            rows.Add(new JsonObject
            {
                ["uid"] = u,
                ["name"] = n.Plan.Name,
                ["role"] = RoleName(n.Plan.Role),
                ["model"] = n.Plan.IsMiner ? n.Plan.Kind : null,
                ["hotkey"] = Ss58.Encode(n.Hotkey),
                ["coldkey"] = Ss58.Encode(n.Coldkey),
                ["stake_rao"] = metagraph.Stake[u],
                ["incentive"] = metagraph.Incentive[u] / 65535.0,
                ["incentive_share"] = Share(n),
                ["dividends"] = metagraph.Dividends[u] / 65535.0,
                ["emission_rao"] = metagraph.Emission[u],
                ["trust"] = metagraph.Trust[u] / 65535.0,
                ["consensus"] = metagraph.Consensus[u] / 65535.0,
                ["validator_trust"] = metagraph.ValidatorTrust[u] / 65535.0,
                ["validator_permit"] = metagraph.ValidatorPermit[u],
                ["held_out_loss"] = losses.TryGetValue(n.Plan.Name, out var loss) && loss is { } l ? l : null,
            });
        }

        var real = network.Neurons.Where(n => n.Plan.Role == NeuronRole.Miner && losses.GetValueOrDefault(n.Plan.Name) is not null).ToList();
        var spearman = RankStatistics.Spearman(
            [.. real.Select(n => (double)metagraph.Incentive[n.Uid])],
            [.. real.Select(n => -losses[n.Plan.Name]!.Value)]);

        var testMiners = new JsonObject();
        foreach (var n in network.Neurons.Where(n => n.Plan.Role == NeuronRole.TestMiner))
        {
            testMiners[n.Plan.Name] = new JsonObject
            {
                ["uid"] = n.Uid,
                ["incentive_share"] = Share(n),
                ["below_limit"] = totalIncentive == 0 || n.Plan.Kind == "copycat" ? null : Share(n) < TestMinerShareLimit,
            };
        }

        JsonObject? copycat = null;
        if (network.Neurons.FirstOrDefault(n => n.Plan.Kind == "copycat") is { } cat && network.Neurons.FirstOrDefault(n => n.Plan.Name == cat.Plan.CopyOf) is { } source)
        {
            copycat = new JsonObject
            {
                ["copycat_uid"] = cat.Uid,
                ["copied"] = source.Plan.Name,
                ["copied_uid"] = source.Uid,
                ["copycat_incentive"] = metagraph.Incentive[cat.Uid] / 65535.0,
                ["copied_incentive"] = metagraph.Incentive[source.Uid] / 65535.0,
                ["copycat_not_above_copied"] = metagraph.Incentive[cat.Uid] <= metagraph.Incentive[source.Uid],
            };
        }

        var validators = network.Neurons.Where(n => n.Plan.Role == NeuronRole.Validator).ToList();
        var validatorRows = new JsonArray();
        foreach (var v in validators)
        {
            validatorRows.Add(new JsonObject
            {
                ["uid"] = v.Uid,
                ["name"] = v.Plan.Name,
                ["staked_rao"] = v.Plan.StakeRao,
                ["stake_rao"] = metagraph.Stake[v.Uid],
                ["dividends"] = metagraph.Dividends[v.Uid] / 65535.0,
            });
        }

        var byStake = validators.OrderByDescending(v => v.Plan.StakeRao).Select(v => metagraph.Dividends[v.Uid]).ToList();
        var dividendsFollowStake = validators.Count > 0 && byStake.Zip(byStake.Skip(1)).All(p => p.First > p.Second) && byStake[^1] > 0;

        return new JsonObject
        {
            ["netuid"] = network.Netuid,
            ["block"] = metagraph.Block,
            ["endpoint"] = endpoint,
            ["seconds"] = Math.Round(ran.TotalSeconds, 1),
            ["incentive_paid"] = totalIncentive > 0,
            ["held_out_sample_tokens"] = LocalnetModels.HeldOutSampleTokens,
            ["neurons"] = rows,
            ["checks"] = new JsonObject
            {
                ["spearman_incentive_vs_loss"] = spearman,
                ["ngram_miners"] = real.Count,
                ["test_miners"] = testMiners,
                ["copycat"] = copycat,
                ["validators"] = validatorRows,
                ["dividends_follow_stake"] = dividendsFollowStake,
            },
        };
    }

    public static void Write(string path, JsonObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, summary.ToJsonString(Indented) + "\n");
    }

    /// <summary>The checks in one line each, for the end of the run.</summary>
    public static IEnumerable<string> Describe(JsonObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var checks = summary["checks"]!.AsObject();
        if (summary["incentive_paid"]?.GetValue<bool>() != true)
        {
            yield return "no miner has incentive yet: no validator's weights have counted in an epoch, so the checks below say nothing";
        }

        var rho = checks["spearman_incentive_vs_loss"]?.GetValue<double>();
        yield return rho is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"spearman(incentive, -held-out loss) over {checks["ngram_miners"]} n-gram miners: {r:0.000}")
            : "spearman(incentive, -held-out loss): undefined (fewer than two n-gram miners, or equal incentives)";
        foreach (var (name, node) in checks["test_miners"]!.AsObject())
        {
            var share = node!["incentive_share"]!.GetValue<double>();
            var verdict = node["below_limit"]?.GetValue<bool>() switch
            {
                true => "below 1%",
                false => "NOT below 1%",
                null => name == "copycat" ? "judged against the miner it copies" : "no incentive paid yet",
            };
            yield return string.Create(CultureInfo.InvariantCulture, $"{name}: {share:P2} of incentive ({verdict})");
        }

        if (checks["copycat"] is JsonObject cat)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"copycat {cat["copycat_incentive"]!.GetValue<double>():0.0000} vs {cat["copied"]} {cat["copied_incentive"]!.GetValue<double>():0.0000} ({(cat["copycat_not_above_copied"]!.GetValue<bool>() ? "not above" : "ABOVE")})");
        }

        yield return $"validators' dividends follow their stake: {(checks["dividends_follow_stake"]!.GetValue<bool>() ? "yes" : "no")}";
    }

    public static string RoleName(NeuronRole role) => role switch
    {
        NeuronRole.Miner => "miner",
        NeuronRole.TestMiner => "test miner",
        _ => "validator",
    };
}
