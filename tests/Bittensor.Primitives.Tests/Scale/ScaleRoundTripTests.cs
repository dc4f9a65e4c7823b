using System.Numerics;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Tests.Scale;

/// <summary>Every SCALE type written and read back, and the encodings the SCALE documentation publishes.</summary>
public sealed class ScaleRoundTripTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "04")]
    [InlineData(42UL, "a8")]
    [InlineData(63UL, "fc")]
    [InlineData(64UL, "0101")]
    [InlineData(69UL, "1501")]
    [InlineData(16383UL, "fdff")]
    [InlineData(16384UL, "02000100")]
    [InlineData(65535UL, "feff0300")]
    [InlineData(1073741823UL, "feffffff")]
    [InlineData(1073741824UL, "0300000040")]
    [InlineData(4294967295UL, "03ffffffff")]
    [InlineData(4294967296UL, "070000000001")]
    [InlineData(100000000000000UL, "0b00407a10f35a")]
    [InlineData(ulong.MaxValue, "13ffffffffffffffff")]
    public void Compact_MatchesPublishedEncodings_AndRoundTrips(ulong value, string hex)
    {
        var writer = new ScaleWriter();
        writer.WriteCompact(value);
        Assert.Equal(hex, Hex.Encode(writer.WrittenSpan));

        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadCompact());
        reader.EnsureEnd("compact");
    }

    [Fact]
    public void Compact128_AtTheTop_RoundTrips()
    {
        var cases = new (UInt128 Value, string Hex)[]
        {
            ((UInt128)ulong.MaxValue + 1, "170000000000000000" + "01"),
            (UInt128.MaxValue, "33" + new string('f', 32)),
        };
        foreach (var (value, hex) in cases)
        {
            var writer = new ScaleWriter();
            writer.WriteCompact(value);
            Assert.Equal(hex, Hex.Encode(writer.WrittenSpan));
            var reader = new ScaleReader(writer.WrittenSpan);
            Assert.Equal(value, reader.ReadCompact128());
            reader.EnsureEnd("compact");
        }
    }

    [Fact]
    public void Compact128_ValuesThatFit64Bits_UseTheSameEncodingAsCompact64()
    {
        foreach (var value in new ulong[] { 0, 63, 64, 16383, 16384, (1UL << 30) - 1, 1UL << 30, 1UL << 32, ulong.MaxValue })
        {
            var a = new ScaleWriter();
            a.WriteCompact(value);
            var b = new ScaleWriter();
            b.WriteCompact((UInt128)value);
            Assert.Equal(a.ToArray(), b.ToArray());
        }
    }

    [Fact]
    public void ReadCompact_RejectsValuesAbove64Bits_ButReadCompact128AcceptsThem()
    {
        var writer = new ScaleWriter();
        writer.WriteCompact((UInt128)ulong.MaxValue + 1);
        var reader = new ScaleReader(writer.WrittenSpan);
        var error = ThrowsScale(() =>
        {
            var r = new ScaleReader(writer.WrittenSpan);
            r.ReadCompact();
        });
        Assert.Contains("64 bits", error.Message, StringComparison.Ordinal);
        Assert.Equal((UInt128)ulong.MaxValue + 1, reader.ReadCompact128());
    }

    [Fact]
    public void FixedWidthIntegers_AreLittleEndian_AndRoundTrip()
    {
        var writer = new ScaleWriter();
        writer.WriteU8(0x2a);
        writer.WriteU16(0x0102);
        writer.WriteU32(0x01020304);
        writer.WriteU64(0x0102030405060708);
        writer.WriteU128(new UInt128(0x0102030405060708, 0x090a0b0c0d0e0f10));
        writer.WriteI64(-2);
        Assert.Equal(
            "2a" + "0201" + "04030201" + "0807060504030201" + "100f0e0d0c0b0a090807060504030201" + "feffffffffffffff",
            Hex.Encode(writer.WrittenSpan));

        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.Equal(0x2a, reader.ReadU8());
        Assert.Equal(0x0102, reader.ReadU16());
        Assert.Equal(0x01020304u, reader.ReadU32());
        Assert.Equal(0x0102030405060708UL, reader.ReadU64());
        Assert.Equal(new UInt128(0x0102030405060708, 0x090a0b0c0d0e0f10), reader.ReadU128());
        Assert.Equal(-2L, reader.ReadI64());
        reader.EnsureEnd("integers");
    }

    [Fact]
    public void IntegerExtremes_RoundTrip()
    {
        var writer = new ScaleWriter();
        writer.WriteU8(byte.MaxValue);
        writer.WriteU16(ushort.MaxValue);
        writer.WriteU32(uint.MaxValue);
        writer.WriteU64(ulong.MaxValue);
        writer.WriteU128(UInt128.MaxValue);
        writer.WriteI64(long.MinValue);
        writer.WriteI64(long.MaxValue);
        writer.WriteU8(0);
        writer.WriteU128(UInt128.Zero);
        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.Equal(byte.MaxValue, reader.ReadU8());
        Assert.Equal(ushort.MaxValue, reader.ReadU16());
        Assert.Equal(uint.MaxValue, reader.ReadU32());
        Assert.Equal(ulong.MaxValue, reader.ReadU64());
        Assert.Equal(UInt128.MaxValue, reader.ReadU128());
        Assert.Equal(long.MinValue, reader.ReadI64());
        Assert.Equal(long.MaxValue, reader.ReadI64());
        Assert.Equal(0, reader.ReadU8());
        Assert.Equal(UInt128.Zero, reader.ReadU128());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Bool_IsOneByte_ZeroOrOne()
    {
        var writer = new ScaleWriter();
        writer.WriteBool(false);
        writer.WriteBool(true);
        Assert.Equal("0001", Hex.Encode(writer.WrittenSpan));
        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.False(reader.ReadBool());
        Assert.True(reader.ReadBool());
        reader.EnsureEnd("bools");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(16383)]
    [InlineData(16384)]
    [InlineData(70000)]
    public void Bytes_AreCompactLengthThenContent(int length)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);
        var writer = new ScaleWriter();
        writer.WriteBytes(content);

        var prefix = new ScaleWriter();
        prefix.WriteCompact((ulong)length);
        Assert.Equal(prefix.Length + length, writer.Length);
        Assert.True(writer.WrittenSpan[..prefix.Length].SequenceEqual(prefix.WrittenSpan));

        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.Equal(content, reader.ReadBytes());
        reader.EnsureEnd("bytes");
    }

    [Fact]
    public void Bytes_WithALimit_AcceptUpToTheLimit()
    {
        var writer = new ScaleWriter();
        writer.WriteBytes(new byte[10]);
        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.Equal(10, reader.ReadBytes(10, "field").Length);
        var error = ThrowsScale(() =>
        {
            var r = new ScaleReader(writer.WrittenSpan);
            r.ReadBytes(9, "field");
        });
        Assert.Contains("limit of 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "00")]
    [InlineData("abc", "0c616263")]
    [InlineData("Ed25519HDKD", "2c4564323535313948444b44")]
    [InlineData("é", "08c3a9")]
    public void Strings_AreUtf8ByteVectors(string text, string hex)
    {
        var writer = new ScaleWriter();
        writer.WriteString(text);
        Assert.Equal(hex, Hex.Encode(writer.WrittenSpan));
        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.Equal(text, reader.ReadString());
        reader.EnsureEnd("string");
    }

    [Fact]
    public void Options_AreATagThenTheValue()
    {
        var writer = new ScaleWriter();
        writer.WriteOptionValue<uint>(null, (w, v) => w.WriteU32(v));
        writer.WriteOptionValue<uint>(7u, (w, v) => w.WriteU32(v));
        writer.WriteOption<string>(null, (w, v) => w.WriteString(v));
        writer.WriteOption("hi", (w, v) => w.WriteString(v));
        Assert.Equal("00" + "0107000000" + "00" + "01086869", Hex.Encode(writer.WrittenSpan));

        var reader = new ScaleReader(writer.WrittenSpan);
        Assert.False(reader.ReadOptionTag());
        Assert.True(reader.ReadOptionTag());
        Assert.Equal(7u, reader.ReadU32());
        Assert.False(reader.ReadOptionTag());
        Assert.True(reader.ReadOptionTag());
        Assert.Equal("hi", reader.ReadString());
        reader.EnsureEnd("options");
    }

    [Fact]
    public void Vectors_AreACompactCountThenTheElements()
    {
        // The SCALE documentation's example: Vec<u16> [4, 8, 15, 16, 23, 42].
        ushort[] items = [4, 8, 15, 16, 23, 42];
        var writer = new ScaleWriter();
        writer.WriteVector(items, (w, v) => w.WriteU16(v));
        Assert.Equal("18040008000f00100017002a00", Hex.Encode(writer.WrittenSpan));

        var reader = new ScaleReader(writer.WrittenSpan);
        var count = reader.ReadLength(2);
        var read = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            read[i] = reader.ReadU16();
        }

        reader.EnsureEnd("vector");
        Assert.Equal(items, read);
    }

    [Fact]
    public void NestedVectors_RoundTrip()
    {
        string[][] items = [[], ["a"], ["bc", "", "def"]];
        var writer = new ScaleWriter();
        writer.WriteVector(items, (w, inner) => w.WriteVector(inner, (w2, s) => w2.WriteString(s)));

        var reader = new ScaleReader(writer.WrittenSpan);
        var outer = reader.ReadLength(1);
        var read = new List<string[]>();
        for (var i = 0; i < outer; i++)
        {
            var inner = new string[reader.ReadLength(1)];
            for (var j = 0; j < inner.Length; j++)
            {
                inner[j] = reader.ReadString();
            }

            read.Add(inner);
        }

        reader.EnsureEnd("nested");
        Assert.Equal(items, read);
    }

    [Fact]
    public void Writer_GrowsPastItsInitialCapacity_AndClearKeepsNothing()
    {
        var writer = new ScaleWriter(1);
        for (var i = 0; i < 1000; i++)
        {
            writer.WriteU32((uint)i);
        }

        Assert.Equal(4000, writer.Length);
        var reader = new ScaleReader(writer.WrittenSpan);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal((uint)i, reader.ReadU32());
        }

        writer.Clear();
        Assert.Equal(0, writer.Length);
        Assert.Empty(writer.ToArray());
    }

    [Fact]
    public void Compact_EncodingLengthFollowsTheModes()
    {
        static int Length(BigInteger v)
        {
            var writer = new ScaleWriter();
            writer.WriteCompact((UInt128)v);
            return writer.Length;
        }

        Assert.Equal(1, Length(63));
        Assert.Equal(2, Length(64));
        Assert.Equal(2, Length(16383));
        Assert.Equal(4, Length(16384));
        Assert.Equal(4, Length((BigInteger.One << 30) - 1));
        Assert.Equal(5, Length(BigInteger.One << 30));
        Assert.Equal(5, Length((BigInteger.One << 32) - 1));
        Assert.Equal(6, Length(BigInteger.One << 32));
        Assert.Equal(9, Length((BigInteger.One << 64) - 1));
        Assert.Equal(10, Length(BigInteger.One << 64));
        Assert.Equal(17, Length((BigInteger.One << 128) - 1));
    }

    private static ScaleFormatException ThrowsScale(Action action) => Assert.Throws<ScaleFormatException>(action);
}
