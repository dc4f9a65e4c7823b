using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Primitives.Linear;

/// <summary>
/// Vector helpers of the epoch (chain spec §6.5), bit-exact with the reference <c>math.rs</c>: every product is
/// rounded down on its own, sums are exact left folds, divisions truncate.
/// </summary>
public static class VectorMath
{
    public static I32F32 Sum(ReadOnlySpan<I32F32> x)
    {
        var sum = I32F32.Zero;
        foreach (var value in x)
        {
            sum += value;
        }

        return sum;
    }

    public static bool IsZero(ReadOnlySpan<I32F32> x) => Sum(x) == I32F32.Zero;

    /// <summary>Sum of u64 values, or null when it overflows.</summary>
    public static ulong? CheckedSum(ReadOnlySpan<ulong> x)
    {
        ulong sum = 0;
        foreach (var value in x)
        {
            if (ulong.MaxValue - sum < value)
            {
                return null;
            }

            sum += value;
        }

        return sum;
    }

    /// <summary>Sum of u16 values, or null when it overflows u16.</summary>
    public static ushort? CheckedSum(ReadOnlySpan<ushort> x)
    {
        var sum = 0;
        foreach (var value in x)
        {
            sum += value;
            if (sum > ushort.MaxValue)
            {
                return null;
            }
        }

        return (ushort)sum;
    }

    /// <summary>x / Σx (a copy); unchanged when the sum is zero.</summary>
    public static I32F32[] Normalize(ReadOnlySpan<I32F32> x)
    {
        var result = x.ToArray();
        NormalizeInPlace(result);
        return result;
    }

    /// <summary>x[i] /= Σx; nothing when the sum is zero.</summary>
    public static void NormalizeInPlace(Span<I32F32> x) => NormalizeUsingSumInPlace(x, Sum(x));

    /// <summary>x[i] /= sum; nothing when the sum is zero.</summary>
    public static void NormalizeUsingSumInPlace(Span<I32F32> x, I32F32 sum)
    {
        if (sum == I32F32.Zero)
        {
            return;
        }

        for (var i = 0; i < x.Length; i++)
        {
            x[i] /= sum;
        }
    }

    /// <summary>I64F64 version of <see cref="NormalizeInPlace(Span{I32F32})"/>.</summary>
    public static void NormalizeInPlace(Span<I64F64> x)
    {
        var sum = I64F64.Zero;
        foreach (var value in x)
        {
            sum += value;
        }

        if (sum == I64F64.Zero)
        {
            return;
        }

        for (var i = 0; i < x.Length; i++)
        {
            x[i] /= sum;
        }
    }

    /// <summary>I64F64 → I32F32 element-wise (floor to 32 fraction bits).</summary>
    public static I32F32[] ToI32F32(ReadOnlySpan<I64F64> x)
    {
        var result = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = I32F32.FromI64F64(x[i]);
        }

        return result;
    }

    /// <summary>Sets x[i] = 0 where mask[i] is true.</summary>
    public static void MaskInPlace(ReadOnlySpan<bool> mask, Span<I32F32> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (mask[i])
            {
                x[i] = I32F32.Zero;
            }
        }
    }

    /// <summary>x[i] / y[i], or 0 where y[i] is 0.</summary>
    public static I32F32[] Divide(ReadOnlySpan<I32F32> x, ReadOnlySpan<I32F32> y)
    {
        RequireSameLength(x.Length, y.Length);
        var result = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = y[i] == I32F32.Zero ? I32F32.Zero : x[i] / y[i];
        }

        return result;
    }

    /// <summary>
    /// True for the k largest values. Ties are broken as the reference's stable ascending sort does: among equal values
    /// the lower indices are dropped first. All true when len ≤ k.
    /// </summary>
    public static bool[] IsTopK(ReadOnlySpan<I32F32> x, int k)
    {
        var result = new bool[x.Length];
        if (x.Length <= k)
        {
            result.AsSpan().Fill(true);
            return result;
        }

        var order = new int[x.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var values = x.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byValue = values[a].CompareTo(values[b]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        });
        for (var rank = x.Length - k; rank < x.Length; rank++)
        {
            result[order[rank]] = true;
        }

        return result;
    }

    /// <summary>
    /// Scales so that the maximum becomes 65535 and rounds each entry (ties away from zero) to u16; all zero when the
    /// maximum is zero. For maxima above 32768 the factor 65535/max is truncated first, as the reference does.
    /// </summary>
    public static ushort[] MaxUpscaleToU16(ReadOnlySpan<I32F32> x)
    {
        var result = new ushort[x.Length];
        MaxUpscaleToU16(x, result);
        return result;
    }

    /// <summary>As <see cref="MaxUpscaleToU16(ReadOnlySpan{I32F32})"/>, into <paramref name="destination"/>.</summary>
    public static void MaxUpscaleToU16(ReadOnlySpan<I32F32> x, Span<ushort> destination)
    {
        if (x.Length == 0)
        {
            return;
        }

        var max = x[0];
        foreach (var value in x)
        {
            if (value > max)
            {
                max = value;
            }
        }

        var u16Max = I32F32.FromU16(ushort.MaxValue);
        if (max == I32F32.Zero)
        {
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = (x[i] * u16Max).ToU16();
            }
        }
        else if (max > I32F32.FromInt(32768))
        {
            var ratio = u16Max.SaturatingDiv(max);
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = x[i].SaturatingMul(ratio).Round().ToU16();
            }
        }
        else
        {
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = x[i].SaturatingMul(u16Max).SaturatingDiv(max).Round().ToU16();
            }
        }
    }

    /// <summary><see cref="MaxUpscaleToU16(ReadOnlySpan{I32F32})"/> on u16 inputs read as integers.</summary>
    public static ushort[] MaxUpscaleToU16(ReadOnlySpan<ushort> x)
    {
        var fixedValues = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            fixedValues[i] = I32F32.FromU16(x[i]);
        }

        return MaxUpscaleToU16(fixedValues);
    }

    /// <summary>True iff the largest normalised entry is at most limit/65535 (true for an empty vector).</summary>
    public static bool CheckMaxLimited(ReadOnlySpan<ushort> weights, ushort maxLimit)
    {
        if (weights.Length == 0)
        {
            return true;
        }

        var values = new I32F32[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            values[i] = I32F32.FromU16(weights[i]);
        }

        NormalizeInPlace(values);
        var max = values[0];
        foreach (var value in values)
        {
            if (value > max)
            {
                max = value;
            }
        }

        return max <= I32F32.FromU16Proportion(maxLimit);
    }

    /// <summary>x / sum in I64F64, as the chain normalises one stake against a total.</summary>
    public static I64F64 U64Ratio(ulong x, ulong sum) => I64F64.FromUInt(x) / I64F64.FromUInt(sum);

    internal static void RequireSameLength(int a, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"Length mismatch: {a.ToString(System.Globalization.CultureInfo.InvariantCulture)} vs {b.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }
}
