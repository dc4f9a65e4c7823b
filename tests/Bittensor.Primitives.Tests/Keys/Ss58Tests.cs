using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>SS58 addresses of known keys, and the errors for malformed ones.</summary>
public sealed class Ss58Tests
{
    /// <summary>Public key, prefix, address.</summary>
    public static TheoryData<string, ushort, string> KnownAddresses() => new()
    {
        // Substrate's //Alice sr25519 key (sp-keyring) and its well-known address.
        { "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 42, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY" },

        // Substrate's DEV_ADDRESS: the dev phrase's own sr25519 key.
        { "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a", 42, "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV" },

        // //Alice and //Bob ed25519 (sp-keyring), as in Substrate chain specs' GRANDPA authorities.
        { "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", 42, "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu" },
        { "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69", 42, "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E" },

        // Bittensor SDK tests (spec neurons.md §1.8): the same key under prefix 0 and prefix 42, and a keyfile key.
        { "e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446", 0, "16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2" },
        { "e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446", 42, "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX" },
        { "32939b6abc4d81f02dff04d2b8d1d01cc8e71c5e4c7492e4fa6a238cdca3512f", 42, "5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm" },

        // The all-zero key, the N-era SDK's "null neuron" hotkey.
        { "0000000000000000000000000000000000000000000000000000000000000000", 42, "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM" },
    };

    [Theory]
    [MemberData(nameof(KnownAddresses))]
    public void KnownKeys_EncodeAndDecode(string publicKey, ushort prefix, string address)
    {
        var account = AccountId.FromHex(publicKey);
        Assert.Equal(address, Ss58.Encode(account, prefix));
        Assert.Equal(address, Ss58.Encode(account.Bytes, prefix));
        Assert.Equal(account, Ss58.Decode(address, prefix));
        Assert.Equal(account, Ss58.Decode(address, out var decodedPrefix));
        Assert.Equal(prefix, decodedPrefix);
        Assert.True(Ss58.IsValid(address, prefix));
    }

    [Fact]
    public void Prefix42_AddressesAre48CharactersStartingWith5()
    {
        var random = new Random(42);
        var key = new byte[32];
        for (var k = 0; k < 500; k++)
        {
            random.NextBytes(key);
            var address = Ss58.Encode(key);
            Assert.Equal(48, address.Length);
            Assert.Equal('5', address[0]);
            Assert.Equal(key, Ss58.Decode(address).ToArray());
            Assert.True(Ss58.TryDecode(address, out var account));
            Assert.Equal(key, account.ToArray());
        }
    }

    [Fact]
    public void WrongPrefix_IsRejectedByDefault()
    {
        var error = Assert.Throws<FormatException>(() => Ss58.Decode("16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2"));
        Assert.Contains("prefix 0; expected 42", error.Message, StringComparison.Ordinal);
        Assert.False(Ss58.TryDecode("16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2", out _));
    }

    [Fact]
    public void EveryChangedCharacter_IsRejected()
    {
        const string Address = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        for (var i = 0; i < Address.Length; i++)
        {
            var replacement = Address[i] == 'z' ? 'y' : 'z';
            var changed = Address[..i] + replacement + Address[(i + 1)..];
            Assert.False(Ss58.IsValid(changed), $"changing character {i} went unnoticed");
        }
    }

    [Fact]
    public void BadChecksum_HasItsOwnMessage()
    {
        // Re-encode the payload of a valid address with its last checksum byte flipped.
        var data = Base58.Decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        data[^1] ^= 1;
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(Base58.Encode(data)));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(34)]
    [InlineData(36)]
    [InlineData(3)]
    public void WrongLength_HasItsOwnMessage(int length)
    {
        var data = new byte[length];
        data[0] = 42;
        data[1] = 7;
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(Base58.Encode(data)));
        Assert.Contains($"decodes to {length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoBytePrefixes_AreRejectedExplicitly()
    {
        var data = new byte[36];
        data[0] = 0x40 | 0x3f;
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(Base58.Encode(data)));
        Assert.Contains("two-byte", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ss58.Encode(new byte[32], 64));

        data[0] = 0x80;
        Assert.Contains("not a valid network prefix", Assert.Throws<FormatException>(() => Ss58.Decode(Base58.Encode(data))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")]
    [InlineData("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY5GrwvaEF5zXb26Fz9rcQpDWS57")]
    [InlineData("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")]
    public void NonAddresses_AreFormatExceptions(string text)
    {
        Assert.Throws<FormatException>(() => Ss58.Decode(text));
        Assert.False(Ss58.TryDecode(text, out _));
        Assert.False(Ss58.IsValid(text));
    }

    [Fact]
    public void NullAndWrongKeyLengths()
    {
        Assert.Throws<ArgumentNullException>(() => Ss58.Decode(null!));
        Assert.False(Ss58.TryDecode(null, out _));
        Assert.Throws<ArgumentException>(() => Ss58.Encode(new byte[33]));
    }
}
