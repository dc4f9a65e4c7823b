using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bittensor.Models.Tokenization;

namespace Bittensor.Models.Tests.Tokenization;

public sealed class Gpt2PreTokenizerTests
{
    private static readonly Regex Gpt2Pattern = new(Gpt2PreTokenizer.Pattern, RegexOptions.CultureInvariant);

    [Fact(Timeout = 60_000)]
    public async Task Pieces_equal_the_regular_expression_on_random_text()
    {
        await Task.Yield();
        var random = new Random(42);
        for (var trial = 0; trial < 5000; trial++)
        {
            var text = RandomText.Unicode(random, random.Next(0, 60));
            Assert.Equal(RegexPieces(text), Gpt2PreTokenizer.Split(text));
        }
    }

    [Theory(Timeout = 10_000)]
    [InlineData("I'm here, aren't you? We'll see.", new[] { "I", "'m", " here", ",", " aren", "'t", " you", "?", " We", "'ll", " see", "." })]
    [InlineData("IT'S 'sup", new[] { "IT", "'", "S", " '", "sup" })]
    [InlineData("a  b   \n\n c\t", new[] { "a", " ", " b", "   \n\n", " c", "\t" })]
    [InlineData("x\u00a0\u00a0y", new[] { "x", "\u00a0", "\u00a0", "y" })]
    [InlineData("12 345ab", new[] { "12", " 345", "ab" })]
    [InlineData("a\U0001D400b 😀😀!", new[] { "a\U0001D400b", " 😀😀!" })]
    public async Task Cuts_known_cases(string text, string[] expected)
    {
        await Task.Yield();
        Assert.Equal(expected, Gpt2Pieces(text));
    }

    [Fact(Timeout = 10_000)]
    public async Task Invalid_utf8_is_cut_like_punctuation_and_covers_every_byte()
    {
        await Task.Yield();
        byte[] input = [(byte)'a', 0xFF, 0xFE, (byte)' ', 0xC3, (byte)'b', 0xE2, 0x82];
        var ranges = Gpt2PreTokenizer.SplitRanges(input);
        var pieces = ranges.Select(r => Convert.ToHexString(input[r])).ToArray();
        // 0xFF and 0xFE are two invalid "characters" of the punctuation class; " " then takes the lone 0xC3; "b" a
        // letter; the truncated E2 82 is one invalid sequence.
        Assert.Equal(["61", "FFFE", "20C3", "62", "E282"], pieces);
    }

    /// <summary>
    /// The pattern's pieces, computed by .NET's regex engine. It matches UTF-16 code units, GPT-2's (Python's `regex`)
    /// code points, so every astral code point is first replaced by a stand-in of the same class from the BMP; the
    /// pieces are then cut from the original text at the same code point positions.
    /// </summary>
    private static List<string> RegexPieces(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var skeleton = new StringBuilder();
        foreach (var rune in runes)
        {
            skeleton.Append(rune.IsBmp ? (char)rune.Value : StandIn(rune));
        }

        var pieces = new List<string>();
        var position = 0;
        foreach (Match match in Gpt2Pattern.Matches(skeleton.ToString()))
        {
            Assert.Equal(position, match.Index); // the pattern covers every character
            var builder = new StringBuilder();
            foreach (var rune in runes.AsSpan(match.Index, match.Length))
            {
                builder.Append(rune.ToString());
            }

            pieces.Add(builder.ToString());
            position += match.Length;
        }

        Assert.Equal(runes.Length, position);
        return pieces;
    }

    private static char StandIn(Rune rune) => CharUnicodeInfo.GetUnicodeCategory(rune.Value) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => 'ж',
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => '\u0663',
        _ => '\u2603',
    };

    private static List<string> Gpt2Pieces(string text) => Gpt2PreTokenizer.Split(text);
}
