using System.Text.RegularExpressions;

namespace Bittensor.Sdk.Wallets;

/// <summary>
/// The rule a new keyfile password must meet (spec §1.7, the Python SDK's <c>validate_password</c> through the
/// <c>password_strength</c> package): at least 6 characters, at least 10 bits of entropy, and a strength of at least
/// 0.20 after discounting repeated patterns and sequences. Existing keyfiles are unlocked whatever their password.
/// </summary>
public static partial class PasswordPolicy
{
    public const int MinLength = 6;

    public const double MinEntropyBits = 10;

    public const double MinScore = 0.20;

    private const double WeakBits = 30;
    private const double WeakMax = 0.333333333;
    private const double HardValue = 0.950;

    // The alphabet, the keyboard's letter rows, its top row of symbols and the digits, then all of it reversed.
    private const string ForwardSequences = "abcdefghijklmnopqrstuvwxyz" + "qwertyuiopasdfghjklzxcvbnm" + "~!@#$%^&*()_+-=" + "01234567890";

    private static readonly int[] Sequences = BuildSequences();

    /// <summary>The figures of <paramref name="password"/>.</summary>
    public static PasswordStrength Evaluate(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var runes = ToCodePoints(password);
        var length = runes.Length;
        if (length == 0)
        {
            return new PasswordStrength(0, 0, 0, 1);
        }

        var distinct = runes.Distinct().Count();
        var entropyBits = length * Math.Log2(distinct);
        var weakness = Math.Min(1.0, (double)(RepeatedPatternsLength(password) + SequencesLength(runes)) / length);
        return new PasswordStrength(length, entropyBits, Strength(entropyBits), weakness);
    }

    /// <summary>Whether <paramref name="password"/> meets the rule; <paramref name="problem"/> says what is wrong if not.</summary>
    public static bool IsAcceptable(string password, out string? problem)
    {
        problem = Evaluate(password).Problem;
        return problem is null;
    }

    /// <summary>Throws unless <paramref name="password"/> meets the rule.</summary>
    /// <exception cref="KeyfileException"><see cref="KeyfileError.WeakPassword"/>, with the reason.</exception>
    public static void Require(string password)
    {
        if (!IsAcceptable(password, out var problem))
        {
            throw new KeyfileException(KeyfileError.WeakPassword, problem!);
        }
    }

    /// <summary><c>password_strength</c>'s <c>strength(weak_bits=30)</c>: linear up to 30 bits, then approaching 1.</summary>
    private static double Strength(double entropyBits)
    {
        if (entropyBits <= WeakBits)
        {
            return WeakMax * entropyBits / WeakBits;
        }

        var k = -Math.Log2((1 - HardValue) / (1 - WeakMax)) / (WeakBits * 3);
        return 1 - ((1 - WeakMax) * Math.Pow(2, -k * (entropyBits - WeakBits)));
    }

    /// <summary>Characters in back-to-back repeats of a pattern (<c>((.+?)\2+)</c>, case-insensitive, left to right).</summary>
    private static int RepeatedPatternsLength(string password)
    {
        var total = 0;
        foreach (Match match in RepeatedPattern().Matches(password))
        {
            total += ToCodePoints(match.Value).Length;
        }

        return total;
    }

    /// <summary>
    /// Characters in runs of three or more that follow one of the sequences. From each position the longest run
    /// found anywhere in the sequences is taken (runs of one or two are skipped one character at a time).
    /// </summary>
    private static int SequencesLength(int[] password)
    {
        var total = 0;
        var i = 0;
        while (i < password.Length)
        {
            var longest = 1;
            for (var j = Array.IndexOf(Sequences, password[i]); j >= 0; j = Array.IndexOf(Sequences, password[i], j + 1))
            {
                var common = 0;
                while (i + common < password.Length && j + common < Sequences.Length && password[i + common] == Sequences[j + common])
                {
                    common++;
                }

                longest = Math.Max(longest, common);
            }

            if (longest > 2)
            {
                total += longest;
            }

            i += longest;
        }

        return total;
    }

    private static int[] ToCodePoints(string text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.Value);
        }

        return [.. points];
    }

    private static int[] BuildSequences()
    {
        var reversed = ForwardSequences.ToCharArray();
        Array.Reverse(reversed);
        return ToCodePoints(ForwardSequences + new string(reversed));
    }

    [GeneratedRegex(@"((.+?)\2+)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedPattern();
}
