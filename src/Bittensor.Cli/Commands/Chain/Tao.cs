using System.Globalization;
using System.Numerics;

namespace Bittensor.Cli.Commands.Chain;

/// <summary>
/// TAO amounts as text, exactly: 1 τ = 10⁹ rao. Parsing reads decimal digits into rao with integer arithmetic (no
/// floating point), so <c>0.1</c> is exactly 100,000,000 rao; more than 9 decimals is refused rather than rounded.
/// </summary>
public static class Tao
{
    /// <summary>Rao in one TAO.</summary>
    public const ulong RaoPerTao = 1_000_000_000;

    /// <summary>Decimal places of TAO.</summary>
    public const int Decimals = 9;

    /// <summary>The TAO symbol, τ.</summary>
    public const string Symbol = "τ";

    /// <summary>
    /// Parses a TAO amount (<c>12</c>, <c>0.5</c>, <c>1,000.25</c>, optionally prefixed or suffixed with <c>τ</c> or
    /// suffixed with <c>TAO</c>) to rao. Returns false with <paramref name="problem"/> naming what is wrong: not a
    /// number, negative, more than 9 decimals, or more rao than a u64 holds.
    /// </summary>
    public static bool TryParse(string? text, out ulong rao, out string problem)
    {
        rao = 0;
        var s = (text ?? string.Empty).Trim();
        if (s.EndsWith("TAO", StringComparison.OrdinalIgnoreCase))
        {
            s = s[..^3].TrimEnd();
        }

        s = s.Trim().TrimStart('τ').TrimEnd('τ').Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        if (s.StartsWith('-'))
        {
            problem = $"'{text}' is negative: give an amount of TAO of at least 0, e.g. 1.5.";
            return false;
        }

        if (s.StartsWith('+'))
        {
            s = s[1..];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? string.Empty : s[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            problem = $"'{text}' is not an amount of TAO: give digits with at most one '.', e.g. 1.5 or 0.000000001.";
            return false;
        }

        if (fraction.Length > Decimals)
        {
            problem = $"'{text}' has {fraction.Length} decimals; TAO has {Decimals} (1 rao = 0.000000001 τ): give at most {Decimals}.";
            return false;
        }

        var value = (whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture)) * RaoPerTao
            + (fraction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fraction.PadRight(Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        if (value > ulong.MaxValue)
        {
            problem = $"'{text}' is more TAO than an account can hold (at most {Format(ulong.MaxValue, symbol: false)}).";
            return false;
        }

        rao = (ulong)value;
        problem = string.Empty;
        return true;
    }

    /// <summary>Parses a TAO amount to rao, or throws <see cref="CliUsageException"/> naming <paramref name="option"/> and the problem.</summary>
    public static ulong Parse(string? text, string option = "--amount") =>
        TryParse(text, out var rao, out var problem) ? rao : throw new CliUsageException($"{option}: {problem}");

    /// <summary>Rao as TAO with all 9 decimals and thousands separators: <c>τ1,234.500000000</c> (without the symbol when <paramref name="symbol"/> is false).</summary>
    public static string Format(ulong rao, bool symbol = true)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{rao / RaoPerTao:N0}.{rao % RaoPerTao:D9}");
        return symbol ? Symbol + text : text;
    }

    /// <summary>Rao as a plain decimal TAO string for JSON (<c>"1234.500000000"</c>: no symbol, no separators).</summary>
    public static string ToDecimalString(ulong rao) => string.Create(CultureInfo.InvariantCulture, $"{rao / RaoPerTao}.{rao % RaoPerTao:D9}");
}
