using System.Security.Cryptography;
using System.Text;

namespace Bittensor.Primitives.Keys;

/// <summary>
/// BIP39 mnemonics with the English word list: 12, 15, 18, 21 or 24 words for 16, 20, 24, 28 or 32 bytes of
/// entropy. Each word carries 11 bits; the last <c>words / 3</c> bits are the first bits of SHA-256(entropy), a
/// checksum validated on decoding. Error messages never quote the phrase or its words.
/// </summary>
public static class Mnemonic
{
    private const int BitsPerWord = 11;
    private const string ResourceName = "Bittensor.Primitives.Keys.bip39-english.txt";

    private static readonly Lazy<WordList> English = new(LoadEnglish);

    /// <summary>The allowed word counts.</summary>
    public static IReadOnlyList<int> WordCounts { get; } = [12, 15, 18, 21, 24];

    /// <summary>The 2048 words of the BIP39 English list, in index order.</summary>
    public static IReadOnlyList<string> EnglishWords => English.Value.Words;

    /// <summary>The entropy a phrase encodes, after checking the word count, every word and the checksum.</summary>
    /// <exception cref="FormatException">Wrong word count, an unknown word, or a checksum mismatch.</exception>
    public static byte[] ToEntropy(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var words = phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length % 3 != 0 || words.Length < 12 || words.Length > 24)
        {
            throw new FormatException($"A BIP39 mnemonic has 12, 15, 18, 21 or 24 words; this one has {words.Length}.");
        }

        var indexOf = English.Value.IndexOf;
        var packed = new byte[((words.Length * BitsPerWord) + 7) / 8];
        for (var w = 0; w < words.Length; w++)
        {
            if (!indexOf.TryGetValue(words[w], out var index))
            {
                CryptographicOperations.ZeroMemory(packed);
                throw new FormatException($"Word {w + 1} of the mnemonic is not in the BIP39 English word list.");
            }

            WriteBits(packed, w * BitsPerWord, index, BitsPerWord);
        }

        var checksumBits = words.Length / 3;
        var entropy = packed.AsSpan(0, (words.Length * BitsPerWord - checksumBits) / 8).ToArray();
        var stored = ReadBits(packed, entropy.Length * 8, checksumBits);
        CryptographicOperations.ZeroMemory(packed);
        if (stored != ChecksumOf(entropy, checksumBits))
        {
            CryptographicOperations.ZeroMemory(entropy);
            throw new FormatException("The mnemonic's checksum does not match: a word is wrong, missing or out of order.");
        }

        return entropy;
    }

    /// <summary>Whether <paramref name="phrase"/> is a valid English BIP39 mnemonic.</summary>
    public static bool IsValid(string? phrase)
    {
        if (phrase is null)
        {
            return false;
        }

        try
        {
            CryptographicOperations.ZeroMemory(ToEntropy(phrase));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The phrase for 16, 20, 24, 28 or 32 bytes of entropy, words separated by single spaces.</summary>
    public static string FromEntropy(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length is < 16 or > 32 || entropy.Length % 4 != 0)
        {
            throw new ArgumentException($"BIP39 entropy is 16, 20, 24, 28 or 32 bytes, got {entropy.Length}.", nameof(entropy));
        }

        var checksumBits = entropy.Length / 4;
        var wordCount = ((entropy.Length * 8) + checksumBits) / BitsPerWord;
        var packed = new byte[entropy.Length + 1];
        entropy.CopyTo(packed);
        WriteBits(packed, entropy.Length * 8, ChecksumOf(entropy, checksumBits), checksumBits);

        var words = English.Value.Words;
        var text = new StringBuilder(wordCount * 9);
        for (var w = 0; w < wordCount; w++)
        {
            if (w > 0)
            {
                text.Append(' ');
            }

            text.Append(words[ReadBits(packed, w * BitsPerWord, BitsPerWord)]);
        }

        CryptographicOperations.ZeroMemory(packed);
        return text.ToString();
    }

    /// <summary>A new random phrase of <paramref name="wordCount"/> words (12 by default).</summary>
    public static string Generate(int wordCount = 12)
    {
        if (!WordCounts.Contains(wordCount))
        {
            throw new ArgumentOutOfRangeException(nameof(wordCount), wordCount, "A BIP39 mnemonic has 12, 15, 18, 21 or 24 words.");
        }

        Span<byte> entropy = stackalloc byte[wordCount * 4 / 3];
        RandomNumberGenerator.Fill(entropy);
        var phrase = FromEntropy(entropy);
        CryptographicOperations.ZeroMemory(entropy);
        return phrase;
    }

    private static int ChecksumOf(ReadOnlySpan<byte> entropy, int bits)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(entropy, hash);
        return hash[0] >> (8 - bits);
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/> at bit <paramref name="offset"/>, most significant first.</summary>
    private static void WriteBits(byte[] target, int offset, int value, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (((value >> (count - 1 - i)) & 1) != 0)
            {
                var bit = offset + i;
                target[bit >> 3] |= (byte)(0x80 >> (bit & 7));
            }
        }
    }

    private static int ReadBits(byte[] source, int offset, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var bit = offset + i;
            value = (value << 1) | ((source[bit >> 3] >> (7 - (bit & 7))) & 1);
        }

        return value;
    }

    private static WordList LoadEnglish()
    {
        using var stream = typeof(Mnemonic).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded BIP39 word list '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>(2048);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        if (words.Count != 2048)
        {
            throw new InvalidOperationException($"The embedded BIP39 word list has {words.Count} words instead of 2048.");
        }

        var indexOf = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            indexOf.Add(words[i], i);
        }

        return new WordList(words.AsReadOnly(), indexOf);
    }

    private sealed record WordList(IReadOnlyList<string> Words, Dictionary<string, int> IndexOf);
}
