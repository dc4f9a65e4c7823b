using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Cli.Commands.Subnets;

/// <summary>A subnet's hyperparameters as <c>btcli subnets hyperparameters</c> and <c>btcli sudo get</c> print them.</summary>
internal static class HyperparametersView
{
    /// <summary>Name and value of each hyperparameter, in the order of the neurons spec §6.2 notes.</summary>
    public static IReadOnlyList<(string Name, JsonNode Value, string Note)> Rows(SubnetHyperparams h) =>
    [
        ("rho", h.Rho, ""),
        ("kappa", h.Kappa, ChainContext.Fraction(h.Kappa)),
        ("immunity_period", h.ImmunityPeriod, ""),
        ("min_allowed_weights", h.MinAllowedWeights, ""),
        ("max_weight_limit", h.MaxWeightsLimit, ChainContext.Fraction(h.MaxWeightsLimit)),
        ("tempo", h.Tempo, ""),
        ("min_difficulty", h.MinDifficulty, ""),
        ("max_difficulty", h.MaxDifficulty, ""),
        ("weights_version", h.WeightsVersion, ""),
        ("weights_rate_limit", h.WeightsRateLimit, ""),
        ("adjustment_interval", h.AdjustmentInterval, ""),
        ("activity_cutoff", h.ActivityCutoff, ""),
        ("registration_allowed", h.RegistrationAllowed, ""),
        ("target_regs_per_interval", h.TargetRegsPerInterval, ""),
        ("min_burn", h.MinBurn, Tao.Format(h.MinBurn)),
        ("max_burn", h.MaxBurn, Tao.Format(h.MaxBurn)),
        ("bonds_moving_avg", h.BondsMovingAvg, string.Create(CultureInfo.InvariantCulture, $"{h.BondsMovingAvg / 1_000_000m:0.000000} of the old bonds kept")),
        ("max_regs_per_block", h.MaxRegsPerBlock, ""),
        ("serving_rate_limit", h.ServingRateLimit, ""),
        ("max_validators", h.MaxValidators, ""),
        ("adjustment_alpha", h.AdjustmentAlpha, string.Create(CultureInfo.InvariantCulture, $"{h.AdjustmentAlpha / 18446744073709551615m:0.0000} of the old value kept")),
        ("difficulty", h.Difficulty, ""),
    ];

    /// <summary>Prints the hyperparameters of <paramref name="netuid"/>: a table, or with <c>--json</c> an object.</summary>
    public static void Write(ChainContext context, ushort netuid, SubnetHyperparams h)
    {
        var rows = Rows(h);
        if (context.Json)
        {
            var json = new JsonObject { ["netuid"] = netuid };
            foreach (var (name, value, _) in rows)
            {
                json[name] = value;
            }

            context.WriteJson(json);
            return;
        }

        context.WriteTable(
            ["HYPERPARAMETER", "VALUE", "NOTE"],
            rows.Select(r => (IReadOnlyList<string>)[r.Name, Text(r.Value), r.Note]),
            title: $"Subnet {netuid} hyperparameters");
    }

    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };
}
