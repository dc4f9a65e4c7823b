using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Storage;

/// <summary>The SCALE codecs of the storage items: fixed-width integers, booleans, accounts, tuples and vectors.</summary>
public static class Codecs
{
    public static IScaleCodec<byte> U8 { get; } = new Lambda<byte>((w, v) => w.WriteU8(v), (ref r) => r.ReadU8());

    public static IScaleCodec<ushort> U16 { get; } = new Lambda<ushort>((w, v) => w.WriteU16(v), (ref r) => r.ReadU16());

    public static IScaleCodec<uint> U32 { get; } = new Lambda<uint>((w, v) => w.WriteU32(v), (ref r) => r.ReadU32());

    public static IScaleCodec<ulong> U64 { get; } = new Lambda<ulong>((w, v) => w.WriteU64(v), (ref r) => r.ReadU64());

    public static IScaleCodec<UInt128> U128 { get; } = new Lambda<UInt128>((w, v) => w.WriteU128(v), (ref r) => r.ReadU128());

    public static IScaleCodec<bool> Bool { get; } = new Lambda<bool>((w, v) => w.WriteBool(v), (ref r) => r.ReadBool());

    public static IScaleCodec<AccountId> Account { get; } = new Lambda<AccountId>((w, v) => v.Write(w), (ref r) => AccountId.Read(ref r));

    public static IScaleCodec<byte[]> Bytes { get; } = new Lambda<byte[]>((w, v) => w.WriteBytes(v), (ref r) => r.ReadBytes());

    /// <summary>A fixed 32-byte hash.</summary>
    public static IScaleCodec<byte[]> Hash32 { get; } = new Lambda<byte[]>((w, v) => w.WriteFixed(v), (ref r) => r.ReadFixed(32).ToArray());

    public static IScaleCodec<(ushort, ushort)> U16Pair { get; } = Tuple(U16, U16);

    public static IScaleCodec<(ulong, ulong)> U64Pair { get; } = Tuple(U64, U64);

    public static IScaleCodec<IReadOnlyList<(ushort, ushort)>> U16PairList { get; } = List(U16Pair, 4);

    public static IScaleCodec<IReadOnlyList<AccountId>> AccountList { get; } = List(Account, AccountId.Size);

    public static IScaleCodec<(T1, T2)> Tuple<T1, T2>(IScaleCodec<T1> first, IScaleCodec<T2> second) =>
        new Lambda<(T1, T2)>(
            (w, v) =>
            {
                first.Encode(w, v.Item1);
                second.Encode(w, v.Item2);
            },
            (ref r) => (first.Decode(ref r), second.Decode(ref r)));

    public static IScaleCodec<(T1, T2, T3)> Tuple<T1, T2, T3>(IScaleCodec<T1> first, IScaleCodec<T2> second, IScaleCodec<T3> third) =>
        new Lambda<(T1, T2, T3)>(
            (w, v) =>
            {
                first.Encode(w, v.Item1);
                second.Encode(w, v.Item2);
                third.Encode(w, v.Item3);
            },
            (ref r) => (first.Decode(ref r), second.Decode(ref r), third.Decode(ref r)));

    /// <summary>A vector (compact length prefix). <paramref name="minElementSize"/> bounds the length by the bytes left.</summary>
    public static IScaleCodec<IReadOnlyList<T>> List<T>(IScaleCodec<T> element, int minElementSize) =>
        new Lambda<IReadOnlyList<T>>(
            (w, v) =>
            {
                w.WriteCompact((ulong)v.Count);
                for (var i = 0; i < v.Count; i++)
                {
                    element.Encode(w, v[i]);
                }
            },
            (ref r) =>
            {
                var n = r.ReadLength(minElementSize);
                var list = new T[n];
                for (var i = 0; i < n; i++)
                {
                    list[i] = element.Decode(ref r);
                }

                return list;
            });

    /// <summary>Encodes one value to a new byte array.</summary>
    public static byte[] Encode<T>(IScaleCodec<T> codec, T value)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var w = ScratchWriters.Rent();
        codec.Encode(w, value);
        return ScratchWriters.ToArrayAndReturn(w);
    }

    /// <summary>Decodes a whole value; trailing bytes are an error.</summary>
    public static T Decode<T>(IScaleCodec<T> codec, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var r = new ScaleReader(bytes);
        var v = codec.Decode(ref r);
        r.EnsureEnd(typeof(T).Name);
        return v;
    }

    public delegate T DecodeFunc<T>(ref ScaleReader reader);

    /// <summary>A codec made of two functions.</summary>
    public sealed class Lambda<T>(Action<ScaleWriter, T> encode, DecodeFunc<T> decode) : IScaleCodec<T>
    {
        public void Encode(ScaleWriter writer, T value) => encode(writer, value);

        public T Decode(ref ScaleReader reader) => decode(ref reader);
    }
}
