using System.Numerics;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Tests.Scale;

/// <summary>
/// Seeded random values through the codec: compacts of every bit width against an independent big-integer
/// encoder, and mixed records read back field by field.
/// </summary>
public sealed class ScalePropertyTests
{
    private const int Samples = 20_000;

    [Fact]
    public void Compact_MatchesAReferenceEncoder_AtEveryBitWidth()
    {
        var random = new Random(2024);
        for (var k = 0; k < Samples; k++)
        {
            var bits = random.Next(0, 129);
            var value = RandomBelowPowerOfTwo(random, bits);
            var writer = new ScaleWriter();
            writer.WriteCompact(value);
            Assert.Equal(ReferenceCompact(value), writer.ToArray());

            var reader = new ScaleReader(writer.WrittenSpan);
            Assert.Equal(value, reader.ReadCompact128());
            reader.EnsureEnd("compact");

            if (value <= ulong.MaxValue)
            {
                var reader64 = new ScaleReader(writer.WrittenSpan);
                Assert.Equal((ulong)value, reader64.ReadCompact());
            }
        }
    }

    [Fact]
    public void Compact_RandomBytes_DecodeOnlyToCanonicalEncodings()
    {
        // Whatever the reader accepts must re-encode to exactly the bytes it consumed.
        var random = new Random(7);
        var buffer = new byte[20];
        for (var k = 0; k < Samples; k++)
        {
            random.NextBytes(buffer);
            var length = random.Next(1, buffer.Length + 1);
            var input = buffer.AsSpan(0, length);
            UInt128 value;
            int consumed;
            try
            {
                var reader = new ScaleReader(input);
                value = reader.ReadCompact128();
                consumed = reader.Position;
            }
            catch (ScaleFormatException)
            {
                continue;
            }

            var writer = new ScaleWriter();
            writer.WriteCompact(value);
            Assert.True(writer.WrittenSpan.SequenceEqual(input[..consumed]));
        }
    }

    [Fact]
    public void MixedRecords_RoundTrip()
    {
        var random = new Random(99);
        for (var k = 0; k < 2_000; k++)
        {
            var u8 = (byte)random.Next(256);
            var u16 = (ushort)random.Next(65536);
            var u32 = (uint)random.NextInt64(0, 1L << 32);
            var u64 = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            var u128 = new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            var flag = random.Next(2) == 1;
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var text = new string((char)random.Next('a', 'z' + 1), random.Next(0, 80));
            uint? option = random.Next(2) == 1 ? (uint)random.Next() : null;
            var list = Enumerable.Range(0, random.Next(0, 50)).Select(_ => (ulong)random.NextInt64()).ToArray();

            var writer = new ScaleWriter(random.Next(1, 16));
            writer.WriteU8(u8);
            writer.WriteU16(u16);
            writer.WriteU32(u32);
            writer.WriteU64(u64);
            writer.WriteU128(u128);
            writer.WriteBool(flag);
            writer.WriteBytes(bytes);
            writer.WriteString(text);
            writer.WriteOptionValue(option, (w, v) => w.WriteCompact(v));
            writer.WriteVector(list, (w, v) => w.WriteCompact(v));

            var reader = new ScaleReader(writer.WrittenSpan);
            Assert.Equal(u8, reader.ReadU8());
            Assert.Equal(u16, reader.ReadU16());
            Assert.Equal(u32, reader.ReadU32());
            Assert.Equal(u64, reader.ReadU64());
            Assert.Equal(u128, reader.ReadU128());
            Assert.Equal(flag, reader.ReadBool());
            Assert.Equal(bytes, reader.ReadBytes());
            Assert.Equal(text, reader.ReadString());
            Assert.Equal(option, reader.ReadOptionTag() ? (uint)reader.ReadCompact() : null);
            var count = reader.ReadLength(1);
            var read = new ulong[count];
            for (var i = 0; i < count; i++)
            {
                read[i] = reader.ReadCompact();
            }

            Assert.Equal(list, read);
            reader.EnsureEnd("record");
        }
    }

    private static UInt128 RandomBelowPowerOfTwo(Random random, int bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        var value = new UInt128((ulong)random.NextInt64() ^ ((ulong)random.Next() << 33), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33));
        value >>= 128 - bits;

        // Bias towards the mode boundaries: the top bit set half of the time.
        if (random.Next(2) == 0)
        {
            value |= UInt128.One << (bits - 1);
        }

        return value;
    }

    /// <summary>The compact encoding straight from its definition, on big integers.</summary>
    private static byte[] ReferenceCompact(UInt128 value)
    {
        var v = (BigInteger)value;
        if (v < 1 << 6)
        {
            return [(byte)(v << 2)];
        }

        if (v < 1 << 14)
        {
            var x = (int)((v << 2) | 1);
            return [(byte)x, (byte)(x >> 8)];
        }

        if (v < 1 << 30)
        {
            var x = (uint)((v << 2) | 2);
            return [(byte)x, (byte)(x >> 8), (byte)(x >> 16), (byte)(x >> 24)];
        }

        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        var length = Math.Max(raw.Length, 4);
        var result = new byte[1 + length];
        result[0] = (byte)(((length - 4) << 2) | 3);
        raw.CopyTo(result, 1);
        return result;
    }
}
