using System.Globalization;
using Bittensor.Contracts.Calls;

namespace Bittensor.Cli.Commands.Sudo;

/// <summary>
/// The hyperparameters <c>btcli sudo set</c> can change, each mapped to its AdminUtils setter. The subnet owner's
/// (the neurons spec §6.2 list) are signed by the owner's coldkey; the root-only ones need the chain's sudo key and are
/// sent wrapped in <c>Sudo.sudo</c>. The chain-wide settings (rate limits, owner cut, takes, lock cost) take no netuid
/// and always need the sudo key.
/// </summary>
internal static class SudoParameters
{
    /// <summary>The §6.2 names this runtime has no setter for.</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "commit_reveal_weights_interval", "commit_reveal_weights_enabled", "alpha_values", "liquid_alpha_enabled",
    };

    /// <summary>Every settable name, with whether it needs the sudo key and how its call is made.</summary>
    public static readonly IReadOnlyDictionary<string, Parameter> All = new Dictionary<string, Parameter>(StringComparer.Ordinal)
    {
        ["serving_rate_limit"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetServingRateLimit(n, v)),
        ["min_difficulty"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetMinDifficulty(n, v)),
        ["max_difficulty"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetMaxDifficulty(n, v)),
        ["weights_version"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetWeightsVersionKey(n, v)),
        ["weights_rate_limit"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetWeightsSetRateLimit(n, v)),
        ["max_weight_limit"] = Owner(Kind.U16, (n, v) => new AdminCall.SudoSetMaxWeightLimit(n, (ushort)v)),
        ["immunity_period"] = Owner(Kind.U16, (n, v) => new AdminCall.SudoSetImmunityPeriod(n, (ushort)v)),
        ["min_allowed_weights"] = Owner(Kind.U16, (n, v) => new AdminCall.SudoSetMinAllowedWeights(n, (ushort)v)),
        ["activity_cutoff"] = Owner(Kind.U16, (n, v) => new AdminCall.SudoSetActivityCutoff(n, (ushort)v)),
        ["network_registration_allowed"] = Owner(Kind.Bool, (n, v) => new AdminCall.SudoSetNetworkRegistrationAllowed(n, v != 0)),
        ["network_pow_registration_allowed"] = Owner(Kind.Bool, (n, v) => new AdminCall.SudoSetNetworkPowRegistrationAllowed(n, v != 0)),
        ["min_burn"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetMinBurn(n, v)),
        ["max_burn"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetMaxBurn(n, v)),
        ["adjustment_alpha"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetAdjustmentAlpha(n, v)),
        ["rho"] = Owner(Kind.U16, (n, v) => new AdminCall.SudoSetRho(n, (ushort)v)),
        ["kappa"] = Owner(Kind.U16, (n, v) => new AdminCall.SudoSetKappa(n, (ushort)v)),
        ["difficulty"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetDifficulty(n, v)),
        ["bonds_moving_avg"] = Owner(Kind.U64, (n, v) => new AdminCall.SudoSetBondsMovingAverage(n, v)),
        ["tempo"] = Root(Kind.U16, (n, v) => new AdminCall.SudoSetTempo(n, (ushort)v)),
        ["adjustment_interval"] = Root(Kind.U16, (n, v) => new AdminCall.SudoSetAdjustmentInterval(n, (ushort)v)),
        ["max_allowed_uids"] = Root(Kind.U16, (n, v) => new AdminCall.SudoSetMaxAllowedUids(n, (ushort)v)),
        ["max_validators"] = Root(Kind.U16, (n, v) => new AdminCall.SudoSetMaxAllowedValidators(n, (ushort)v)),
        ["target_regs_per_interval"] = Root(Kind.U16, (n, v) => new AdminCall.SudoSetTargetRegistrationsPerInterval(n, (ushort)v)),
        ["max_regs_per_block"] = Root(Kind.U16, (n, v) => new AdminCall.SudoSetMaxRegistrationsPerBlock(n, (ushort)v)),
        ["network_rate_limit"] = Chain(Kind.U64, v => new AdminCall.SudoSetNetworkRateLimit(v)),
        ["tx_rate_limit"] = Chain(Kind.U64, v => new AdminCall.SudoSetTxRateLimit(v)),
        ["subnet_owner_cut"] = Chain(Kind.U16, v => new AdminCall.SudoSetSubnetOwnerCut((ushort)v)),
        ["default_take"] = Chain(Kind.U16, v => new AdminCall.SudoSetDefaultTake((ushort)v)),
        ["min_delegate_take"] = Chain(Kind.U16, v => new AdminCall.SudoSetMinDelegateTake((ushort)v)),
        ["tx_delegate_take_rate_limit"] = Chain(Kind.U64, v => new AdminCall.SudoSetTxDelegateTakeRateLimit(v)),
        ["weights_min_stake"] = Chain(Kind.U64, v => new AdminCall.SudoSetWeightsMinStake(v)),
        ["nominator_min_required_stake"] = Chain(Kind.U64, v => new AdminCall.SudoSetNominatorMinRequiredStake(v)),
        ["network_min_lock_cost"] = Chain(Kind.U64, v => new AdminCall.SudoSetNetworkMinLockCost(v)),
        ["network_immunity_period"] = Chain(Kind.U64, v => new AdminCall.SudoSetNetworkImmunityPeriod(v)),
        ["lock_reduction_interval"] = Chain(Kind.U64, v => new AdminCall.SudoSetLockReductionInterval(v)),
        ["subnet_limit"] = Chain(Kind.U16, v => new AdminCall.SudoSetSubnetLimit((ushort)v)),
    };

    /// <summary>The value's type on chain.</summary>
    public enum Kind
    {
        U16,
        U64,
        Bool,
    }

    /// <summary>Looks up <paramref name="name"/> (dashes count as underscores); unknown or unsupported names are a <see cref="CliUsageException"/>.</summary>
    public static Parameter Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliUsageException($"--param is required: one of {string.Join(", ", All.Keys)}.");
        }

        var key = name.Trim().Replace('-', '_').ToLowerInvariant();
        if (Unsupported.Contains(key))
        {
            throw new CliUsageException($"--param {name}: this chain's runtime has no setter for it (it has no commit-reveal weights or liquid alpha).");
        }

        return All.TryGetValue(key, out var p)
            ? p with { Name = key }
            : throw new CliUsageException($"--param {name} is not a hyperparameter that can be set: use one of {string.Join(", ", All.Keys)}.");
    }

    private static Parameter Owner(Kind kind, Func<ushort, ulong, AdminCall> make) => new(string.Empty, kind, false, make);

    private static Parameter Root(Kind kind, Func<ushort, ulong, AdminCall> make) => new(string.Empty, kind, true, make);

    private static Parameter Chain(Kind kind, Func<ulong, AdminCall> make) => new(string.Empty, kind, true, (_, v) => make(v)) { ChainWide = true };

    /// <summary>A settable hyperparameter.</summary>
    /// <param name="Name">Its name.</param>
    /// <param name="Type">Its type on chain.</param>
    /// <param name="NeedsSudo">True when only the chain's sudo key may set it (sent inside <c>Sudo.sudo</c>).</param>
    /// <param name="Make">The setter call for a netuid and a value (chain-wide parameters ignore the netuid).</param>
    internal sealed record Parameter(string Name, Kind Type, bool NeedsSudo, Func<ushort, ulong, AdminCall> Make)
    {
        /// <summary>True for a chain-wide setting (no <c>--netuid</c>; always the sudo key's).</summary>
        public bool ChainWide { get; init; }

        /// <summary>Parses <paramref name="text"/> as this parameter's value; bad input is a <see cref="CliUsageException"/>.</summary>
        public ulong Parse(string? text)
        {
            var t = text?.Trim() ?? string.Empty;
            if (t.Length == 0)
            {
                throw new CliUsageException($"--value is required for {Name}.");
            }

            switch (Type)
            {
                case Kind.Bool:
                    return t.ToLowerInvariant() switch
                    {
                        "true" or "1" or "yes" or "on" => 1,
                        "false" or "0" or "no" or "off" => 0,
                        _ => throw new CliUsageException($"--value {t}: {Name} is true or false."),
                    };
                case Kind.U16:
                    return ushort.TryParse(t.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var u16)
                        ? u16
                        : throw new CliUsageException($"--value {t}: {Name} is a whole number from 0 to 65535.");
                default:
                    return ulong.TryParse(t.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var u64)
                        ? u64
                        : throw new CliUsageException($"--value {t}: {Name} is a whole number from 0 to 18446744073709551615.");
            }
        }
    }
}
