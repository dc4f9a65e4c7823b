using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Tests.Scale;

/// <summary>
/// Input the reader must refuse with a <see cref="ScaleFormatException"/>: truncation at every byte, non-canonical
/// compacts in each mode, length prefixes longer than the input, bad bool and option bytes, trailing bytes.
/// </summary>
public sealed class ScaleMalformedInputTests
{
    private delegate void Decode(ref ScaleReader reader);

    public static TheoryData<string> Encodings() =>
    [
        "u8", "u16", "u32", "u64", "u128", "i64", "bool", "compact1", "compact2", "compact4", "compactBig",
        "compact128", "bytes", "string", "optionSome", "vector", "record",
    ];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void TruncatedAtEveryPosition_Throws(string kind)
    {
        var (encoded, decode) = Sample(kind);

        // The complete value decodes and consumes everything.
        var whole = new ScaleReader(encoded);
        decode(ref whole);
        whole.EnsureEnd(kind);

        for (var cut = 0; cut < encoded.Length; cut++)
        {
            var prefix = encoded[..cut];
            var error = Assert.Throws<ScaleFormatException>(() =>
            {
                var reader = new ScaleReader(prefix);
                decode(ref reader);
            });
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void TrailingBytes_FailEnsureEnd(string kind)
    {
        var (encoded, decode) = Sample(kind);
        var padded = encoded.Concat(new byte[] { 0 }).ToArray();
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(padded);
            decode(ref reader);
            reader.EnsureEnd(kind);
        });
        Assert.Contains("1 unexpected trailing byte", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0100", "fits in one byte")] // 0 in the two-byte mode
    [InlineData("fd00", "fits in one byte")] // 63 in the two-byte mode
    [InlineData("02000000", "fits in two bytes")] // 0 in the four-byte mode
    [InlineData("feff0000", "fits in two bytes")] // 16383 in the four-byte mode
    [InlineData("0300000000", "leading zero")] // 0 in the big-integer mode
    [InlineData("03ffffff3f", "fits in four bytes")] // 2^30 - 1 in the big-integer mode
    [InlineData("070000000000", "leading zero")] // 0 with 5 bytes
    [InlineData("07ffffffff00", "leading zero")] // 2^32 - 1 with a zero top byte
    [InlineData("13ffffffffffffff00", "leading zero")] // 2^56 - 1 with 8 bytes
    public void NonCanonicalCompacts_Throw(string hex, string reason)
    {
        var bytes = Hex.Decode(hex);
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(bytes);
            reader.ReadCompact128();
        });
        Assert.Contains("non-canonical", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompactWiderThan128Bits_Throws()
    {
        // Header 0b110111 = 13 + 4 = 17 bytes.
        var bytes = new byte[18];
        bytes[0] = (13 << 2) | 0b11;
        bytes[17] = 1;
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(bytes);
            reader.ReadCompact128();
        });
        Assert.Contains("exceeds 128 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthPrefixLongerThanTheInput_ThrowsBeforeAllocating()
    {
        // A vector of u32 claiming 2^30 elements with 8 bytes behind it, and a byte vector claiming u64::MAX bytes.
        var writer = new ScaleWriter();
        writer.WriteCompact(1UL << 30);
        writer.WriteU64(0);
        var vector = writer.ToArray();
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(vector);
            reader.ReadLength(4, "weights");
        });
        Assert.Contains("weights", error.Message, StringComparison.Ordinal);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);

        writer.Clear();
        writer.WriteCompact(ulong.MaxValue);
        var huge = writer.ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(huge);
            reader.ReadBytes();
        });
        Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(huge);
            reader.ReadString();
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64 * 1024, $"rejecting an over-long length allocated {allocated} bytes");
    }

    [Fact]
    public void LengthPrefix_JustFitting_IsAccepted_AndOneMoreIsNot()
    {
        var writer = new ScaleWriter();
        writer.WriteCompact(3);
        writer.WriteFixed(new byte[12]);
        var exact = writer.ToArray();
        var reader = new ScaleReader(exact);
        Assert.Equal(3, reader.ReadLength(4));

        writer.Clear();
        writer.WriteCompact(4);
        writer.WriteFixed(new byte[15]);
        var oneShort = writer.ToArray();
        Assert.Throws<ScaleFormatException>(() =>
        {
            var r = new ScaleReader(oneShort);
            r.ReadLength(4);
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    [InlineData(0xff)]
    public void BoolOtherThanZeroOrOne_Throws(byte value)
    {
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(new[] { value });
            reader.ReadBool();
        });
        Assert.Contains($"got {value}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0xff)]
    public void OptionTagOtherThanZeroOrOne_Throws(byte value)
    {
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(new[] { value });
            reader.ReadOptionTag();
        });
        Assert.Contains("option tag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8String_Throws()
    {
        var bytes = Hex.Decode("08c328");
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(bytes);
            reader.ReadString("name");
        });
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorMessages_NameWhatWasBeingRead()
    {
        var error = Assert.Throws<ScaleFormatException>(() =>
        {
            var reader = new ScaleReader(new byte[3]);
            reader.ReadU32("netuid");
        });
        Assert.Contains("netuid", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    private static (byte[] Encoded, Decode Decode) Sample(string kind)
    {
        var w = new ScaleWriter();
        Decode decode;
        switch (kind)
        {
            case "u8":
                w.WriteU8(7);
                decode = (ref ScaleReader r) => r.ReadU8();
                break;
            case "u16":
                w.WriteU16(0x1234);
                decode = (ref ScaleReader r) => r.ReadU16();
                break;
            case "u32":
                w.WriteU32(0x12345678);
                decode = (ref ScaleReader r) => r.ReadU32();
                break;
            case "u64":
                w.WriteU64(0x123456789abcdef0);
                decode = (ref ScaleReader r) => r.ReadU64();
                break;
            case "u128":
                w.WriteU128(UInt128.MaxValue - 5);
                decode = (ref ScaleReader r) => r.ReadU128();
                break;
            case "i64":
                w.WriteI64(-5);
                decode = (ref ScaleReader r) => r.ReadI64();
                break;
            case "bool":
                w.WriteBool(true);
                decode = (ref ScaleReader r) => r.ReadBool();
                break;
            case "compact1":
                w.WriteCompact(5);
                decode = (ref ScaleReader r) => r.ReadCompact();
                break;
            case "compact2":
                w.WriteCompact(300);
                decode = (ref ScaleReader r) => r.ReadCompact();
                break;
            case "compact4":
                w.WriteCompact(1_000_000);
                decode = (ref ScaleReader r) => r.ReadCompact();
                break;
            case "compactBig":
                w.WriteCompact(ulong.MaxValue / 3);
                decode = (ref ScaleReader r) => r.ReadCompact();
                break;
            case "compact128":
                w.WriteCompact(UInt128.MaxValue / 7);
                decode = (ref ScaleReader r) => r.ReadCompact128();
                break;
            case "bytes":
                w.WriteBytes(new byte[70]);
                decode = (ref ScaleReader r) => r.ReadBytes();
                break;
            case "string":
                w.WriteString("subnet");
                decode = (ref ScaleReader r) => r.ReadString();
                break;
            case "optionSome":
                w.WriteOptionValue<ulong>(9UL, (x, v) => x.WriteU64(v));
                decode = (ref ScaleReader r) =>
                {
                    if (r.ReadOptionTag())
                    {
                        r.ReadU64();
                    }
                };
                break;
            case "vector":
                w.WriteVector(new uint[] { 1, 2, 3 }, (x, v) => x.WriteU32(v));
                decode = (ref ScaleReader r) =>
                {
                    var n = r.ReadLength(4);
                    for (var i = 0; i < n; i++)
                    {
                        r.ReadU32();
                    }
                };
                break;
            case "record":
                w.WriteU16(3);
                w.WriteBool(false);
                w.WriteString("x");
                w.WriteCompact(1UL << 40);
                w.WriteFixed(new byte[32]);
                decode = (ref ScaleReader r) =>
                {
                    r.ReadU16();
                    r.ReadBool();
                    r.ReadString();
                    r.ReadCompact();
                    r.ReadFixed(32);
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return (w.ToArray(), decode);
    }
}
