using System.Security.Cryptography;
using System.Text;
using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>BIP39 phrases and entropy: the Trezor reference vectors, every word count, and invalid phrases.</summary>
public sealed class MnemonicTests
{
    /// <summary>
    /// Entropy and phrase. The 12/18/24-word rows are the English vectors of the Trezor reference implementation
    /// (python-mnemonic vectors.json, also in substrate-bip39's tests); the all-zero 15- and 21-word phrases appear in
    /// other projects' BIP39 tests (e.g. CosmJS); the remaining 15- and 21-word rows were computed with an independent
    /// Python implementation of the BIP39 rule.
    /// </summary>
    public static TheoryData<string, string> Vectors() => new()
    {
        { "00000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about" },
        { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank yellow" },
        { "80808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage above" },
        { "ffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong" },
        { "9e885d952ad362caeb4efe34a8e91bd2", "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic" },
        { "c0ba5a8e914111210f2bd131f3d5e08d", "scheme spot photo card baby mountain device kick cradle pact join borrow" },
        { "23db8160a31d3e0dca3688ed941adbf3", "cat swing flag economy stadium alone churn speed unique patch report train" },
        { "f30f8c1da665478f49b001d94c5fc452", "vessel ladder alter error federal sibling chat ability sun glass valve picture" },
        { "0000000000000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon address" },
        { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank year wave sausage wise" },
        { "ffffffffffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrist" },
        { "000000000000000000000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent" },
        { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will" },
        { "808080808080808080808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter always" },
        { "ffffffffffffffffffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo when" },
        { "6610b25967cdcca9d59875f5cb50b0ea75433311869e930b", "gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog" },
        { "00000000000000000000000000000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon admit" },
        { "80808080808080808080808080808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd apart" },
        { "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo veteran" },
        { "0000000000000000000000000000000000000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art" },
        { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title" },
        { "8080808080808080808080808080808080808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless" },
        { "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote" },
        { "68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c", "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vectors_ConvertBothWays(string entropy, string phrase)
    {
        Assert.Equal(phrase, Mnemonic.FromEntropy(Hex.Decode(entropy)));
        Assert.Equal(entropy, Hex.Encode(Mnemonic.ToEntropy(phrase)));
        Assert.True(Mnemonic.IsValid(phrase));
    }

    [Fact]
    public void WordList_IsTheBip39EnglishList()
    {
        var words = Mnemonic.EnglishWords;
        Assert.Equal(2048, words.Count);
        Assert.Equal("abandon", words[0]);
        Assert.Equal("zoo", words[^1]);
        Assert.Equal(words.OrderBy(w => w, StringComparer.Ordinal), words);

        // SHA-256 of the list as published with BIP39 (one word per line, trailing newline).
        var text = string.Concat(words.Select(w => w + "\n"));
        Assert.Equal("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda", Hex.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(text))));
    }

    [Fact]
    public void RandomEntropy_RoundTrips_ForEveryLength()
    {
        var random = new Random(39);
        foreach (var length in new[] { 16, 20, 24, 28, 32 })
        {
            for (var k = 0; k < 200; k++)
            {
                var entropy = new byte[length];
                random.NextBytes(entropy);
                var phrase = Mnemonic.FromEntropy(entropy);
                Assert.Equal(length * 3 / 4, phrase.Split(' ').Length);
                Assert.Equal(entropy, Mnemonic.ToEntropy(phrase));
            }
        }
    }

    [Fact]
    public void Generate_MakesValidPhrasesOfTheRequestedLength()
    {
        foreach (var count in Mnemonic.WordCounts)
        {
            var phrase = Mnemonic.Generate(count);
            Assert.Equal(count, phrase.Split(' ').Length);
            Assert.True(Mnemonic.IsValid(phrase));
        }

        Assert.NotEqual(Mnemonic.Generate(), Mnemonic.Generate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Mnemonic.Generate(13));
    }

    [Fact]
    public void ExtraWhitespace_IsTolerated()
    {
        var phrase = "  legal winner thank year wave sausage\tworth useful legal winner  thank yellow \n";
        Assert.Equal("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", Hex.Encode(Mnemonic.ToEntropy(phrase)));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(23)]
    [InlineData(25)]
    [InlineData(0)]
    public void WrongWordCount_Throws(int count)
    {
        var phrase = string.Join(' ', Enumerable.Repeat("abandon", count));
        var error = Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(phrase));
        Assert.Contains($"has {count}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(18)]
    [InlineData(21)]
    [InlineData(24)]
    public void BadChecksum_Throws_WithoutQuotingThePhrase(int count)
    {
        var phrase = string.Join(' ', Enumerable.Repeat("zoo", count));
        var error = Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(phrase));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zoo", error.Message, StringComparison.Ordinal);
        Assert.False(Mnemonic.IsValid(phrase));
    }

    [Fact]
    public void SwappedWords_FailTheChecksum()
    {
        const string Phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        var words = Phrase.Split(' ');
        (words[0], words[1]) = (words[1], words[0]);
        Assert.False(Mnemonic.IsValid(string.Join(' ', words)));
    }

    [Theory]
    [InlineData("Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", 1)]
    [InlineData("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon secretword", 12)]
    [InlineData("abandon abandon route66 abandon abandon abandon abandon abandon abandon abandon abandon about", 3)]
    [InlineData("humo odio oriente colina taco fingir salto geranio glaciar academia suave vigor", 1)]
    public void UnknownWord_NamesItsPosition_NotTheWord(string phrase, int position)
    {
        var error = Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(phrase));
        Assert.Contains($"Word {position} ", error.Message, StringComparison.Ordinal);
        foreach (var word in phrase.Split(' ').Distinct())
        {
            Assert.DoesNotContain(word, error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(36)]
    public void FromEntropy_RejectsOtherLengths(int length) =>
        Assert.Throws<ArgumentException>(() => Mnemonic.FromEntropy(new byte[length]));
}
