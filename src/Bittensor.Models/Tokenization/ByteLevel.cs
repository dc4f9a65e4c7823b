namespace Bittensor.Models.Tokenization;

/// <summary>
/// GPT-2's reversible map between bytes and printable Unicode characters, used to write byte-level tokens as text
/// in <c>encoder.json</c> and <c>vocab.bpe</c>: the printable bytes <c>!</c>..<c>~</c>, <c>¡</c>..<c>¬</c> and
/// <c>®</c>..<c>ÿ</c> stand for themselves, and the other 68 bytes, in ascending order, for U+0100, U+0101, …
/// (so a space is <c>Ġ</c> and a newline <c>Ċ</c>). The order of the 256 bytes in this map is also the order of the
/// first 256 token ids of GPT-2's vocabulary.
/// </summary>
public static class ByteLevel
{
    private static readonly char[] ByteToCharTable = BuildByteToChar();
    private static readonly short[] CharToByteTable = BuildCharToByte();
    private static readonly byte[] BaseOrder = BuildBaseOrder();

    /// <summary>The character that stands for <paramref name="value"/>.</summary>
    public static char ToChar(byte value) => ByteToCharTable[value];

    /// <summary>The byte a character stands for, or false when the character is not in the map.</summary>
    public static bool TryToByte(char c, out byte value)
    {
        if (c < CharToByteTable.Length && CharToByteTable[c] >= 0)
        {
            value = (byte)CharToByteTable[c];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The 256 bytes in GPT-2's order: the printable bytes first, then the others, each ascending.</summary>
    public static ReadOnlySpan<byte> Order => BaseOrder;

    /// <summary>Writes <paramref name="bytes"/> as byte-level text.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = ByteToCharTable[source[i]];
            }
        });
    }

    /// <summary>Reads byte-level text back into bytes; refuses a character outside the map.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (!TryToByte(text[i], out bytes[i]))
            {
                throw new FormatException(
                    $"'{text}' is not byte-level text: character U+{(int)text[i]:X4} at position {i} stands for no byte " +
                    "(byte-level tokens use only the 256 characters of GPT-2's byte-to-unicode map).");
            }
        }

        return bytes;
    }

    private static bool IsPrintable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;

    private static byte[] BuildBaseOrder()
    {
        var order = new byte[256];
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            if (IsPrintable(b))
            {
                order[n++] = (byte)b;
            }
        }

        for (var b = 0; b < 256; b++)
        {
            if (!IsPrintable(b))
            {
                order[n++] = (byte)b;
            }
        }

        return order;
    }

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            map[b] = IsPrintable(b) ? (char)b : (char)next++;
        }

        return map;
    }

    private static short[] BuildCharToByte()
    {
        var table = new short[256 + 68];
        Array.Fill(table, (short)-1);
        for (var b = 0; b < 256; b++)
        {
            table[ByteToCharTable[b]] = (short)b;
        }

        return table;
    }
}
