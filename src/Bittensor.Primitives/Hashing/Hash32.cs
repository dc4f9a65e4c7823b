using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Hashing;

/// <summary>A 32-byte hash (Blake2b-256), compared by value.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    private readonly byte[]? _bytes;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"A hash is 32 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>Takes <paramref name="bytes"/> (a fresh 32-byte array nobody else holds) without copying it.</summary>
    private Hash32(byte[] bytes, bool owned)
    {
        _ = owned;
        _bytes = bytes;
    }

    public static Hash32 Zero { get; } = new(new byte[32]);

    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes!;

    public byte[] ToArray() => Bytes.ToArray();

    public static Hash32 Of(ReadOnlySpan<byte> data) => new(Hashes.Blake2b256(data), owned: true);

    public static Hash32 Read(ref ScaleReader reader) => new(reader.ReadFixed(32, "hash"));

    public void Write(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteFixed(Bytes);
    }

    public static Hash32 FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return new(Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex));
    }

    public string ToHex() => "0x" + Convert.ToHexStringLower(Bytes);

    public bool Equals(Hash32 other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    public override int GetHashCode()
    {
        var h = default(HashCode);
        h.AddBytes(Bytes);
        return h.ToHashCode();
    }

    public int CompareTo(Hash32 other) => Bytes.SequenceCompareTo(other.Bytes);

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;

    public override string ToString() => ToHex();
}
