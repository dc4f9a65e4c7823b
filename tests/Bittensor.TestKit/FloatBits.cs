using Bittensor.Primitives.FixedPoint;

namespace Bittensor.TestKit;

/// <summary>
/// Converts IEEE-754 bit patterns to I32F32 as <c>I32F32::from_num(float)</c> does (nearest, ties to even), using integer
/// arithmetic only. Used to reproduce the float literals of the upstream tests.
/// </summary>
public static class FloatBits
{
    public static I32F32 ToI32F32FromSingle(uint bits) =>
        Convert(negative: (bits >> 31) != 0, exponent: (int)((bits >> 23) & 0xFF), mantissa: bits & 0x7F_FFFF, mantissaBits: 23, bias: 127);

    public static I32F32 ToI32F32FromDouble(ulong bits) =>
        Convert(negative: (bits >> 63) != 0, exponent: (int)((bits >> 52) & 0x7FF), mantissa: bits & 0xF_FFFF_FFFF_FFFF, mantissaBits: 52, bias: 1023);

    private static I32F32 Convert(bool negative, int exponent, ulong mantissa, int mantissaBits, int bias)
    {
        if (exponent == (1 << (bias == 127 ? 8 : 11)) - 1)
        {
            throw new OverflowException("NaN or infinity has no fixed-point value.");
        }

        // value = significand · 2^(exponent - bias - mantissaBits); raw = value · 2^32.
        var significand = exponent == 0 ? mantissa : mantissa | (1UL << mantissaBits);
        var shift = (exponent == 0 ? 1 : exponent) - bias - mantissaBits + I32F32.FractionBits;
        Int128 magnitude;
        if (shift >= 0)
        {
            if (shift > 100)
            {
                throw new OverflowException();
            }

            magnitude = (Int128)significand << shift;
        }
        else if (-shift >= 127)
        {
            magnitude = 0;
        }
        else
        {
            var divisor = Int128.One << -shift;
            var quotient = (Int128)significand / divisor;
            var remainder = (Int128)significand % divisor;
            var half = divisor / 2;
            if (remainder > half || (remainder == half && (quotient & 1) == 1))
            {
                quotient++;
            }

            magnitude = quotient;
        }

        var raw = negative ? -magnitude : magnitude;
        if (raw > long.MaxValue || raw < long.MinValue)
        {
            throw new OverflowException();
        }

        return I32F32.FromRaw((long)raw);
    }
}
