namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// The transcendental functions the chain uses, reproducing <c>substrate_fixed::transcendental</c> bit for bit:
/// a Taylor series whose terms are rounded at every step, so the results are deterministic but not correctly rounded.
/// </summary>
public static class FixedTranscendental
{
    /// <summary>Euler's number as the reference's constant: 22802600 / 2^23.</summary>
    private const long EulerRaw23 = 22802600;

    /// <summary>e^x for I32F32; false when an intermediate overflows (the reference returns an error there).</summary>
    public static bool TryExp(I32F32 x, out I32F32 result)
    {
        if (x.Raw == 0)
        {
            result = I32F32.One;
            return true;
        }

        if (x == I32F32.One)
        {
            result = I32F32.FromRaw(EulerRaw23 << (I32F32.FractionBits - 23));
            return true;
        }

        result = default;
        var negative = x.Raw < 0;
        if (x.Raw == long.MinValue)
        {
            return false;
        }

        var operand = negative ? I32F32.FromRaw(-x.Raw) : x;
        var sum = operand + I32F32.One;
        var term = operand;
        for (var i = 2; i < I32F32.FractionBits; i++)
        {
            if (!I32F32.TryMultiply(term, operand, out term) || !I32F32.TryDivide(term, I32F32.FromInt(i), out term))
            {
                return false;
            }

            var next = sum.Raw + term.Raw;
            if (((sum.Raw ^ next) & (term.Raw ^ next)) < 0)
            {
                return false;
            }

            sum = I32F32.FromRaw(next);
        }

        if (negative)
        {
            return I32F32.TryDivide(I32F32.One, sum, out result);
        }

        result = sum;
        return true;
    }

    /// <summary>e^x for I64F64 (root epoch); false when an intermediate overflows.</summary>
    public static bool TryExp(I64F64 x, out I64F64 result)
    {
        if (x.Raw == 0)
        {
            result = I64F64.One;
            return true;
        }

        if (x == I64F64.One)
        {
            result = I64F64.FromRaw((Int128)EulerRaw23 << (I64F64.FractionBits - 23));
            return true;
        }

        result = default;
        if (x.Raw == Int128.MinValue)
        {
            return false;
        }

        var negative = x.Raw < 0;
        var operand = negative ? I64F64.FromRaw(-x.Raw) : x;
        if (!TryAdd(operand, I64F64.One, out var sum))
        {
            return false;
        }

        var term = operand;
        for (var i = 2; i < I64F64.FractionBits; i++)
        {
            if (!I64F64.TryMultiply(term, operand, out term)
                || !I64F64.TryDivide(term, I64F64.FromInt(i), out term)
                || !TryAdd(sum, term, out sum))
            {
                return false;
            }
        }

        if (negative)
        {
            return I64F64.TryDivide(I64F64.One, sum, out result);
        }

        result = sum;
        return true;
    }

    /// <summary>
    /// <c>exp_safe</c>: e^x with x clamped to [−20, 20]; an overflowing series gives 0 for x ≤ 0 and the maximum otherwise.
    /// </summary>
    public static I32F32 ExpSafe(I32F32 x)
    {
        var min = I32F32.FromInt(-20);
        var max = I32F32.FromInt(20);
        var clamped = x < min ? min : max < x ? max : x;
        if (TryExp(clamped, out var value))
        {
            return value;
        }

        return clamped.Raw <= 0 ? I32F32.Zero : I32F32.MaxValue;
    }

    /// <summary><c>sigmoid_safe</c>: 1 / (1 + e^(−ρ(x − κ))) with saturating arithmetic throughout.</summary>
    public static I32F32 SigmoidSafe(I32F32 input, I32F32 rho, I32F32 kappa)
    {
        var one = I32F32.One;
        var offset = input.SaturatingSub(kappa);
        var negativeRho = rho.SaturatingMul(I32F32.FromInt(-1));
        var exponent = negativeRho.SaturatingMul(offset);
        var denominator = ExpSafe(exponent).SaturatingAdd(one);
        return one.SaturatingDiv(denominator);
    }

    private static bool TryAdd(I64F64 a, I64F64 b, out I64F64 sum)
    {
        var raw = a.Raw + b.Raw;
        sum = I64F64.FromRaw(raw);
        return ((a.Raw ^ raw) & (b.Raw ^ raw)) >= 0;
    }
}
