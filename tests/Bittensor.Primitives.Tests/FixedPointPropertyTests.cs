using System.Numerics;
using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Primitives.Tests;

/// <summary>
/// The arithmetic laws the fixed-point types must keep, checked on seeded random operands against exact big-integer
/// arithmetic: products floor, quotients truncate, sums are exact, overflow is reported rather than wrapped.
/// </summary>
public sealed class FixedPointPropertyTests
{
    private const int Samples = 20_000;

    [Fact]
    public void I32F32_Multiply_FloorsTheExactProduct()
    {
        var random = new Random(11);
        for (var k = 0; k < Samples; k++)
        {
            var a = RandomRaw(random);
            var b = RandomRaw(random);
            var exact = FloorShift((BigInteger)a * b, 32);
            var fits = exact >= long.MinValue && exact <= long.MaxValue;
            Assert.Equal(fits, I32F32.TryMultiply(I32F32.FromRaw(a), I32F32.FromRaw(b), out var product));
            if (fits)
            {
                Assert.Equal((long)exact, product.Raw);
            }
        }
    }

    [Fact]
    public void I32F32_Divide_TruncatesTheExactQuotient()
    {
        var random = new Random(12);
        for (var k = 0; k < Samples; k++)
        {
            var a = RandomRaw(random);
            var b = RandomRaw(random);
            if (b == 0)
            {
                continue;
            }

            var exact = BigInteger.Divide((BigInteger)a << 32, b);
            var fits = exact >= long.MinValue && exact <= long.MaxValue;
            Assert.Equal(fits, I32F32.TryDivide(I32F32.FromRaw(a), I32F32.FromRaw(b), out var quotient));
            if (fits)
            {
                Assert.Equal((long)exact, quotient.Raw);
            }
        }
    }

    [Fact]
    public void I32F32_MultiplicationIsCommutative_AndOneIsNeutral()
    {
        var random = new Random(13);
        for (var k = 0; k < Samples; k++)
        {
            var a = I32F32.FromRaw(random.NextInt64(-(1L << 40), 1L << 40));
            var b = I32F32.FromRaw(random.NextInt64(-(1L << 40), 1L << 40));
            Assert.Equal(a * b, b * a);
            Assert.Equal(a, a * I32F32.One);
            Assert.Equal(a, a / I32F32.One);
        }
    }

    [Fact]
    public void I32F32_AdditionIsExactAndAssociative()
    {
        var random = new Random(14);
        for (var k = 0; k < Samples; k++)
        {
            var a = I32F32.FromRaw(random.NextInt64(-(1L << 60), 1L << 60));
            var b = I32F32.FromRaw(random.NextInt64(-(1L << 60), 1L << 60));
            var c = I32F32.FromRaw(random.NextInt64(-(1L << 60), 1L << 60));
            Assert.Equal((a + b) + c, a + (b + c));
            Assert.Equal(a, a + b - b);
        }
    }

    [Fact]
    public void I32F32_Overflow_Throws_AndSaturatingOperationsClamp()
    {
        Assert.Throws<OverflowException>(() => I32F32.MaxValue + I32F32.FromRaw(1));
        Assert.Throws<OverflowException>(() => I32F32.MinValue - I32F32.FromRaw(1));
        Assert.Throws<OverflowException>(() => I32F32.FromInt(1 << 20) * I32F32.FromInt(1 << 20));
        Assert.Throws<DivideByZeroException>(() => I32F32.One / I32F32.Zero);
        Assert.Equal(I32F32.MaxValue, I32F32.MaxValue.SaturatingAdd(I32F32.One));
        Assert.Equal(I32F32.MinValue, I32F32.FromInt(-(1 << 20)).SaturatingMul(I32F32.FromInt(1 << 20)));
        Assert.Equal(I32F32.MaxValue, I32F32.One.SaturatingDiv(I32F32.Zero));
    }

    [Fact]
    public void I32F32_RoundAndFloor_FollowTheSpec()
    {
        Assert.Equal(I32F32.FromInt(3), I32F32.FromRaw((5L << 32) / 2).Round());
        Assert.Equal(I32F32.FromInt(-3), I32F32.FromRaw(-(5L << 32) / 2).Round());
        Assert.Equal(I32F32.FromInt(2), I32F32.FromRaw((5L << 32) / 2).Floor());
        Assert.Equal(I32F32.FromInt(-3), I32F32.FromRaw(-(5L << 32) / 2).Floor());
        Assert.Equal("0.5", I32F32.FromRaw(1L << 31).ToString());
        Assert.Equal("-1.25", I32F32.FromRaw(-(5L << 30)).ToString());
    }

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    [InlineData(18)]
    public void Wide_MultiplyAndDivide_MatchBigInteger(int fractionBits)
    {
        var random = new Random(fractionBits);
        for (var k = 0; k < Samples / 4; k++)
        {
            var a = RandomRaw128(random);
            var b = RandomRaw128(random);
            var product = FloorShift((BigInteger)a * (BigInteger)b, fractionBits);
            var (ok, raw) = Multiply(a, b, fractionBits);
            Assert.Equal(Fits128(product), ok);
            if (ok)
            {
                Assert.Equal(product, (BigInteger)raw);
            }

            if (b == 0)
            {
                continue;
            }

            var quotient = BigInteger.Divide((BigInteger)a << fractionBits, (BigInteger)b);
            (ok, raw) = Divide(a, b, fractionBits);
            Assert.Equal(Fits128(quotient), ok);
            if (ok)
            {
                Assert.Equal(quotient, (BigInteger)raw);
            }
        }
    }

    [Fact]
    public void Conversions_BetweenTypes_AreExactOrFloor()
    {
        var third = I64F64.FromInt(1) / I64F64.FromInt(3);
        Assert.Equal(I32F32.FromRaw(1431655765), I32F32.FromI64F64(third));
        Assert.Equal(I32F32.FromRaw(-1431655766), I32F32.FromI64F64(-third));
        Assert.Equal(I64F64.FromRaw((Int128)12345 << 32), I32F32.FromRaw(12345).ToI64F64());
        Assert.Equal(I110F18.FromRaw(1), I110F18.From(I32F32.FromRaw((1 << 14) + 5)));
        Assert.Equal(ulong.MaxValue, I96F32.FromUInt(ulong.MaxValue).ToU64());
        Assert.Throws<OverflowException>(() => I96F32.FromInt(-1).ToU64());
        Assert.Throws<OverflowException>(() => I64F64.FromUInt(1UL << 63));
    }

    [Fact]
    public void U64F64_MultiplyAndDivide_RoundDown()
    {
        var random = new Random(21);
        for (var k = 0; k < Samples / 4; k++)
        {
            var a = (UInt128)(ulong)random.NextInt64() << random.Next(0, 64);
            var b = ((UInt128)(ulong)random.NextInt64() << random.Next(0, 64)) + 1;
            var product = ((BigInteger)a * b) >> 64;
            Assert.Equal(product <= (BigInteger)UInt128.MaxValue, U64F64.TryMultiply(U64F64.FromRaw(a), U64F64.FromRaw(b), out var p));
            if (product <= (BigInteger)UInt128.MaxValue)
            {
                Assert.Equal(product, (BigInteger)p.Raw);
            }

            var quotient = ((BigInteger)a << 64) / b;
            if (quotient <= (BigInteger)UInt128.MaxValue)
            {
                Assert.Equal(quotient, (BigInteger)(U64F64.FromRaw(a) / U64F64.FromRaw(b)).Raw);
            }
        }

        Assert.Equal(32767UL * 100 / 65535, (U64F64.FromUInt(32767) / U64F64.FromUInt(65535) * U64F64.FromUInt(100)).ToU64());
        Assert.Throws<OverflowException>(() => U64F64.Zero - U64F64.One);
    }

    private static (bool Ok, Int128 Raw) Multiply(Int128 a, Int128 b, int bits) => bits switch
    {
        64 => (I64F64.TryMultiply(I64F64.FromRaw(a), I64F64.FromRaw(b), out var r), r.Raw),
        32 => (I96F32.TryMultiply(I96F32.FromRaw(a), I96F32.FromRaw(b), out var r), r.Raw),
        _ => (I110F18.TryMultiply(I110F18.FromRaw(a), I110F18.FromRaw(b), out var r), r.Raw),
    };

    private static (bool Ok, Int128 Raw) Divide(Int128 a, Int128 b, int bits) => bits switch
    {
        64 => (I64F64.TryDivide(I64F64.FromRaw(a), I64F64.FromRaw(b), out var r), r.Raw),
        32 => (I96F32.TryDivide(I96F32.FromRaw(a), I96F32.FromRaw(b), out var r), r.Raw),
        _ => (I110F18.TryDivide(I110F18.FromRaw(a), I110F18.FromRaw(b), out var r), r.Raw),
    };

    private static BigInteger FloorShift(BigInteger value, int bits) =>
        BigInteger.Divide(value - (value.Sign < 0 ? (BigInteger.One << bits) - 1 : 0), BigInteger.One << bits);

    private static bool Fits128(BigInteger value) => value >= (BigInteger)Int128.MinValue && value <= (BigInteger)Int128.MaxValue;

    private static long RandomRaw(Random random) => random.Next(4) switch
    {
        0 => random.NextInt64(-(1L << 33), 1L << 33),
        1 => random.NextInt64(long.MinValue, long.MaxValue),
        2 => random.NextInt64(-(1L << 48), 1L << 48),
        _ => random.NextInt64(0, 1L << 32),
    };

    private static Int128 RandomRaw128(Random random)
    {
        var bits = random.Next(1, 128);
        var high = (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1);
        var low = (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1);
        var value = (Int128)(((UInt128)high << 64 | low) >> (128 - bits));
        return random.Next(2) == 0 ? value : -value;
    }
}
