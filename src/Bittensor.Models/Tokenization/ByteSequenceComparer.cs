using System.Buffers.Binary;

namespace Bittensor.Models.Tokenization;

/// <summary>Compares byte arrays by content, and looks them up by span without allocating.</summary>
internal sealed class ByteSequenceComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteSequenceComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    // Random per process, so that colliding inputs cannot be prepared in advance.
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    /// <summary>A multiply-xorshift hash over 8-byte words: pieces are short, and this is several times faster than
    /// <see cref="HashCode.AddBytes"/> on them.</summary>
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var h = Seed ^ ((ulong)bytes.Length * K);
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * K;
            h ^= h >> 29;
        }

        if (i < bytes.Length)
        {
            ulong tail = 0;
            for (var shift = 0; i < bytes.Length; i++, shift += 8)
            {
                tail |= (ulong)bytes[i] << shift;
            }

            h = (h ^ tail) * K;
        }

        h ^= h >> 32;
        return (int)h;
    }
}
