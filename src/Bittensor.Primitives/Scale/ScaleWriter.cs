using System.Buffers.Binary;
using System.Numerics;

namespace Bittensor.Primitives.Scale;

/// <summary>
/// Appends values in the SCALE encoding (Parity's Simple Concatenated Aggregate Little-Endian): fixed-width
/// integers little-endian, compact integers in the 1/2/4/(4+n)-byte modes, vectors as a compact length then the
/// elements, options as a 0/1 tag then the value, enums as a one-byte index then the fields.
/// </summary>
public sealed class ScaleWriter
{
    private byte[] _buffer;
    private int _length;

    public ScaleWriter(int capacity = 64) => _buffer = new byte[Math.Max(capacity, 8)];

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>The size of the buffer, written or not.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Clear() => _length = 0;

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var size = Math.Max(_buffer.Length * 2, _length + count);
            Array.Resize(ref _buffer, size);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void WriteU8(byte value) => Reserve(1)[0] = value;

    public void WriteBool(bool value) => WriteU8(value ? (byte)1 : (byte)0);

    public void WriteU16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteU32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteU64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteU128(UInt128 value) => BinaryPrimitives.WriteUInt128LittleEndian(Reserve(16), value);

    public void WriteI64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Raw bytes, no length prefix (fixed-size arrays, hashes, account ids).</summary>
    public void WriteFixed(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A byte vector: compact length, then the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompact((ulong)bytes.Length);
        WriteFixed(bytes);
    }

    /// <summary>A UTF-8 string as a byte vector.</summary>
    public void WriteString(string value) => WriteBytes(System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>A compact (variable-length) unsigned integer in its canonical (shortest) form.</summary>
    public void WriteCompact(ulong value)
    {
        if (value < 1UL << 6)
        {
            WriteU8((byte)(value << 2));
        }
        else if (value < 1UL << 14)
        {
            WriteU16((ushort)((value << 2) | 0b01));
        }
        else if (value < 1UL << 30)
        {
            WriteU32((uint)((value << 2) | 0b10));
        }
        else
        {
            WriteCompactBig(value);
        }
    }

    /// <summary>A compact unsigned 128-bit integer in its canonical form.</summary>
    public void WriteCompact(UInt128 value)
    {
        if (value <= ulong.MaxValue)
        {
            WriteCompact((ulong)value);
            return;
        }

        var bytes = (int)((128 - UInt128.LeadingZeroCount(value) + 7) / 8);
        WriteU8((byte)(((bytes - 4) << 2) | 0b11));
        Span<byte> tmp = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(tmp, value);
        WriteFixed(tmp[..bytes]);
    }

    private void WriteCompactBig(ulong value)
    {
        var bytes = (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;
        bytes = Math.Max(bytes, 4);
        WriteU8((byte)(((bytes - 4) << 2) | 0b11));
        Span<byte> tmp = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(tmp, value);
        WriteFixed(tmp[..bytes]);
    }

    /// <summary>A vector: compact length, then each element written by <paramref name="write"/>.</summary>
    public void WriteVector<T>(IReadOnlyList<T> items, Action<ScaleWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(write);
        WriteCompact((ulong)items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            write(this, items[i]);
        }
    }

    /// <summary>An option: 0 for none, else 1 and the value.</summary>
    public void WriteOption<T>(T? value, Action<ScaleWriter, T> write)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(write);
        if (value is null)
        {
            WriteU8(0);
            return;
        }

        WriteU8(1);
        write(this, value);
    }

    /// <summary>An option of a value type.</summary>
    public void WriteOptionValue<T>(T? value, Action<ScaleWriter, T> write)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(write);
        if (value is not { } v)
        {
            WriteU8(0);
            return;
        }

        WriteU8(1);
        write(this, v);
    }
}
