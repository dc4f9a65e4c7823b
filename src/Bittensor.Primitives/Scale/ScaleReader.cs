using System.Buffers.Binary;

namespace Bittensor.Primitives.Scale;

/// <summary>
/// Reads SCALE values from a span. Never reads past the end: every read checks the remaining length first and
/// throws <see cref="ScaleFormatException"/> naming what was being read. Compact integers must be in their
/// canonical (shortest) form, booleans must be 0 or 1, option tags 0 or 1; vector lengths are checked against
/// the bytes left (each element takes at least <c>minElementSize</c> bytes) before anything is allocated.
/// </summary>
public ref struct ScaleReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ScaleReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position == _data.Length;

    /// <summary>Throws unless every byte was consumed (trailing bytes are an error for whole values).</summary>
    public readonly void EnsureEnd(string what)
    {
        if (!IsAtEnd)
        {
            throw new ScaleFormatException($"{what}: {Remaining} unexpected trailing byte(s) after the value.");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || Remaining < count)
        {
            throw new ScaleFormatException($"{what}: needs {count} byte(s) but only {Remaining} remain (input truncated).");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte ReadU8(string what = "u8") => Take(1, what)[0];

    public bool ReadBool(string what = "bool")
    {
        var b = ReadU8(what);
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new ScaleFormatException($"{what}: boolean byte must be 0 or 1, got {b}."),
        };
    }

    public ushort ReadU16(string what = "u16") => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint ReadU32(string what = "u32") => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong ReadU64(string what = "u64") => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public UInt128 ReadU128(string what = "u128") => BinaryPrimitives.ReadUInt128LittleEndian(Take(16, what));

    public long ReadI64(string what = "i64") => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

    /// <summary>Fixed-size raw bytes (no length prefix).</summary>
    public ReadOnlySpan<byte> ReadFixed(int count, string what = "bytes") => Take(count, what);

    /// <summary>A compact unsigned integer that must fit in 64 bits, in canonical form.</summary>
    public ulong ReadCompact(string what = "compact")
    {
        var value = ReadCompact128(what);
        if (value > ulong.MaxValue)
        {
            throw new ScaleFormatException($"{what}: compact value does not fit in 64 bits.");
        }

        return (ulong)value;
    }

    /// <summary>A compact unsigned integer up to 128 bits, in canonical form.</summary>
    public UInt128 ReadCompact128(string what = "compact")
    {
        var first = ReadU8(what);
        switch (first & 0b11)
        {
            case 0b00:
                return (uint)(first >> 2);
            case 0b01:
                {
                    _position--;
                    var v = (uint)(ReadU16(what) >> 2);
                    if (v < 1u << 6)
                    {
                        throw new ScaleFormatException($"{what}: non-canonical compact encoding (value {v} fits in one byte).");
                    }

                    return v;
                }

            case 0b10:
                {
                    _position--;
                    var v = ReadU32(what) >> 2;
                    if (v < 1u << 14)
                    {
                        throw new ScaleFormatException($"{what}: non-canonical compact encoding (value {v} fits in two bytes).");
                    }

                    return v;
                }

            default:
                {
                    var bytes = (first >> 2) + 4;
                    if (bytes > 16)
                    {
                        throw new ScaleFormatException($"{what}: compact integer of {bytes} bytes exceeds 128 bits.");
                    }

                    var raw = Take(bytes, what);
                    if (raw[bytes - 1] == 0)
                    {
                        throw new ScaleFormatException($"{what}: non-canonical compact encoding (leading zero byte).");
                    }

                    Span<byte> tmp = stackalloc byte[16];
                    tmp.Clear();
                    raw.CopyTo(tmp);
                    var value = BinaryPrimitives.ReadUInt128LittleEndian(tmp);
                    if (value < 1u << 30)
                    {
                        throw new ScaleFormatException($"{what}: non-canonical compact encoding (value fits in four bytes).");
                    }

                    return value;
                }
        }
    }

    /// <summary>
    /// A vector length prefix, checked against the bytes left: a vector whose elements take at least
    /// <paramref name="minElementSize"/> bytes each cannot be longer than <c>Remaining / minElementSize</c>.
    /// </summary>
    public int ReadLength(int minElementSize, string what = "vector")
    {
        var length = ReadCompact(what);
        var cap = minElementSize <= 0 ? (ulong)int.MaxValue : (ulong)(Remaining / minElementSize);
        if (length > cap)
        {
            throw new ScaleFormatException($"{what}: length {length} is longer than the {Remaining} byte(s) left could hold.");
        }

        return (int)length;
    }

    /// <summary>A byte vector: compact length, then the bytes.</summary>
    public byte[] ReadBytes(string what = "bytes")
    {
        var length = ReadLength(1, what);
        return Take(length, what).ToArray();
    }

    /// <summary>A byte vector with an upper bound on its length.</summary>
    public byte[] ReadBytes(int maxLength, string what)
    {
        var length = ReadLength(1, what);
        if (length > maxLength)
        {
            throw new ScaleFormatException($"{what}: {length} bytes exceed the limit of {maxLength}.");
        }

        return Take(length, what).ToArray();
    }

    public string ReadString(string what = "string")
    {
        var bytes = ReadBytes(what);
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ScaleFormatException($"{what}: not valid UTF-8.");
        }
    }

    /// <summary>An option tag: false for none, true when a value follows.</summary>
    public bool ReadOptionTag(string what = "option")
    {
        var b = ReadU8(what);
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new ScaleFormatException($"{what}: option tag must be 0 or 1, got {b}."),
        };
    }
}
