using System.Text;

namespace Bittensor.Models.Tests.Tokenization;

/// <summary>Random text that exercises every branch of GPT-2's pre-tokenisation.</summary>
internal static class RandomText
{
    // Letters, digits, all kinds of whitespace (including U+001C..U+001F, which are not White_Space), apostrophes and
    // contraction letters, punctuation, other scripts, other numbers (½, Roman numerals), symbols, controls.
    private static readonly string[] Pieces =
    [
        "a", "b", "Z", "s", "t", "re", "ve", "m", "ll", "d", "S", "LL", "'", "'", "''", " ", " ", "  ", "\t", "\n", "\r\n",
        "\v", "\f", "\u0085", "\u00a0", "\u1680", "\u2003", "\u2028", "\u2029", "\u202f", "\u3000", "\u001c", "\u001f",
        "0", "7", "42", "\u0663", "\u00bd", "\u2167", "\u00b2", ".", ",", "!", "?", "-", "$", "€", "_", "(", ")", "\"",
        "é", "ß", "Ω", "д", "中", "文", "ア", "한", "ʰ", "\u0301", "\u200b", "\u0000", "\u007f", "\ufffd", "\ufeff",
    ];

    // Astral code points: a mathematical letter (L), an emoji (So), a digit (Nd), an ancient number (No), a CJK letter.
    private static readonly string[] Astral = ["\U0001D400", "😀", "\U0001D7D8", "\U00010107", "\U00020000", "👍🏽"];

    public static string Unicode(Random random, int pieces, bool astral = true)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(astral && random.Next(12) == 0 ? Astral[random.Next(Astral.Length)] : Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }
}
