using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>
/// A whole subnet at one block in one answer (<c>subnetInfo_getMetagraph</c>): per uid 0..n−1, column by column, the
/// metagraph's fields (neurons spec §3) in the chain's integers — hotkeys, coldkeys, total stake (rao), activity,
/// rank, trust, consensus, incentive, dividends, validator trust and pruning score (u16 fractions: divide by
/// 65,535), emission (rao per tempo), validator permits, last update and registration blocks, axons — and, when asked
/// for, each uid's weight and bond rows as (uid, u16 value) pairs (on the root network, netuid 0, a weight row's
/// "uids" are netuids).
/// </summary>
public sealed record MetagraphInfo(
    ushort Netuid,
    ulong Block,
    IReadOnlyList<AccountId> Hotkeys,
    IReadOnlyList<AccountId> Coldkeys,
    IReadOnlyList<ulong> Stake,
    IReadOnlyList<bool> Active,
    IReadOnlyList<ushort> Rank,
    IReadOnlyList<ushort> Trust,
    IReadOnlyList<ushort> Consensus,
    IReadOnlyList<ushort> Incentive,
    IReadOnlyList<ushort> Dividends,
    IReadOnlyList<ulong> Emission,
    IReadOnlyList<ushort> ValidatorTrust,
    IReadOnlyList<bool> ValidatorPermit,
    IReadOnlyList<ushort> PruningScore,
    IReadOnlyList<ulong> LastUpdate,
    IReadOnlyList<ulong> BlockAtRegistration,
    IReadOnlyList<AxonInfo> Axons,
    IReadOnlyList<IReadOnlyList<(ushort Uid, ushort Value)>>? Weights,
    IReadOnlyList<IReadOnlyList<(ushort Uid, ushort Value)>>? Bonds)
{
    /// <summary>The number of neurons.</summary>
    public int N => Hotkeys.Count;

    /// <summary>The uids, 0..n−1.</summary>
    public IReadOnlyList<ushort> Uids => [.. Enumerable.Range(0, N).Select(i => (ushort)i)];

    /// <summary>The uid of <paramref name="hotkey"/>, or null when it holds none on this subnet.</summary>
    public ushort? UidOf(AccountId hotkey)
    {
        for (var i = 0; i < Hotkeys.Count; i++)
        {
            if (Hotkeys[i] == hotkey)
            {
                return (ushort)i;
            }
        }

        return null;
    }

    internal static MetagraphInfo Read(ref ScaleReader r)
    {
        var netuid = r.ReadU16("netuid");
        var block = r.ReadU64("block");
        var count = r.ReadCompact("n");
        if (count > ushort.MaxValue + 1UL || count > (ulong)(r.Remaining / (2 * AccountId.Size)))
        {
            throw new ScaleFormatException($"metagraph: {count} uids cannot fit in the {r.Remaining} bytes left.");
        }

        var n = (int)count;
        var hotkeys = Column(ref r, n, (ref ScaleReader x) => AccountId.Read(ref x));
        var coldkeys = Column(ref r, n, (ref ScaleReader x) => AccountId.Read(ref x));
        var stake = Column(ref r, n, (ref ScaleReader x) => x.ReadCompact("stake"));
        var active = Column(ref r, n, (ref ScaleReader x) => x.ReadBool("active"));
        var rank = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "rank"));
        var trust = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "trust"));
        var consensus = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "consensus"));
        var incentive = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "incentive"));
        var dividends = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "dividends"));
        var emission = Column(ref r, n, (ref ScaleReader x) => x.ReadCompact("emission"));
        var validatorTrust = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "validator_trust"));
        var permit = Column(ref r, n, (ref ScaleReader x) => x.ReadBool("validator_permit"));
        var pruning = Column(ref r, n, (ref ScaleReader x) => InfoReader.CompactU16(ref x, "pruning_score"));
        var lastUpdate = Column(ref r, n, (ref ScaleReader x) => x.ReadCompact("last_update"));
        var registered = Column(ref r, n, (ref ScaleReader x) => x.ReadCompact("block_at_registration"));
        var axons = Column(ref r, n, AxonInfo.Read);
        var weights = Rows(ref r, "weights");
        var bonds = Rows(ref r, "bonds");
        return new MetagraphInfo(
            netuid, block, hotkeys, coldkeys, stake, active, rank, trust, consensus, incentive, dividends, emission, validatorTrust, permit,
            pruning, lastUpdate, registered, axons, weights, bonds);
    }

    private static T[] Column<T>(ref ScaleReader r, int n, InfoReader.Item<T> read)
    {
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = read(ref r);
        }

        return values;
    }

    private static IReadOnlyList<IReadOnlyList<(ushort Uid, ushort Value)>>? Rows(ref ScaleReader r, string what) =>
        r.ReadOptionTag(what)
            ? InfoReader.Vector<IReadOnlyList<(ushort, ushort)>>(ref r, 1, what, (ref ScaleReader x) => InfoReader.Pairs(ref x, what))
            : null;
}
