using System.Globalization;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>What a neuron of the local network does.</summary>
public enum NeuronRole
{
    /// <summary>A miner serving a real n-gram model.</summary>
    Miner,

    /// <summary>A miner that exists to be found out: noise, constant, copycat, slow, broken.</summary>
    TestMiner,

    /// <summary>A validator with stake.</summary>
    Validator,
}

/// <summary>
/// One neuron of the local network: its wallet name (also its log's name), its role, and for miners the model it
/// serves. <see cref="Order"/> and <see cref="TrainFraction"/> describe a real n-gram miner's model (trained into the
/// models folder); <see cref="CopyOf"/> names the neuron a copycat forwards to and a slow miner wraps;
/// <see cref="StakeRao"/> is what a validator stakes.
/// </summary>
public sealed record NeuronPlan(string Name, NeuronRole Role, string Kind, int Order = 0, double TrainFraction = 0, string? CopyOf = null, ulong StakeRao = 0)
{
    /// <summary>True for the miners, real and test.</summary>
    public bool IsMiner => Role != NeuronRole.Validator;

    /// <summary>The model file of a real n-gram miner, relative to the models folder.</summary>
    public string? ModelFile => Role == NeuronRole.Miner
        ? string.Create(CultureInfo.InvariantCulture, $"ngram-order{Order}-train{Math.Round(TrainFraction * 100):0}pct.bin")
        : null;
}

/// <summary>
/// The default line-up of <c>btcli localnet</c>: real n-gram miners from weak to strong (higher orders trained on more
/// of the train split), the five test miners (noise, constant, copycat of the strongest, slow wrapping the strongest,
/// broken), and validators whose stakes differ clearly (1000, 300, 100, 30 TAO).
/// </summary>
public static class LocalnetLineup
{
    public const int MaxMiners = 8;
    public const int MaxValidators = 4;
    public const ulong Tao = 1_000_000_000;

    /// <summary>The validators' stakes in TAO, first validator first.</summary>
    public static IReadOnlyList<ulong> ValidatorStakesTao { get; } = [1000, 300, 100, 30];

    /// <summary>
    /// The line-up for <paramref name="miners"/> real miners and <paramref name="validators"/> validators. Miner i of n
    /// (0 the weakest) has order 2 + round(3 i / (n − 1)) and trains on 10 % + 90 % · i / (n − 1) of the train split.
    /// </summary>
    public static IReadOnlyList<NeuronPlan> Create(int miners, int validators, bool testMiners = true)
    {
        if (miners is < 1 or > MaxMiners)
        {
            throw new CliUsageException($"--miners {miners}: give 1 to {MaxMiners} n-gram miners (the test miners come on top unless --no-test-miners).");
        }

        if (validators is < 1 or > MaxValidators)
        {
            throw new CliUsageException($"--validators {validators}: give 1 to {MaxValidators} validators.");
        }

        var list = new List<NeuronPlan>();
        for (var i = 0; i < miners; i++)
        {
            var t = miners == 1 ? 1.0 : i / (double)(miners - 1);
            var order = 2 + (int)Math.Round(3 * t, MidpointRounding.AwayFromZero);
            var fraction = Math.Round(0.1 + (0.9 * t), 2);
            var name = string.Create(CultureInfo.InvariantCulture, $"ngram{order}-{Math.Round(fraction * 100):0}pct");
            list.Add(new NeuronPlan(name, NeuronRole.Miner, "ngram", order, fraction));
        }

        if (testMiners)
        {
            var best = list[^1].Name;
            list.Add(new NeuronPlan("noise", NeuronRole.TestMiner, "noise"));
            list.Add(new NeuronPlan("constant", NeuronRole.TestMiner, "constant"));
            list.Add(new NeuronPlan("copycat", NeuronRole.TestMiner, "copycat", CopyOf: best));
            list.Add(new NeuronPlan("slow", NeuronRole.TestMiner, "slow", CopyOf: best));
            list.Add(new NeuronPlan("broken", NeuronRole.TestMiner, "broken"));
        }

        for (var i = 0; i < validators; i++)
        {
            list.Add(new NeuronPlan(string.Create(CultureInfo.InvariantCulture, $"validator{i + 1}"), NeuronRole.Validator, "validator", StakeRao: ValidatorStakesTao[i] * Tao));
        }

        return list;
    }

    /// <summary>
    /// The <c>--model</c> SPEC of a miner for <c>btcli miner run</c>, given where the models are and the uids the
    /// neurons got: a model file, <c>noise</c>, <c>constant</c>, <c>copycat:UID</c>, <c>slow:FILE</c> or <c>broken</c>.
    /// </summary>
    public static string ModelSpec(NeuronPlan plan, IReadOnlyList<NeuronPlan> lineup, string modelsDirectory, IReadOnlyDictionary<string, ushort> uids)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(lineup);
        ArgumentNullException.ThrowIfNull(uids);
        NeuronPlan Source() => lineup.Single(p => p.Name == plan.CopyOf);
        return plan.Kind switch
        {
            "ngram" => "ngram:" + Path.Combine(modelsDirectory, plan.ModelFile!),
            "copycat" => string.Create(CultureInfo.InvariantCulture, $"copycat:{uids[plan.CopyOf!]}"),
            "slow" => "slow:ngram:" + Path.Combine(modelsDirectory, Source().ModelFile!),
            "noise" or "constant" or "broken" => plan.Kind,
            _ => throw new ArgumentException($"{plan.Name} is not a miner.", nameof(plan)),
        };
    }
}
