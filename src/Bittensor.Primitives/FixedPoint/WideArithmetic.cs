using System.Runtime.CompilerServices;

namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// Exact 128×128→256-bit multiplication and 256÷128-bit division used by the 128-bit fixed-point types.
/// All functions are pure integer arithmetic; no rounding happens except where the name says so.
/// </summary>
internal static class WideArithmetic
{
    /// <summary>Full 256-bit product of two unsigned 128-bit values.</summary>
    public static void Multiply(UInt128 a, UInt128 b, out UInt128 high, out UInt128 low)
    {
        var a0 = (ulong)a;
        var a1 = (ulong)(a >> 64);
        var b0 = (ulong)b;
        var b1 = (ulong)(b >> 64);

        var p00High = Math.BigMul(a0, b0, out var p00Low);
        var p01High = Math.BigMul(a0, b1, out var p01Low);
        var p10High = Math.BigMul(a1, b0, out var p10Low);
        var p11High = Math.BigMul(a1, b1, out var p11Low);

        // Column sums of 64-bit limbs, carrying upward.
        UInt128 column1 = (UInt128)p00High + p01Low + p10Low;
        UInt128 column2 = (UInt128)p01High + p10High + p11Low + (ulong)(column1 >> 64);
        var column3 = p11High + (ulong)(column2 >> 64);

        low = ((UInt128)(ulong)column1 << 64) | p00Low;
        high = ((UInt128)column3 << 64) | (ulong)column2;
    }

    /// <summary>
    /// floor(|a|·|b| / 2^shift) as a sign-and-magnitude result, then floored toward −∞ for negative products.
    /// Returns false when the result does not fit a signed 128-bit integer.
    /// </summary>
    public static bool TryMultiplyShift(Int128 a, Int128 b, int shift, out Int128 result)
    {
        var negative = (a < 0) ^ (b < 0);
        Multiply(Magnitude(a), Magnitude(b), out var high, out var low);
        var (qHigh, qLow) = ShiftRight(high, low, shift);
        var remainderNonZero = shift > 0 && (low & ((UInt128.One << shift) - 1)) != 0;
        if (qHigh != 0)
        {
            result = default;
            return false;
        }

        if (negative && remainderNonZero)
        {
            qLow += 1;
        }

        return TryApplySign(qLow, negative && (qLow != 0), out result);
    }

    /// <summary>
    /// trunc((a · 2^shift) / b), rounding toward zero. Returns false on division by zero or when the quotient does
    /// not fit a signed 128-bit integer.
    /// </summary>
    public static bool TryDivideShift(Int128 a, Int128 b, int shift, out Int128 result)
    {
        if (b == 0)
        {
            result = default;
            return false;
        }

        var negative = (a < 0) ^ (b < 0);
        var magnitudeA = Magnitude(a);
        var magnitudeB = Magnitude(b);
        var high = shift == 0 ? UInt128.Zero : magnitudeA >> (128 - shift);
        var low = magnitudeA << shift;
        if (!TryDivide(high, low, magnitudeB, out var quotient))
        {
            result = default;
            return false;
        }

        return TryApplySign(quotient, negative && quotient != 0, out result);
    }

    /// <summary>Unsigned 256÷128 division; false when the quotient needs more than 128 bits.</summary>
    public static bool TryDivide(UInt128 high, UInt128 low, UInt128 divisor, out UInt128 quotient)
    {
        if (high == 0)
        {
            quotient = low / divisor;
            return true;
        }

        if (high >= divisor)
        {
            quotient = default;
            return false;
        }

        // Restoring long division, one bit at a time; remainder stays below the divisor (< 2^128).
        var remainder = high;
        var q = UInt128.Zero;
        for (var bit = 127; bit >= 0; bit--)
        {
            var carry = remainder >> 127;
            remainder = (remainder << 1) | ((low >> bit) & UInt128.One);
            q <<= 1;
            if (carry != 0 || remainder >= divisor)
            {
                remainder -= divisor;
                q |= UInt128.One;
            }
        }

        quotient = q;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt128 Magnitude(Int128 value) =>
        value < 0 ? (UInt128)(-(value + 1)) + 1 : (UInt128)value;

    private static (UInt128 High, UInt128 Low) ShiftRight(UInt128 high, UInt128 low, int shift)
    {
        if (shift == 0)
        {
            return (high, low);
        }

        return (high >> shift, (low >> shift) | (high << (128 - shift)));
    }

    private static bool TryApplySign(UInt128 magnitude, bool negative, out Int128 result)
    {
        var limit = negative ? (UInt128)Int128.MaxValue + 1 : (UInt128)Int128.MaxValue;
        if (magnitude > limit)
        {
            result = default;
            return false;
        }

        result = negative ? (Int128)(~magnitude + 1) : (Int128)magnitude;
        return true;
    }
}
