using System.Runtime.CompilerServices;

namespace Bittensor.Runtime.Epoch;

/// <summary>
/// I32F32 arithmetic on raw bits for the epoch's hot loops, where every operand is a non-negative proportion of at
/// most a few units. Results are identical to <see cref="Bittensor.Primitives.FixedPoint.I32F32"/>'s operators for such
/// operands: products floor, quotients truncate.
/// </summary>
internal static class FixedRaw
{
    public const long One = 1L << 32;

    /// <summary>floor(a × b / 2^32) for a, b ≥ 0 whose product is below 2^96.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mul(long a, long b)
    {
        var high = Math.BigMul((ulong)a, (ulong)b, out var low);
        return (long)((high << 32) | (low >> 32));
    }

    /// <summary>trunc(a × 2^32 / b) for a ≥ 0, b > 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Div(long a, long b)
    {
        if ((ulong)a < (1UL << 32))
        {
            return (long)(((ulong)a << 32) / (ulong)b);
        }

        return DivWide(a, b);
    }

    /// <summary>floor(x × 65535) as u16: a proportion in [0, 1] back to the chain's u16 form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ToU16Proportion(long x)
    {
        var value = (x * 65535) >> 32;
        if ((ulong)value > ushort.MaxValue)
        {
            ThrowProportionOverflow();
        }

        return (ushort)value;
    }

    /// <summary>floor(I96F32(x) × I96F32(amount)) as u64, for 0 ≤ x ≤ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Scale(long x, ulong amount)
    {
        var high = Math.BigMul((ulong)x, amount, out var low);
        if (high >= (1UL << 32))
        {
            ThrowProportionOverflow();
        }

        return (high << 32) | (low >> 32);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long DivWide(long a, long b)
    {
        var quotient = ((UInt128)(ulong)a << 32) / (ulong)b;
        if (quotient > long.MaxValue)
        {
            throw new OverflowException("Fixed-point overflow in the epoch.");
        }

        return (long)quotient;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowProportionOverflow() => throw new OverflowException("Fixed-point overflow in the epoch.");
}
