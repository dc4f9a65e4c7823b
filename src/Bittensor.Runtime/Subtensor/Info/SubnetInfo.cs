using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>
/// A subnet as <c>subnetInfo_getSubnetInfo</c> reports it (chain spec §8), fields in SCALE order. Every integer is
/// compact; <c>network_connect</c> is always empty; the owner is the zero account for subnets without one.
/// </summary>
public sealed record SubnetInfo(
    ushort Netuid,
    ushort Rho,
    ushort Kappa,
    ulong Difficulty,
    ushort ImmunityPeriod,
    ushort MaxAllowedValidators,
    ushort MinAllowedWeights,
    ushort MaxWeightsLimit,
    ushort ScalingLawPower,
    ushort SubnetworkN,
    ushort MaxAllowedUids,
    ulong BlocksSinceLastStep,
    ushort Tempo,
    ushort NetworkModality,
    ulong EmissionValues,
    ulong Burn,
    AccountId Owner)
{
    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteCompact(Netuid);
        w.WriteCompact(Rho);
        w.WriteCompact(Kappa);
        w.WriteCompact(Difficulty);
        w.WriteCompact(ImmunityPeriod);
        w.WriteCompact(MaxAllowedValidators);
        w.WriteCompact(MinAllowedWeights);
        w.WriteCompact(MaxWeightsLimit);
        w.WriteCompact(ScalingLawPower);
        w.WriteCompact(SubnetworkN);
        w.WriteCompact(MaxAllowedUids);
        w.WriteCompact(BlocksSinceLastStep);
        w.WriteCompact(Tempo);
        w.WriteCompact(NetworkModality);
        w.WriteCompact(0UL); // network_connect: an empty Vec<[u16; 2]>
        w.WriteCompact(EmissionValues);
        w.WriteCompact(Burn);
        Owner.Write(w);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static SubnetInfo Decode(ref ScaleReader r)
    {
        var netuid = InfoCodec.ReadCompactU16(ref r, "netuid");
        var rho = InfoCodec.ReadCompactU16(ref r, "rho");
        var kappa = InfoCodec.ReadCompactU16(ref r, "kappa");
        var difficulty = r.ReadCompact("difficulty");
        var immunity = InfoCodec.ReadCompactU16(ref r, "immunity_period");
        var maxValidators = InfoCodec.ReadCompactU16(ref r, "max_allowed_validators");
        var minWeights = InfoCodec.ReadCompactU16(ref r, "min_allowed_weights");
        var maxWeights = InfoCodec.ReadCompactU16(ref r, "max_weights_limit");
        var scaling = InfoCodec.ReadCompactU16(ref r, "scaling_law_power");
        var n = InfoCodec.ReadCompactU16(ref r, "subnetwork_n");
        var maxUids = InfoCodec.ReadCompactU16(ref r, "max_allowed_uids");
        var sinceStep = r.ReadCompact("blocks_since_last_step");
        var tempo = InfoCodec.ReadCompactU16(ref r, "tempo");
        var modality = InfoCodec.ReadCompactU16(ref r, "network_modality");
        var connect = r.ReadLength(4, "network_connect");
        for (var i = 0; i < connect; i++)
        {
            r.ReadU16("network_connect");
            r.ReadU16("network_connect");
        }

        var emission = r.ReadCompact("emission_values");
        var burn = r.ReadCompact("burn");
        var owner = AccountId.Read(ref r);
        return new SubnetInfo(
            netuid, rho, kappa, difficulty, immunity, maxValidators, minWeights, maxWeights, scaling, n, maxUids, sinceStep,
            tempo, modality, emission, burn, owner);
    }
}
