namespace Bittensor.Primitives.Keys;

/// <summary>
/// Base58 with the Bitcoin alphabet (no 0, O, I, l): the bytes as one big-endian number in base 58, each leading
/// zero byte written as <c>1</c>. Used by SS58 addresses.
/// </summary>
public static class Base58
{
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] DigitValues = BuildDigitValues();

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256) / log(58) < 1.37: enough base-58 digits for the non-zero part.
        var digits = new byte[((data.Length - zeros) * 137 / 100) + 1];
        var used = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            var carry = (int)data[i];
            for (var j = 0; j < used; j++)
            {
                carry += digits[j] << 8;
                digits[j] = (byte)(carry % 58);
                carry /= 58;
            }

            while (carry > 0)
            {
                digits[used++] = (byte)(carry % 58);
                carry /= 58;
            }
        }

        var chars = new char[zeros + used];
        chars.AsSpan(0, zeros).Fill('1');
        for (var k = 0; k < used; k++)
        {
            chars[zeros + k] = Alphabet[digits[used - 1 - k]];
        }

        return new string(chars);
    }

    /// <summary>Decodes Base58 text; a character outside the alphabet is a <see cref="FormatException"/>.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        // log(58) / log(256) < 0.74: enough bytes for the rest.
        var bytes = new byte[((text.Length - zeros) * 74 / 100) + 1];
        var used = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var value = c < 128 ? DigitValues[c] : (sbyte)-1;
            if (value < 0)
            {
                throw new FormatException($"Base58 text may use only the characters of the Bitcoin alphabet; character {i + 1} is not one of them.");
            }

            var carry = (int)value;
            for (var j = 0; j < used; j++)
            {
                carry += bytes[j] * 58;
                bytes[j] = (byte)carry;
                carry >>= 8;
            }

            while (carry > 0)
            {
                bytes[used++] = (byte)carry;
                carry >>= 8;
            }
        }

        var result = new byte[zeros + used];
        for (var k = 0; k < used; k++)
        {
            result[zeros + k] = bytes[used - 1 - k];
        }

        return result;
    }

    private static sbyte[] BuildDigitValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
