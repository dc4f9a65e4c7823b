using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>A neuron as <c>neuronInfo_getNeuronLite</c> reports it (chain spec §8): <see cref="NeuronInfo"/> without weights and bonds.</summary>
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
    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        NeuronInfo.EncodeHead(w, this);
        NeuronInfo.EncodeTail(w, this);
        w.WriteCompact(PruningScore);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static NeuronInfoLite Decode(ref ScaleReader r)
    {
        var lite = NeuronInfo.DecodeHeadAndTail(ref r);
        return lite with { PruningScore = InfoCodec.ReadCompactU16(ref r, "pruning_score") };
    }

}
