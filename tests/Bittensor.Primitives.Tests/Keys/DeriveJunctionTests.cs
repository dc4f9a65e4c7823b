using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>Chain codes of derivation junctions: numbers as little-endian u64, names as SCALE strings, long ones hashed.</summary>
public sealed class DeriveJunctionTests
{
    [Theory]
    [InlineData("Alice", "14416c696365")]
    [InlineData("0", "0000000000000000")]
    [InlineData("1", "0100000000000000")]
    [InlineData("258", "0201000000000000")]
    [InlineData("007", "0700000000000000")]
    [InlineData("+5", "0500000000000000")]
    [InlineData("18446744073709551615", "ffffffffffffffff")]
    [InlineData("-1", "082d31")]
    [InlineData("1.5", "0c312e35")]
    [InlineData("+", "042b")]
    [InlineData("DOT", "0c444f54")]
    public void ShortValues_ArePaddedTo32Bytes(string component, string encoded)
    {
        var junction = DeriveJunction.FromPathComponent(component);
        Assert.True(junction.IsSoft);
        Assert.Equal(encoded.PadRight(64, '0'), Hex.Encode(junction.ChainCode));
    }

    [Fact]
    public void NumbersBeyondU64_AreNames()
    {
        // 2^64 does not parse as a u64, so it is encoded as a 20-character string.
        var junction = DeriveJunction.FromPathComponent("18446744073709551616");
        Assert.Equal("50" + Hex.Encode("18446744073709551616"u8), Hex.Encode(junction.ChainCode)[..42]);
    }

    [Fact]
    public void LongNames_AreHashedWithBlake2b256()
    {
        // 40 characters: the SCALE encoding (1 + 40 bytes) exceeds 32, so the chain code is its Blake2b-256.
        const string Name = "0123456789012345678901234567890123456789";
        var encoded = new byte[41];
        encoded[0] = 40 << 2;
        System.Text.Encoding.ASCII.GetBytes(Name).CopyTo(encoded, 1);
        var junction = DeriveJunction.FromPathComponent(Name);
        Assert.Equal(Bittensor.Primitives.Hashing.Hashes.Blake2b256(encoded), junction.ChainCode.ToArray());
    }

    [Fact]
    public void ThirtyOneCharacterNames_AreStillPadded_ThirtyTwoAreHashed()
    {
        var name31 = new string('a', 31);
        var name32 = new string('a', 32);
        Assert.Equal((byte)(31 << 2), DeriveJunction.FromPathComponent(name31).ChainCode[0]);
        Assert.NotEqual((byte)(32 << 2), DeriveJunction.FromPathComponent(name32).ChainCode[0]);
    }

    [Fact]
    public void LeadingSlash_MakesItHard()
    {
        var hard = DeriveJunction.FromPathComponent("/Alice");
        var soft = DeriveJunction.FromPathComponent("Alice");
        Assert.True(hard.IsHard);
        Assert.True(soft.IsSoft);
        Assert.True(hard.ChainCode.SequenceEqual(soft.ChainCode));
        Assert.Equal(hard, soft.Harden());
        Assert.Equal(soft, hard.Soften());
        Assert.NotEqual(hard, soft);
    }

    [Fact]
    public void Factories_AgreeWithPathComponents()
    {
        Assert.Equal(DeriveJunction.FromPathComponent("/42"), DeriveJunction.FromIndex(42, isHard: true));
        Assert.Equal(DeriveJunction.FromPathComponent("Bob"), DeriveJunction.FromName("Bob", isHard: false));
        Assert.Equal(DeriveJunction.FromPathComponent("/Bob"), DeriveJunction.FromEncoded([0x0c, (byte)'B', (byte)'o', (byte)'b'], isHard: true));
    }

    [Fact]
    public void ToString_ShowsOnlyKindAndChainCode()
    {
        var text = DeriveJunction.FromPathComponent("/Alice").ToString();
        Assert.StartsWith("hard 0x14416c696365", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice", text, StringComparison.Ordinal);
    }
}
