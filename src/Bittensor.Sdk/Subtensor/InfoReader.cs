using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>SCALE reading shared by the info records (chain spec §8): compact u16s, stake lists, uid/value pairs, netuid lists.</summary>
internal static class InfoReader
{
    public delegate T Item<T>(ref ScaleReader r);

    public static ushort CompactU16(ref ScaleReader r, string what)
    {
        var v = r.ReadCompact(what);
        return v <= ushort.MaxValue ? (ushort)v : throw new ScaleFormatException($"{what}: {v} does not fit in 16 bits.");
    }

    public static List<T> Vector<T>(ref ScaleReader r, int minItemSize, string what, Item<T> read)
    {
        var count = r.ReadLength(minItemSize, what);
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(read(ref r));
        }

        return list;
    }

    public static List<(AccountId Coldkey, ulong Stake)> Stakes(ref ScaleReader r, string what) =>
        Vector(ref r, AccountId.Size + 1, what, (ref ScaleReader x) => (AccountId.Read(ref x), x.ReadCompact(what)));

    public static List<(ushort Uid, ushort Value)> Pairs(ref ScaleReader r, string what) =>
        Vector(ref r, 2, what, (ref ScaleReader x) => (CompactU16(ref x, what), CompactU16(ref x, what)));

    public static List<ushort> Netuids(ref ScaleReader r, string what) =>
        Vector(ref r, 1, what, (ref ScaleReader x) => CompactU16(ref x, what));

    /// <summary>Reads one whole value; trailing bytes are an error.</summary>
    public static T Whole<T>(ReadOnlySpan<byte> bytes, string what, Item<T> read)
    {
        var r = new ScaleReader(bytes);
        var value = read(ref r);
        r.EnsureEnd(what);
        return value;
    }

    /// <summary>An object a single-object query returns, or null for the empty answer that means "no such object".</summary>
    public static T? Optional<T>(ReadOnlySpan<byte> bytes, string what, Item<T> read)
        where T : class =>
        bytes.IsEmpty ? null : Whole(bytes, what, read);
}
