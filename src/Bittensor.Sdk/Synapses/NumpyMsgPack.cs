using System.Buffers.Binary;
using System.Text;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// The msgpack map that msgpack_numpy writes for an array (spec §2A): bytes keys <c>nd</c> (true), <c>type</c> (numpy
/// type string), <c>kind</c> (empty bytes), <c>shape</c> (array of ints) and <c>data</c> (little-endian C-order bytes).
/// Only what that map needs is read; anything else is refused with a message.
/// </summary>
internal static class NumpyMsgPack
{
    public static byte[] Write(TensorDtype dtype, ReadOnlySpan<long> shape, ReadOnlySpan<byte> data)
    {
        var buffer = new List<byte>(64 + data.Length);
        buffer.Add(0x85);
        WriteBin(buffer, "nd"u8);
        buffer.Add(0xc3);
        WriteBin(buffer, "type"u8);
        var type = Encoding.ASCII.GetBytes(dtype.NumpyTypeString());
        buffer.Add((byte)(0xa0 | type.Length));
        buffer.AddRange(type);
        WriteBin(buffer, "kind"u8);
        WriteBin(buffer, []);
        WriteBin(buffer, "shape"u8);
        if (shape.Length < 16)
        {
            buffer.Add((byte)(0x90 | shape.Length));
        }
        else
        {
            buffer.Add(0xdc);
            buffer.Add((byte)(shape.Length >> 8));
            buffer.Add((byte)shape.Length);
        }

        foreach (var dim in shape)
        {
            WriteUInt(buffer, (ulong)dim);
        }

        WriteBin(buffer, "data"u8);
        var header = buffer.ToArray();
        var length = data.Length;
        var prefix = length <= byte.MaxValue ? 2 : length <= ushort.MaxValue ? 3 : 5;
        var result = new byte[header.Length + prefix + length];
        header.CopyTo(result, 0);
        var at = header.Length;
        if (prefix == 2)
        {
            result[at] = 0xc4;
            result[at + 1] = (byte)length;
        }
        else if (prefix == 3)
        {
            result[at] = 0xc5;
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(at + 1), (ushort)length);
        }
        else
        {
            result[at] = 0xc6;
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(at + 1), (uint)length);
        }

        data.CopyTo(result.AsSpan(at + prefix));
        return result;
    }

    /// <summary>Reads the map; the data is a slice of <paramref name="bytes"/>.</summary>
    public static (string Type, long[] Shape, ReadOnlyMemory<byte> Data) Read(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var at = 0;
        var count = ReadMapHeader(span, ref at);
        string? type = null;
        long[]? shape = null;
        ReadOnlyMemory<byte>? data = null;
        var nd = false;
        for (var i = 0; i < count; i++)
        {
            var key = Encoding.ASCII.GetString(ReadBinOrStr(span, ref at));
            switch (key)
            {
                case "nd":
                    nd = Need(span, at) == 0xc3;
                    if (span[at] is not (0xc2 or 0xc3))
                    {
                        throw new SynapseException("the tensor buffer's 'nd' entry is not a boolean");
                    }

                    at++;
                    break;
                case "type":
                    type = Encoding.ASCII.GetString(ReadBinOrStr(span, ref at));
                    break;
                case "kind":
                    ReadBinOrStr(span, ref at);
                    break;
                case "shape":
                    var dims = ReadArrayHeader(span, ref at);
                    if (dims > 32)
                    {
                        throw new SynapseException($"the tensor buffer's shape has {dims} dimensions; at most 32 are accepted");
                    }

                    shape = new long[dims];
                    for (var d = 0; d < dims; d++)
                    {
                        shape[d] = ReadInt(span, ref at);
                    }

                    break;
                case "data":
                    var length = ReadBinOrStr(span, ref at).Length;
                    data = bytes.Slice(at - length, length);
                    break;
                default:
                    throw new SynapseException($"the tensor buffer has an unexpected entry '{key}'");
            }
        }

        if (at != span.Length)
        {
            throw new SynapseException($"the tensor buffer has {span.Length - at} bytes after its map");
        }

        if (!nd || type is null || shape is null || data is null)
        {
            throw new SynapseException("the tensor buffer lacks one of 'nd', 'type', 'shape', 'data' (msgpack_numpy's array map)");
        }

        return (type, shape, data.Value);
    }

    private static void WriteBin(List<byte> buffer, ReadOnlySpan<byte> value)
    {
        buffer.Add(0xc4);
        buffer.Add((byte)value.Length);
        buffer.AddRange(value);
    }

    private static void WriteUInt(List<byte> buffer, ulong value)
    {
        if (value < 0x80)
        {
            buffer.Add((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            buffer.Add(0xcc);
            buffer.Add((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            buffer.Add(0xcd);
            buffer.Add((byte)(value >> 8));
            buffer.Add((byte)value);
        }
        else if (value <= uint.MaxValue)
        {
            buffer.Add(0xce);
            for (var s = 24; s >= 0; s -= 8)
            {
                buffer.Add((byte)(value >> s));
            }
        }
        else
        {
            buffer.Add(0xcf);
            for (var s = 56; s >= 0; s -= 8)
            {
                buffer.Add((byte)(value >> s));
            }
        }
    }

    private static byte Need(ReadOnlySpan<byte> span, int at) =>
        at < span.Length ? span[at] : throw new SynapseException("the tensor buffer ends in the middle of its msgpack map");

    private static int ReadMapHeader(ReadOnlySpan<byte> span, ref int at)
    {
        var b = Need(span, at++);
        if (b is >= 0x80 and <= 0x8f)
        {
            return b & 0x0f;
        }

        throw new SynapseException("the tensor buffer is not a msgpack map (msgpack_numpy's array encoding)");
    }

    private static int ReadArrayHeader(ReadOnlySpan<byte> span, ref int at)
    {
        var b = Need(span, at++);
        if (b is >= 0x90 and <= 0x9f)
        {
            return b & 0x0f;
        }

        if (b == 0xdc)
        {
            var n = (Need(span, at) << 8) | Need(span, at + 1);
            at += 2;
            return n;
        }

        throw new SynapseException("the tensor buffer's shape is not a msgpack array");
    }

    private static ReadOnlySpan<byte> ReadBinOrStr(ReadOnlySpan<byte> span, ref int at)
    {
        var b = Need(span, at++);
        long length;
        if (b is >= 0xa0 and <= 0xbf)
        {
            length = b & 0x1f;
        }
        else if (b is 0xc4 or 0xd9)
        {
            length = Need(span, at);
            at += 1;
        }
        else if (b is 0xc5 or 0xda)
        {
            Need(span, at + 1);
            length = BinaryPrimitives.ReadUInt16BigEndian(span[at..]);
            at += 2;
        }
        else if (b is 0xc6 or 0xdb)
        {
            Need(span, at + 3);
            length = BinaryPrimitives.ReadUInt32BigEndian(span[at..]);
            at += 4;
        }
        else
        {
            throw new SynapseException($"the tensor buffer has a msgpack value of type 0x{b:x2} where bytes or a string belong");
        }

        if (length > span.Length - at)
        {
            throw new SynapseException("the tensor buffer declares more bytes than it holds");
        }

        var value = span.Slice(at, (int)length);
        at += (int)length;
        return value;
    }

    private static long ReadInt(ReadOnlySpan<byte> span, ref int at)
    {
        var b = Need(span, at++);
        if (b < 0x80)
        {
            return b;
        }

        var size = b switch
        {
            0xcc or 0xd0 => 1,
            0xcd or 0xd1 => 2,
            0xce or 0xd2 => 4,
            0xcf or 0xd3 => 8,
            _ => throw new SynapseException("the tensor buffer's shape holds something other than a non-negative integer"),
        };
        Need(span, at + size - 1);
        var slice = span.Slice(at, size);
        at += size;
        long value = size switch
        {
            1 => b == 0xd0 ? (sbyte)slice[0] : slice[0],
            2 => b == 0xd1 ? BinaryPrimitives.ReadInt16BigEndian(slice) : BinaryPrimitives.ReadUInt16BigEndian(slice),
            4 => b == 0xd2 ? BinaryPrimitives.ReadInt32BigEndian(slice) : BinaryPrimitives.ReadUInt32BigEndian(slice),
            _ => b == 0xd3 ? BinaryPrimitives.ReadInt64BigEndian(slice) : (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(slice), long.MaxValue),
        };
        if (value < 0)
        {
            throw new SynapseException("the tensor buffer's shape has a negative dimension");
        }

        return value;
    }
}
