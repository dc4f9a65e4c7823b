using System.Numerics;

namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// The arithmetic shared by the 128-bit fixed-point types, with <c>substrate_fixed</c> semantics: exact add and
/// subtract, multiplication rounded toward −∞, division rounded toward zero, conversions that floor.
/// </summary>
internal static class Fixed128<T>
    where T : struct, IFixed128<T>
{
    public static T FromInteger(Int128 value)
    {
        var bits = T.FractionBits;
        var limit = Int128.MaxValue >> bits;
        if (value > limit || value < -limit - 1)
        {
            I32F32.ThrowOverflow();
        }

        return T.FromRaw(value << bits);
    }

    public static T FromInteger(UInt128 value)
    {
        if (value > (UInt128)Int128.MaxValue)
        {
            I32F32.ThrowOverflow();
        }

        return FromInteger((Int128)value);
    }

    /// <summary>Converts between fraction widths: left shift (exact, overflow-checked) or arithmetic right shift (floor).</summary>
    public static T FromRawWithBits(Int128 raw, int fromBits)
    {
        var toBits = T.FractionBits;
        if (fromBits >= toBits)
        {
            return T.FromRaw(raw >> (fromBits - toBits));
        }

        var shift = toBits - fromBits;
        var limit = Int128.MaxValue >> shift;
        if (raw > limit || raw < -limit - 1)
        {
            I32F32.ThrowOverflow();
        }

        return T.FromRaw(raw << shift);
    }

    public static T Add(T a, T b)
    {
        var sum = a.Raw + b.Raw;
        if (((a.Raw ^ sum) & (b.Raw ^ sum)) < 0)
        {
            I32F32.ThrowOverflow();
        }

        return T.FromRaw(sum);
    }

    public static T Subtract(T a, T b)
    {
        var difference = a.Raw - b.Raw;
        if (((a.Raw ^ b.Raw) & (a.Raw ^ difference)) < 0)
        {
            I32F32.ThrowOverflow();
        }

        return T.FromRaw(difference);
    }

    public static T Negate(T a)
    {
        if (a.Raw == Int128.MinValue)
        {
            I32F32.ThrowOverflow();
        }

        return T.FromRaw(-a.Raw);
    }

    public static bool TryMultiply(T a, T b, out T result)
    {
        var ok = WideArithmetic.TryMultiplyShift(a.Raw, b.Raw, T.FractionBits, out var raw);
        result = T.FromRaw(raw);
        return ok;
    }

    public static bool TryDivide(T a, T b, out T result)
    {
        var ok = WideArithmetic.TryDivideShift(a.Raw, b.Raw, T.FractionBits, out var raw);
        result = T.FromRaw(raw);
        return ok;
    }

    public static T Multiply(T a, T b)
    {
        if (!TryMultiply(a, b, out var result))
        {
            I32F32.ThrowOverflow();
        }

        return result;
    }

    public static T Divide(T a, T b)
    {
        if (b.Raw == 0)
        {
            throw new DivideByZeroException("Fixed-point division by zero.");
        }

        if (!TryDivide(a, b, out var result))
        {
            I32F32.ThrowOverflow();
        }

        return result;
    }

    public static T SaturatingAdd(T a, T b)
    {
        var sum = a.Raw + b.Raw;
        if (((a.Raw ^ sum) & (b.Raw ^ sum)) < 0)
        {
            return T.FromRaw(a.Raw < 0 ? Int128.MinValue : Int128.MaxValue);
        }

        return T.FromRaw(sum);
    }

    public static T SaturatingSubtract(T a, T b)
    {
        var difference = a.Raw - b.Raw;
        if (((a.Raw ^ b.Raw) & (a.Raw ^ difference)) < 0)
        {
            return T.FromRaw(a.Raw < 0 ? Int128.MinValue : Int128.MaxValue);
        }

        return T.FromRaw(difference);
    }

    public static T SaturatingMultiply(T a, T b)
    {
        if (TryMultiply(a, b, out var result))
        {
            return result;
        }

        return T.FromRaw((a.Raw < 0) ^ (b.Raw < 0) ? Int128.MinValue : Int128.MaxValue);
    }

    public static T SaturatingDivide(T a, T b)
    {
        if (TryDivide(a, b, out var result))
        {
            return result;
        }

        var negative = b.Raw == 0 ? a.Raw < 0 : (a.Raw < 0) ^ (b.Raw < 0);
        return T.FromRaw(negative ? Int128.MinValue : Int128.MaxValue);
    }

    public static T Floor(T a) => T.FromRaw(a.Raw & ~((Int128.One << T.FractionBits) - 1));

    public static T Round(T a)
    {
        var half = Int128.One << (T.FractionBits - 1);
        var mask = ~((Int128.One << T.FractionBits) - 1);
        if (a.Raw >= 0)
        {
            if (a.Raw > Int128.MaxValue - half)
            {
                I32F32.ThrowOverflow();
            }

            return T.FromRaw((a.Raw + half) & mask);
        }

        if (a.Raw == Int128.MinValue)
        {
            return a;
        }

        return T.FromRaw(-((-a.Raw + half) & mask));
    }

    /// <summary>Integer part as u64 (floor); throws when outside [0, 2^64).</summary>
    public static ulong ToU64(T a)
    {
        var integer = a.Raw >> T.FractionBits;
        if (integer < 0 || integer > ulong.MaxValue)
        {
            I32F32.ThrowOverflow();
        }

        return (ulong)integer;
    }

    /// <summary>Integer part (floor) as a signed 128-bit integer.</summary>
    public static Int128 ToInt128(T a) => a.Raw >> T.FractionBits;

    public static string Format(T a) => FixedDecimal.Format((BigInteger)a.Raw, T.FractionBits);
}
