using System.Globalization;
using System.Numerics;
using System.Text;

namespace Bittensor.Primitives.FixedPoint;

/// <summary>Exact, culture-invariant decimal text for binary fixed-point values (every 2^-F has a finite expansion).</summary>
internal static class FixedDecimal
{
    public static string Format(BigInteger raw, int fractionBits)
    {
        var negative = raw.Sign < 0;
        var magnitude = BigInteger.Abs(raw);
        var integerPart = magnitude >> fractionBits;
        var fraction = magnitude - (integerPart << fractionBits);
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        text.Append(integerPart.ToString(CultureInfo.InvariantCulture));
        if (fraction.IsZero)
        {
            return text.ToString();
        }

        text.Append('.');
        while (!fraction.IsZero)
        {
            fraction *= 10;
            var digit = fraction >> fractionBits;
            text.Append((char)('0' + (int)digit));
            fraction -= digit << fractionBits;
        }

        return text.ToString();
    }
}
