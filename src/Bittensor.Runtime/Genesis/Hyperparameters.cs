using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Genesis;

/// <summary>The subnet hyperparameters a chain spec may set, by their btcli names (chain spec §2.4).</summary>
public static class Hyperparameters
{
    private static readonly SortedDictionary<string, Action<SubtensorStorage, ushort, ulong>> Setters = new(StringComparer.Ordinal)
    {
        ["activity_cutoff"] = (s, n, v) => s.ActivityCutoff.Set(n, U16(v, "activity_cutoff")),
        ["adjustment_alpha"] = (s, n, v) => s.AdjustmentAlpha.Set(n, v),
        ["adjustment_interval"] = (s, n, v) => s.AdjustmentInterval.Set(n, NonZeroU16(v, "adjustment_interval")),
        ["bonds_moving_avg"] = (s, n, v) => s.BondsMovingAverage.Set(n, v <= 1_000_000 ? v : throw Range("bonds_moving_avg", v, "0 ..= 1000000")),
        ["burn"] = (s, n, v) => s.Burn.Set(n, v),
        ["difficulty"] = (s, n, v) => s.Difficulty.Set(n, v),
        ["immunity_period"] = (s, n, v) => s.ImmunityPeriod.Set(n, U16(v, "immunity_period")),
        ["kappa"] = (s, n, v) => s.Kappa.Set(n, U16(v, "kappa")),
        ["max_allowed_uids"] = (s, n, v) => s.MaxAllowedUids.Set(n, NonZeroU16(v, "max_allowed_uids")),
        ["max_allowed_validators"] = (s, n, v) => s.MaxAllowedValidators.Set(n, U16(v, "max_allowed_validators")),
        ["max_burn"] = (s, n, v) => s.MaxBurn.Set(n, v),
        ["max_difficulty"] = (s, n, v) => s.MaxDifficulty.Set(n, v),
        ["max_regs_per_block"] = (s, n, v) => s.MaxRegistrationsPerBlock.Set(n, U16(v, "max_regs_per_block")),
        ["max_weights_limit"] = (s, n, v) => s.MaxWeightsLimit.Set(n, U16(v, "max_weights_limit")),
        ["min_allowed_weights"] = (s, n, v) => s.MinAllowedWeights.Set(n, U16(v, "min_allowed_weights")),
        ["min_burn"] = (s, n, v) => s.MinBurn.Set(n, v),
        ["min_difficulty"] = (s, n, v) => s.MinDifficulty.Set(n, v),
        ["network_pow_registration_allowed"] = (s, n, v) => s.NetworkPowRegistrationAllowed.Set(n, Bool(v, "network_pow_registration_allowed")),
        ["network_registration_allowed"] = (s, n, v) => s.NetworkRegistrationAllowed.Set(n, Bool(v, "network_registration_allowed")),
        ["rho"] = (s, n, v) => s.Rho.Set(n, U16(v, "rho")),
        ["serving_rate_limit"] = (s, n, v) => s.ServingRateLimit.Set(n, v),
        ["target_regs_per_interval"] = (s, n, v) => s.TargetRegistrationsPerInterval.Set(n, v is >= 1 and <= 21_845 ? (ushort)v : throw Range("target_regs_per_interval", v, "1 ..= 21845")),
        ["tempo"] = (s, n, v) => s.Tempo.Set(n, U16(v, "tempo")),
        ["weights_rate_limit"] = (s, n, v) => s.WeightsSetRateLimit.Set(n, v),
        ["weights_version"] = (s, n, v) => s.WeightsVersionKey.Set(n, v),
    };

    /// <summary>Every name a chain spec may use, sorted.</summary>
    public static IReadOnlyCollection<string> Names => Setters.Keys;

    public static void Set(SubtensorStorage storage, ushort netuid, string name, ulong value)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!Setters.TryGetValue(name, out var set))
        {
            throw new ChainSpecException($"genesis.subnets[{netuid}]: unknown hyperparameter '{name}'. Known: {string.Join(", ", Setters.Keys)}.");
        }

        set(storage, netuid, value);
    }

    private static ChainSpecException Range(string name, ulong v, string range) =>
        new($"hyperparameter {name} = {GenesisBuilder.Invariant(v)} is out of range ({range}).");

    private static ushort U16(ulong v, string name) => v <= ushort.MaxValue ? (ushort)v : throw Range(name, v, "0 ..= 65535");

    private static ushort NonZeroU16(ulong v, string name) => v is >= 1 and <= ushort.MaxValue ? (ushort)v : throw Range(name, v, "1 ..= 65535");

    private static bool Bool(ulong v, string name) => v <= 1 ? v == 1 : throw Range(name, v, "0 or 1");
}
