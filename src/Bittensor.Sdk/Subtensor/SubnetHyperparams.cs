using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>A subnet's hyperparameters (<c>subnetInfo_getSubnetHyperparams</c>, chain spec §8), named as <c>btcli subnets hyperparameters</c> shows them.</summary>
public sealed record SubnetHyperparams(
    ushort Rho,
    ushort Kappa,
    ushort ImmunityPeriod,
    ushort MinAllowedWeights,
    ushort MaxWeightsLimit,
    ushort Tempo,
    ulong MinDifficulty,
    ulong MaxDifficulty,
    ulong WeightsVersion,
    ulong WeightsRateLimit,
    ushort AdjustmentInterval,
    ushort ActivityCutoff,
    bool RegistrationAllowed,
    ushort TargetRegsPerInterval,
    ulong MinBurn,
    ulong MaxBurn,
    ulong BondsMovingAvg,
    ushort MaxRegsPerBlock,
    ulong ServingRateLimit,
    ushort MaxValidators,
    ulong AdjustmentAlpha,
    ulong Difficulty)
{
    internal static SubnetHyperparams Read(ref ScaleReader r) => new(
        InfoReader.CompactU16(ref r, "rho"),
        InfoReader.CompactU16(ref r, "kappa"),
        InfoReader.CompactU16(ref r, "immunity_period"),
        InfoReader.CompactU16(ref r, "min_allowed_weights"),
        InfoReader.CompactU16(ref r, "max_weights_limit"),
        InfoReader.CompactU16(ref r, "tempo"),
        r.ReadCompact("min_difficulty"),
        r.ReadCompact("max_difficulty"),
        r.ReadCompact("weights_version"),
        r.ReadCompact("weights_rate_limit"),
        InfoReader.CompactU16(ref r, "adjustment_interval"),
        InfoReader.CompactU16(ref r, "activity_cutoff"),
        r.ReadBool("registration_allowed"),
        InfoReader.CompactU16(ref r, "target_regs_per_interval"),
        r.ReadCompact("min_burn"),
        r.ReadCompact("max_burn"),
        r.ReadCompact("bonds_moving_avg"),
        InfoReader.CompactU16(ref r, "max_regs_per_block"),
        r.ReadCompact("serving_rate_limit"),
        InfoReader.CompactU16(ref r, "max_validators"),
        r.ReadCompact("adjustment_alpha"),
        r.ReadCompact("difficulty"));
}
