using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>Parsing of Substrate secret URIs: phrase, junctions, password; the grammar's corner cases.</summary>
public sealed class SecretUriTests
{
    [Fact]
    public void DevUri_UsesTheDevPhrase()
    {
        var uri = SecretUri.Parse("//Alice");
        Assert.Equal(SecretUri.DevPhrase, uri.Phrase);
        Assert.True(uri.UsesDevPhrase);
        Assert.Null(uri.Password);
        Assert.Equal([DeriveJunction.FromName("Alice", isHard: true)], uri.Junctions);
    }

    [Fact]
    public void PhrasePathAndPassword_AreSplit()
    {
        var uri = SecretUri.Parse("hello world//1/DOT///password");
        Assert.Equal("hello world", uri.Phrase);
        Assert.False(uri.UsesDevPhrase);
        Assert.Equal("password", uri.Password);
        Assert.Equal([DeriveJunction.FromIndex(1, isHard: true), DeriveJunction.FromName("DOT", isHard: false)], uri.Junctions);
    }

    [Theory]
    [InlineData("sdasd", "sdasd", null, new string[0])]
    [InlineData("sdasd//asda", "sdasd", null, new[] { "/asda" })]
    [InlineData("sdasd/xx//asda", "sdasd", null, new[] { "xx", "/asda" })]
    [InlineData("sdasd/xx//a/b//c///pass", "sdasd", "pass", new[] { "xx", "/a", "b", "/c" })]
    [InlineData("sdasd///asda", "sdasd", "asda", new string[0])]
    [InlineData("sdasd/asd.a", "sdasd", null, new[] { "asd.a" })]
    [InlineData("sdasd//asd.a", "sdasd", null, new[] { "/asd.a" })]
    [InlineData("hello world/s//h///pass", "hello world", "pass", new[] { "s", "/h" })]
    [InlineData("///", null, "", new string[0])]
    [InlineData("////////", null, "/////", new string[0])]
    [InlineData("//Alice///SECRET_PASSWORD", null, "SECRET_PASSWORD", new[] { "/Alice" })]
    [InlineData("0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a//Alice", "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a", null, new[] { "/Alice" })]
    public void Grammar_MatchesSubstrate(string text, string? phrase, string? password, string[] components)
    {
        var uri = SecretUri.Parse(text);
        Assert.Equal(phrase ?? SecretUri.DevPhrase, uri.Phrase);
        Assert.Equal(phrase is null, uri.UsesDevPhrase);
        Assert.Equal(password, uri.Password);
        Assert.Equal(components.Select(DeriveJunction.FromPathComponent), uri.Junctions);
    }

    [Theory]
    [InlineData("sdasd//", "empty hard junction")]
    [InlineData("sdasd/xx//", "empty hard junction")]
    [InlineData("sdasd/", "empty soft junction")]
    [InlineData("sd.asd", "only ASCII letters, digits and spaces")]
    [InlineData("sd.asd/asd.a", "only ASCII letters, digits and spaces")]
    [InlineData("sd.asd///asd.a\n", "only ASCII letters, digits and spaces")]
    [InlineData("///\n", "line break")]
    [InlineData("///a\n", "line break")]
    public void Malformed_IsAFormatException(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SecretUri.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(SecretUri.TryParse(text, out _));
    }

    [Fact]
    public void Errors_NeverQuoteTheUri()
    {
        const string Secret = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        foreach (var text in new[] { Secret + "!", Secret + "//", Secret + "/", Secret + "///pa\nss" })
        {
            var error = Assert.Throws<FormatException>(() => SecretUri.Parse(text));
            foreach (var word in Secret.Split(' '))
            {
                Assert.DoesNotContain(word, error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ToString_HidesPhraseAndPassword()
    {
        var text = SecretUri.Parse("legal winner thank year wave sausage worth useful legal winner thank yellow//hot///hunter2").ToString();
        Assert.DoesNotContain("legal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("1 junction", text, StringComparison.Ordinal);
    }
}
