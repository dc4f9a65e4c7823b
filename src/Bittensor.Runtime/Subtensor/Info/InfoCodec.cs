using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>SCALE helpers shared by the info structures (chain spec §8): compact integers and the usual vectors.</summary>
internal static class InfoCodec
{
    public static ushort ReadCompactU16(ref ScaleReader r, string what)
    {
        var v = r.ReadCompact(what);
        if (v > ushort.MaxValue)
        {
            throw new ScaleFormatException($"{what}: compact value {v} does not fit in 16 bits.");
        }

        return (ushort)v;
    }

    public static void WriteStake(ScaleWriter w, IReadOnlyList<(AccountId Coldkey, ulong Stake)> stake) =>
        w.WriteVector(stake, (x, e) =>
        {
            e.Coldkey.Write(x);
            x.WriteCompact(e.Stake);
        });

    public static List<(AccountId, ulong)> ReadStake(ref ScaleReader r, string what)
    {
        var count = r.ReadLength(AccountId.Size + 1, what);
        var list = new List<(AccountId, ulong)>(count);
        for (var i = 0; i < count; i++)
        {
            var account = AccountId.Read(ref r);
            list.Add((account, r.ReadCompact(what)));
        }

        return list;
    }

    public static void WritePairs(ScaleWriter w, IReadOnlyList<(ushort, ushort)> pairs) =>
        w.WriteVector(pairs, (x, e) =>
        {
            x.WriteCompact(e.Item1);
            x.WriteCompact(e.Item2);
        });

    public static List<(ushort, ushort)> ReadPairs(ref ScaleReader r, string what)
    {
        var count = r.ReadLength(2, what);
        var list = new List<(ushort, ushort)>(count);
        for (var i = 0; i < count; i++)
        {
            var a = ReadCompactU16(ref r, what);
            list.Add((a, ReadCompactU16(ref r, what)));
        }

        return list;
    }

    public static void WriteNetuids(ScaleWriter w, IReadOnlyList<ushort> netuids) =>
        w.WriteVector(netuids, (x, e) => x.WriteCompact(e));

    public static List<ushort> ReadNetuids(ref ScaleReader r, string what)
    {
        var count = r.ReadLength(1, what);
        var list = new List<ushort>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadCompactU16(ref r, what));
        }

        return list;
    }

    public static byte[] Encode(Action<ScaleWriter> write)
    {
        var w = new ScaleWriter(256);
        write(w);
        return w.ToArray();
    }
}
