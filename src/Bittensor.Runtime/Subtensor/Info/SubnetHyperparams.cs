using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>A subnet's hyperparameters as <c>subnetInfo_getSubnetHyperparams</c> reports them (chain spec §8), in SCALE order; integers compact.</summary>
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
    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteCompact(Rho);
        w.WriteCompact(Kappa);
        w.WriteCompact(ImmunityPeriod);
        w.WriteCompact(MinAllowedWeights);
        w.WriteCompact(MaxWeightsLimit);
        w.WriteCompact(Tempo);
        w.WriteCompact(MinDifficulty);
        w.WriteCompact(MaxDifficulty);
        w.WriteCompact(WeightsVersion);
        w.WriteCompact(WeightsRateLimit);
        w.WriteCompact(AdjustmentInterval);
        w.WriteCompact(ActivityCutoff);
        w.WriteBool(RegistrationAllowed);
        w.WriteCompact(TargetRegsPerInterval);
        w.WriteCompact(MinBurn);
        w.WriteCompact(MaxBurn);
        w.WriteCompact(BondsMovingAvg);
        w.WriteCompact(MaxRegsPerBlock);
        w.WriteCompact(ServingRateLimit);
        w.WriteCompact(MaxValidators);
        w.WriteCompact(AdjustmentAlpha);
        w.WriteCompact(Difficulty);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static SubnetHyperparams Decode(ref ScaleReader r) => new(
        InfoCodec.ReadCompactU16(ref r, "rho"),
        InfoCodec.ReadCompactU16(ref r, "kappa"),
        InfoCodec.ReadCompactU16(ref r, "immunity_period"),
        InfoCodec.ReadCompactU16(ref r, "min_allowed_weights"),
        InfoCodec.ReadCompactU16(ref r, "max_weights_limit"),
        InfoCodec.ReadCompactU16(ref r, "tempo"),
        r.ReadCompact("min_difficulty"),
        r.ReadCompact("max_difficulty"),
        r.ReadCompact("weights_version"),
        r.ReadCompact("weights_rate_limit"),
        InfoCodec.ReadCompactU16(ref r, "adjustment_interval"),
        InfoCodec.ReadCompactU16(ref r, "activity_cutoff"),
        r.ReadBool("registration_allowed"),
        InfoCodec.ReadCompactU16(ref r, "target_regs_per_interval"),
        r.ReadCompact("min_burn"),
        r.ReadCompact("max_burn"),
        r.ReadCompact("bonds_moving_avg"),
        InfoCodec.ReadCompactU16(ref r, "max_regs_per_block"),
        r.ReadCompact("serving_rate_limit"),
        InfoCodec.ReadCompactU16(ref r, "max_validators"),
        r.ReadCompact("adjustment_alpha"),
        r.ReadCompact("difficulty"));
}
