using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>
/// A whole subnet in one answer, column by column: for every uid 0..n−1 its hotkey, coldkey, total stake, the epoch's
/// per-uid vectors, registration and update blocks and axon; weights and bonds rows only when asked for. This is the
/// compact metagraph call: one round trip instead of one neuron at a time.
/// SCALE layout: netuid u16, block u64, n C&lt;u16&gt;, then each column as a vector of n values in the order of the
/// properties below (numbers compact except booleans and account ids), then <c>Option&lt;Vec&lt;Vec&lt;(C&lt;u16&gt;, C&lt;u16&gt;)&gt;&gt;&gt;</c>
/// for weights and the same for bonds.
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
    public int Count => Hotkeys.Count;

    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteU16(Netuid);
        w.WriteU64(Block);
        w.WriteCompact((ulong)Count);
        foreach (var h in Hotkeys)
        {
            h.Write(w);
        }

        foreach (var c in Coldkeys)
        {
            c.Write(w);
        }

        Compacts(w, Stake);
        Bools(w, Active);
        Compacts(w, Rank);
        Compacts(w, Trust);
        Compacts(w, Consensus);
        Compacts(w, Incentive);
        Compacts(w, Dividends);
        Compacts(w, Emission);
        Compacts(w, ValidatorTrust);
        Bools(w, ValidatorPermit);
        Compacts(w, PruningScore);
        Compacts(w, LastUpdate);
        Compacts(w, BlockAtRegistration);
        foreach (var a in Axons)
        {
            AxonInfo.Codec.Encode(w, a);
        }

        Rows(w, Weights);
        Rows(w, Bonds);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static MetagraphInfo Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new ScaleReader(bytes);
        var netuid = r.ReadU16("netuid");
        var block = r.ReadU64("block");
        var n = (int)r.ReadCompact("n");
        if (n > ushort.MaxValue + 1 || n > r.Remaining / (2 * AccountId.Size))
        {
            throw new ScaleFormatException($"metagraph: {n} uids cannot fit in the {r.Remaining} bytes left.");
        }

        var hotkeys = Read(ref r, n, (ref ScaleReader x) => AccountId.Read(ref x));
        var coldkeys = Read(ref r, n, (ref ScaleReader x) => AccountId.Read(ref x));
        var stake = Read(ref r, n, (ref ScaleReader x) => x.ReadCompact("stake"));
        var active = Read(ref r, n, (ref ScaleReader x) => x.ReadBool("active"));
        var rank = Read(ref r, n, U16);
        var trust = Read(ref r, n, U16);
        var consensus = Read(ref r, n, U16);
        var incentive = Read(ref r, n, U16);
        var dividends = Read(ref r, n, U16);
        var emission = Read(ref r, n, (ref ScaleReader x) => x.ReadCompact("emission"));
        var validatorTrust = Read(ref r, n, U16);
        var permit = Read(ref r, n, (ref ScaleReader x) => x.ReadBool("validator_permit"));
        var pruning = Read(ref r, n, U16);
        var lastUpdate = Read(ref r, n, (ref ScaleReader x) => x.ReadCompact("last_update"));
        var registered = Read(ref r, n, (ref ScaleReader x) => x.ReadCompact("block_at_registration"));
        var axons = Read(ref r, n, (ref ScaleReader x) => AxonInfo.Codec.Decode(ref x));
        var weights = ReadRows(ref r, "weights");
        var bonds = ReadRows(ref r, "bonds");
        r.EnsureEnd("metagraph");
        return new MetagraphInfo(netuid, block, hotkeys, coldkeys, stake, active, rank, trust, consensus, incentive, dividends, emission, validatorTrust, permit, pruning, lastUpdate, registered, axons, weights, bonds);
    }

    private static ushort U16(ref ScaleReader r) => InfoCodec.ReadCompactU16(ref r, "metagraph value");

    private delegate T Reader<T>(ref ScaleReader r);

    private static T[] Read<T>(ref ScaleReader r, int n, Reader<T> read)
    {
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = read(ref r);
        }

        return values;
    }

    private static void Compacts(ScaleWriter w, IReadOnlyList<ulong> values)
    {
        foreach (var v in values)
        {
            w.WriteCompact(v);
        }
    }

    private static void Compacts(ScaleWriter w, IReadOnlyList<ushort> values)
    {
        foreach (var v in values)
        {
            w.WriteCompact(v);
        }
    }

    private static void Bools(ScaleWriter w, IReadOnlyList<bool> values)
    {
        foreach (var v in values)
        {
            w.WriteBool(v);
        }
    }

    private static void Rows(ScaleWriter w, IReadOnlyList<IReadOnlyList<(ushort Uid, ushort Value)>>? rows)
    {
        if (rows is null)
        {
            w.WriteU8(0);
            return;
        }

        w.WriteU8(1);
        w.WriteCompact((ulong)rows.Count);
        foreach (var row in rows)
        {
            w.WriteCompact((ulong)row.Count);
            foreach (var (uid, value) in row)
            {
                w.WriteCompact(uid);
                w.WriteCompact(value);
            }
        }
    }

    private static IReadOnlyList<IReadOnlyList<(ushort, ushort)>>? ReadRows(ref ScaleReader r, string what)
    {
        if (!r.ReadOptionTag(what))
        {
            return null;
        }

        var count = r.ReadLength(1, what);
        var rows = new IReadOnlyList<(ushort, ushort)>[count];
        for (var i = 0; i < count; i++)
        {
            var length = r.ReadLength(2, what);
            var row = new (ushort, ushort)[length];
            for (var k = 0; k < length; k++)
            {
                row[k] = (InfoCodec.ReadCompactU16(ref r, what), InfoCodec.ReadCompactU16(ref r, what));
            }

            rows[i] = row;
        }

        return rows;
    }
}
