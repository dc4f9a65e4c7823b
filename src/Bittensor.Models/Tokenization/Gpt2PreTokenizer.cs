using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bittensor.Models.Tokenization;

/// <summary>
/// GPT-2's pre-tokenisation: the text is cut into pieces by the pattern <see cref="Pattern"/>, each piece is then
/// encoded by byte pair merges on its own. This is a hand-written scanner over UTF-8 that finds the same pieces as the
/// pattern does over code points (letters are <c>\p{L}</c>, numbers <c>\p{N}</c>, whitespace the Unicode
/// White_Space set), without a regular expression engine.
/// </summary>
/// <remarks>
/// Bytes that are not valid UTF-8 (which a string can never hold) are treated like U+FFFD, as punctuation: each
/// maximal invalid sequence is one code point of the <c>[^\s\p{L}\p{N}]</c> class. Encoding such bytes therefore
/// never fails and decoding gives them back exactly.
/// </remarks>
public static class Gpt2PreTokenizer
{
    /// <summary>GPT-2's pre-tokenisation pattern (its <c>encoder.py</c>), in .NET regular expression syntax.</summary>
    public const string Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    internal const byte Letter = 0;
    internal const byte Number = 1;
    internal const byte Space = 2;
    internal const byte Other = 3;

    private static readonly byte[] AsciiClasses = BuildAsciiClasses();

    /// <summary>
    /// The end (exclusive byte offset) of the piece that starts at <paramref name="start"/> of
    /// <paramref name="utf8"/>; pieces cover the input without gaps, so the next one starts there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PieceEnd(ReadOnlySpan<byte> utf8, int start)
    {
        if ((uint)start >= (uint)utf8.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"The input has {utf8.Length} bytes.");
        }

        var b = utf8[start];
        if (b == (byte)'\'' && start + 1 < utf8.Length)
        {
            var c = utf8[start + 1];
            switch (c)
            {
                case (byte)'s' or (byte)'t' or (byte)'m' or (byte)'d':
                    return start + 2;
                case (byte)'r' or (byte)'v' when start + 2 < utf8.Length && utf8[start + 2] == (byte)'e':
                    return start + 3;
                case (byte)'l' when start + 2 < utf8.Length && utf8[start + 2] == (byte)'l':
                    return start + 3;
                default:
                    break;
            }
        }

        var cls = Classify(utf8, start, out var width);
        if (b == (byte)' ' && start + 1 < utf8.Length)
        {
            var next = Classify(utf8, start + 1, out var nextWidth);
            if (next != Space)
            {
                return RunEnd(utf8, start + 1 + nextWidth, next);
            }
        }

        if (cls != Space)
        {
            return RunEnd(utf8, start + width, cls);
        }

        // \s+(?!\S) takes a whitespace run up to the end of the input, or all of it but its last character when a
        // non-space follows (that character then goes with the next piece, or alone via \s+ when the run is one long).
        var position = start + width;
        var lastStart = start;
        while (position < utf8.Length)
        {
            if (Classify(utf8, position, out var w) != Space)
            {
                return lastStart > start ? lastStart : position;
            }

            lastStart = position;
            position += w;
        }

        return position;
    }

    /// <summary>Cuts <paramref name="text"/> into GPT-2's pieces (for inspection and tests; encoding uses spans).</summary>
    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        var pieces = new List<string>();
        for (var start = 0; start < utf8.Length;)
        {
            var end = PieceEnd(utf8, start);
            pieces.Add(Encoding.UTF8.GetString(utf8, start, end - start));
            start = end;
        }

        return pieces;
    }

    /// <summary>The byte ranges of the pieces of <paramref name="utf8"/>, in order.</summary>
    public static List<Range> SplitRanges(ReadOnlySpan<byte> utf8)
    {
        var pieces = new List<Range>();
        for (var start = 0; start < utf8.Length;)
        {
            var end = PieceEnd(utf8, start);
            pieces.Add(start..end);
            start = end;
        }

        return pieces;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RunEnd(ReadOnlySpan<byte> utf8, int position, byte cls)
    {
        while (position < utf8.Length)
        {
            var b = utf8[position];
            if (b < 0x80)
            {
                if (AsciiClasses[b] != cls)
                {
                    return position;
                }

                position++;
                continue;
            }

            if (Classify(utf8, position, out var width) != cls)
            {
                return position;
            }

            position += width;
        }

        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static byte Classify(ReadOnlySpan<byte> utf8, int position, out int width)
    {
        var b = utf8[position];
        if (b < 0x80)
        {
            width = 1;
            return AsciiClasses[b];
        }

        var status = Rune.DecodeFromUtf8(utf8[position..], out var rune, out width);
        if (status != OperationStatus.Done)
        {
            width = Math.Max(width, 1);
            return Other;
        }

        return ClassOf(rune);
    }

    internal static byte ClassOf(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return Space;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
            _ => Other,
        };
    }

    private static byte[] BuildAsciiClasses()
    {
        var classes = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            classes[c] = ClassOf(new Rune(c));
        }

        return classes;
    }
}
