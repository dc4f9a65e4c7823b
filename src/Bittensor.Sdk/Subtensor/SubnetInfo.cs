using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>
/// A subnet (<c>subnetInfo_getSubnetInfo</c>, chain spec §8): its consensus parameters, size, tempo, emission (rao per
/// block), registration burn (rao) and owner (the zero account when it has none).
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
    IReadOnlyList<(ushort, ushort)> NetworkConnect,
    ulong EmissionValues,
    ulong Burn,
    AccountId Owner)
{
    internal static SubnetInfo Read(ref ScaleReader r)
    {
        var netuid = InfoReader.CompactU16(ref r, "netuid");
        var rho = InfoReader.CompactU16(ref r, "rho");
        var kappa = InfoReader.CompactU16(ref r, "kappa");
        var difficulty = r.ReadCompact("difficulty");
        var immunity = InfoReader.CompactU16(ref r, "immunity_period");
        var maxValidators = InfoReader.CompactU16(ref r, "max_allowed_validators");
        var minWeights = InfoReader.CompactU16(ref r, "min_allowed_weights");
        var maxWeights = InfoReader.CompactU16(ref r, "max_weights_limit");
        var scaling = InfoReader.CompactU16(ref r, "scaling_law_power");
        var n = InfoReader.CompactU16(ref r, "subnetwork_n");
        var maxUids = InfoReader.CompactU16(ref r, "max_allowed_uids");
        var sinceStep = r.ReadCompact("blocks_since_last_step");
        var tempo = InfoReader.CompactU16(ref r, "tempo");
        var modality = InfoReader.CompactU16(ref r, "network_modality");
        var connect = InfoReader.Vector(ref r, 4, "network_connect", (ref ScaleReader x) => (x.ReadU16("network_connect"), x.ReadU16("network_connect")));
        var emission = r.ReadCompact("emission_values");
        var burn = r.ReadCompact("burn");
        var owner = AccountId.Read(ref r);
        return new SubnetInfo(
            netuid, rho, kappa, difficulty, immunity, maxValidators, minWeights, maxWeights, scaling, n, maxUids, sinceStep, tempo,
            modality, connect, emission, burn, owner);
    }
}
