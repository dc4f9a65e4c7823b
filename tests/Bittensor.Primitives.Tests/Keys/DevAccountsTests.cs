using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;

namespace Bittensor.Primitives.Tests.Keys;

/// <summary>The well-known Ed25519 development accounts.</summary>
public sealed class DevAccountsTests
{
    [Fact]
    public void SixAccounts_InTheUsualOrder_MatchSpKeyring()
    {
        Assert.Equal(["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"], DevAccounts.Names);
        string[] expected =
        [
            "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee",
            "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69",
            "439660b36c6c03afafca027b910b4fecf99801834c62a5e6006f27d978de234f",
            "5e639b43e0052c47447dac87d6fd2b6ec50bdd4d0f614e4299c665249bbd09d9",
            "1dfe3e22cc0d45c70779c1095f7489a8ef3cf52d62fbd8c2fa38c9f1723502b5",
            "568cb4a574c6d178feb39c27dfc8b3f789e5f5423e19c71633c748b9acf086b5",
        ];
        Assert.Equal(expected.Select(k => "0x" + k), DevAccounts.All.Select(p => p.PublicKey.ToHex()));
        Assert.Equal(DevAccounts.Alice.PublicKey, DevAccounts.Get("Alice").PublicKey);
        Assert.Equal("0x" + expected[1], DevAccounts.Bob.PublicKey.ToHex());
        Assert.Equal("0x" + expected[2], DevAccounts.Charlie.PublicKey.ToHex());
        Assert.Equal("0x" + expected[3], DevAccounts.Dave.PublicKey.ToHex());
        Assert.Equal("0x" + expected[4], DevAccounts.Eve.PublicKey.ToHex());
        Assert.Equal("0x" + expected[5], DevAccounts.Ferdie.PublicKey.ToHex());
    }

    [Fact]
    public void AccountsAreTheirUris()
    {
        foreach (var name in DevAccounts.Names)
        {
            Assert.Equal(KeyDerivation.Ed25519FromUri("//" + name).PublicKey, DevAccounts.Get(name).PublicKey);
        }

        Assert.Equal("0x451781cd0c5504504f69ceec484cc66e4c22a2b6a9d20fb1a426d91ad074a2a8", DevAccounts.Get("Alice//stash").PublicKey.ToHex());
    }

    [Fact]
    public void DevAccounts_SignAndVerify()
    {
        var message = "register"u8.ToArray();
        var signature = DevAccounts.Alice.Sign(message);
        Assert.True(Signatures.Verify(DevAccounts.Alice.PublicKey, message, signature));
        Assert.False(Signatures.Verify(DevAccounts.Bob.PublicKey, message, signature));
    }

    [Fact]
    public void BadNames_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => DevAccounts.Get(string.Empty));
        Assert.Throws<ArgumentException>(() => DevAccounts.Get("Alice///pw"));
        Assert.Throws<NotSupportedException>(() => DevAccounts.Get("Alice/soft"));
    }
}
