using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>Base58 (Bitcoin alphabet) with the examples of the IETF draft draft-msporny-base58.</summary>
public sealed class Base58Tests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U")] // "Hello World!"
    [InlineData("54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z")]
    [InlineData("0000287fb4cd", "11233QC4")]
    [InlineData("00", "1")]
    [InlineData("000000", "111")]
    [InlineData("61", "2g")]
    public void PublishedExamples(string hex, string text)
    {
        Assert.Equal(text, Base58.Encode(Hex.Decode(hex)));
        Assert.Equal(hex, Hex.Encode(Base58.Decode(text)));
    }

    [Fact]
    public void RandomBytes_RoundTrip()
    {
        var random = new Random(58);
        for (var k = 0; k < 2_000; k++)
        {
            var data = new byte[random.Next(0, 70)];
            random.NextBytes(data);
            data.AsSpan(0, random.Next(0, Math.Min(4, data.Length) + 1)).Clear();
            Assert.Equal(data, Base58.Decode(Base58.Encode(data)));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("O")]
    [InlineData("I")]
    [InlineData("l")]
    [InlineData("abc+")]
    [InlineData("é")]
    public void CharactersOutsideTheAlphabet_Throw(string text) =>
        Assert.Throws<FormatException>(() => Base58.Decode(text));
}
