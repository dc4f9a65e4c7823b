using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>
/// A neuron with its weights and bonds (<c>neuronInfo_getNeuron</c>, chain spec §8): everything
/// <see cref="NeuronInfoLite"/> has, plus the non-zero weights it set and the non-zero bonds it holds, as
/// (uid, u16 value) pairs.
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
    /// <summary>The hotkey's whole stake, rao: the sum over its coldkeys.</summary>
    public ulong TotalStake => Stake.Aggregate(0UL, (sum, s) => checked(sum + s.Stake));

    /// <summary>The same neuron without weights and bonds.</summary>
    public NeuronInfoLite ToLite() => new(
        Hotkey, Coldkey, Uid, Netuid, Active, AxonInfo, PrometheusInfo, Stake, Rank, Emission, Incentive, Consensus, Trust,
        ValidatorTrust, Dividends, LastUpdate, ValidatorPermit, PruningScore);

    internal static NeuronInfo Read(ref ScaleReader r)
    {
        var n = NeuronInfoLite.ReadWithoutPruning(ref r);
        var weights = InfoReader.Pairs(ref r, "weights");
        var bonds = InfoReader.Pairs(ref r, "bonds");
        var pruning = InfoReader.CompactU16(ref r, "pruning_score");
        return new NeuronInfo(
            n.Hotkey, n.Coldkey, n.Uid, n.Netuid, n.Active, n.AxonInfo, n.PrometheusInfo, n.Stake, n.Rank, n.Emission, n.Incentive,
            n.Consensus, n.Trust, n.ValidatorTrust, n.Dividends, n.LastUpdate, n.ValidatorPermit, weights, bonds, pruning);
    }
}
