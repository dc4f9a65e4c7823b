using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>
/// A neuron without its weights and bonds (<c>neuronInfo_getNeuronLite</c>, chain spec §8). Scores are the chain's u16
/// fractions (divide by 65,535), emission is rao per tempo, stake is rao per nominating coldkey.
/// </summary>
public sealed record NeuronInfoLite(
    AccountId Hotkey,
    AccountId Coldkey,
    ushort Uid,
    ushort Netuid,
    bool Active,
    AxonInfo AxonInfo,
    PrometheusInfo PrometheusInfo,
    IReadOnlyList<(AccountId Coldkey, ulong Stake)> Stake,
    ushort Rank,
    ulong Emission,
    ushort Incentive,
    ushort Consensus,
    ushort Trust,
    ushort ValidatorTrust,
    ushort Dividends,
    ulong LastUpdate,
    bool ValidatorPermit,
    ushort PruningScore)
{
    /// <summary>The hotkey's whole stake, rao: the sum over its coldkeys.</summary>
    public ulong TotalStake => Stake.Aggregate(0UL, (sum, s) => checked(sum + s.Stake));

    internal static NeuronInfoLite Read(ref ScaleReader r)
    {
        var head = ReadWithoutPruning(ref r);
        return head with { PruningScore = InfoReader.CompactU16(ref r, "pruning_score") };
    }

    /// <summary>Hotkey through validator permit (the part <see cref="NeuronInfo"/> shares); pruning score 0.</summary>
    internal static NeuronInfoLite ReadWithoutPruning(ref ScaleReader r)
    {
        var hotkey = AccountId.Read(ref r);
        var coldkey = AccountId.Read(ref r);
        var uid = InfoReader.CompactU16(ref r, "uid");
        var netuid = InfoReader.CompactU16(ref r, "netuid");
        var active = r.ReadBool("active");
        var axon = AxonInfo.Read(ref r);
        var prometheus = PrometheusInfo.Read(ref r);
        var stake = InfoReader.Stakes(ref r, "stake");
        var rank = InfoReader.CompactU16(ref r, "rank");
        var emission = r.ReadCompact("emission");
        var incentive = InfoReader.CompactU16(ref r, "incentive");
        var consensus = InfoReader.CompactU16(ref r, "consensus");
        var trust = InfoReader.CompactU16(ref r, "trust");
        var validatorTrust = InfoReader.CompactU16(ref r, "validator_trust");
        var dividends = InfoReader.CompactU16(ref r, "dividends");
        var lastUpdate = r.ReadCompact("last_update");
        var permit = r.ReadBool("validator_permit");
        return new NeuronInfoLite(
            hotkey, coldkey, uid, netuid, active, axon, prometheus, stake, rank, emission, incentive, consensus, trust, validatorTrust,
            dividends, lastUpdate, permit, 0);
    }
}
