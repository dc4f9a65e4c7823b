using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>
/// A neuron as <c>neuronInfo_getNeuron</c> reports it (chain spec §8), fields in SCALE order: hotkey, coldkey, uid,
/// netuid, active, axon, prometheus, stake, rank, emission, incentive, consensus, trust, validator trust, dividends,
/// last update, validator permit, weights, bonds, pruning score. Integers other than the records' own are compact.
/// </summary>
public sealed record NeuronInfo(
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
    IReadOnlyList<(ushort Uid, ushort Value)> Weights,
    IReadOnlyList<(ushort Uid, ushort Value)> Bonds,
    ushort PruningScore)
{
    /// <summary>The same neuron without weights and bonds.</summary>
    public NeuronInfoLite ToLite() => new(
        Hotkey, Coldkey, Uid, Netuid, Active, AxonInfo, PrometheusInfo, Stake, Rank, Emission, Incentive, Consensus, Trust,
        ValidatorTrust, Dividends, LastUpdate, ValidatorPermit, PruningScore);

    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var lite = ToLite();
        EncodeHead(w, lite);
        EncodeTail(w, lite);
        InfoCodec.WritePairs(w, Weights);
        InfoCodec.WritePairs(w, Bonds);
        w.WriteCompact(PruningScore);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static NeuronInfo Decode(ref ScaleReader r)
    {
        var lite = DecodeHeadAndTail(ref r);
        var weights = InfoCodec.ReadPairs(ref r, "weights");
        var bonds = InfoCodec.ReadPairs(ref r, "bonds");
        var pruning = InfoCodec.ReadCompactU16(ref r, "pruning_score");
        return new NeuronInfo(
            lite.Hotkey, lite.Coldkey, lite.Uid, lite.Netuid, lite.Active, lite.AxonInfo, lite.PrometheusInfo, lite.Stake,
            lite.Rank, lite.Emission, lite.Incentive, lite.Consensus, lite.Trust, lite.ValidatorTrust, lite.Dividends,
            lite.LastUpdate, lite.ValidatorPermit, weights, bonds, pruning);
    }

    /// <summary>Hotkey through stake.</summary>
    internal static void EncodeHead(ScaleWriter w, NeuronInfoLite n)
    {
        n.Hotkey.Write(w);
        n.Coldkey.Write(w);
        w.WriteCompact(n.Uid);
        w.WriteCompact(n.Netuid);
        w.WriteBool(n.Active);
        AxonInfo.Codec.Encode(w, n.AxonInfo);
        PrometheusInfo.Codec.Encode(w, n.PrometheusInfo);
        InfoCodec.WriteStake(w, n.Stake);
    }

    /// <summary>Rank through validator permit.</summary>
    internal static void EncodeTail(ScaleWriter w, NeuronInfoLite n)
    {
        w.WriteCompact(n.Rank);
        w.WriteCompact(n.Emission);
        w.WriteCompact(n.Incentive);
        w.WriteCompact(n.Consensus);
        w.WriteCompact(n.Trust);
        w.WriteCompact(n.ValidatorTrust);
        w.WriteCompact(n.Dividends);
        w.WriteCompact(n.LastUpdate);
        w.WriteBool(n.ValidatorPermit);
    }

    /// <summary>Reads hotkey through validator permit (pruning score left 0).</summary>
    internal static NeuronInfoLite DecodeHeadAndTail(ref ScaleReader r)
    {
        var hotkey = AccountId.Read(ref r);
        var coldkey = AccountId.Read(ref r);
        var uid = InfoCodec.ReadCompactU16(ref r, "uid");
        var netuid = InfoCodec.ReadCompactU16(ref r, "netuid");
        var active = r.ReadBool("active");
        var axon = AxonInfo.Codec.Decode(ref r);
        var prometheus = PrometheusInfo.Codec.Decode(ref r);
        var stake = InfoCodec.ReadStake(ref r, "stake");
        var rank = InfoCodec.ReadCompactU16(ref r, "rank");
        var emission = r.ReadCompact("emission");
        var incentive = InfoCodec.ReadCompactU16(ref r, "incentive");
        var consensus = InfoCodec.ReadCompactU16(ref r, "consensus");
        var trust = InfoCodec.ReadCompactU16(ref r, "trust");
        var validatorTrust = InfoCodec.ReadCompactU16(ref r, "validator_trust");
        var dividends = InfoCodec.ReadCompactU16(ref r, "dividends");
        var lastUpdate = r.ReadCompact("last_update");
        var permit = r.ReadBool("validator_permit");
        return new NeuronInfoLite(
            hotkey, coldkey, uid, netuid, active, axon, prometheus, stake, rank, emission, incentive, consensus, trust,
            validatorTrust, dividends, lastUpdate, permit, 0);
    }
}
