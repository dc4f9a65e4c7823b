using System.Text.Json;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Tests;

/// <summary><c>btcli key inspect</c> and <c>btcli key generate</c>.</summary>
public sealed class KeyCommandTests : IDisposable
{
    private readonly WalletSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Inspect_Alice_MatchesSubkeysEd25519Output()
    {
        // `subkey inspect --scheme ed25519 //Alice`: secret seed, public key and address.
        var (code, output, error) = _sandbox.Run(["key", "inspect", "//Alice"]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Secret seed:       0xabf8e5bdbe30c65656c0a3cbd181ff8a56294a69dfedd27982aace4a76909115", output, StringComparison.Ordinal);
        Assert.Contains("Public key (hex):  0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", output, StringComparison.Ordinal);
        Assert.Contains("SS58 Address:      5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Json_HasSubkeysFields()
    {
        var (code, output, _) = _sandbox.Run(["key", "inspect", "//Alice", "--json"]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("ed25519", root.GetProperty("keyType").GetString());
        Assert.Equal(42, root.GetProperty("networkId").GetInt32());
        Assert.Equal("0xabf8e5bdbe30c65656c0a3cbd181ff8a56294a69dfedd27982aace4a76909115", root.GetProperty("secretSeed").GetString());
        Assert.Equal(root.GetProperty("publicKey").GetString(), root.GetProperty("accountId").GetString());
        Assert.Equal("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", root.GetProperty("ss58Address").GetString());
    }

    [Fact]
    public void Inspect_ReadsTheUriFromStandardInput()
    {
        var (code, output, _) = _sandbox.Run(["key", "inspect", "--json"], "bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice\n");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", json.RootElement.GetProperty("ss58Address").GetString());
    }

    [Theory]
    [InlineData("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu")]
    [InlineData("0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", "--public")]
    public void Inspect_PublicKeys_ShowNoSecret(string key, string? flag = null)
    {
        var (code, output, _) = _sandbox.Run(flag is null ? ["key", "inspect", key, "--json"] : ["key", "inspect", key, flag, "--json"]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("secretSeed").ValueKind);
        Assert.Equal("0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", json.RootElement.GetProperty("publicKey").GetString());
    }

    [Theory]
    [InlineData("//Alice/soft", "only hard derivation")]
    [InlineData("old leopard transfer rib spatial phone calm indicate online fire caution caution", "checksum")]
    [InlineData("0x1234", "32 bytes")]
    public void Inspect_BadUri_IsAUsageError(string uri, string message)
    {
        var (code, output, error) = _sandbox.Run(["key", "inspect", uri]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("leopard", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(24)]
    public void Generate_PrintsAMnemonicThatGivesThePrintedKey(int words)
    {
        var (code, output, _) = _sandbox.Run(["key", "generate", "--words", words.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var phrase = json.RootElement.GetProperty("secretPhrase").GetString()!;
        Assert.Equal(words, phrase.Split(' ').Length);
        var key = Keypair.FromMnemonic(phrase);
        Assert.Equal(key.Ss58Address, json.RootElement.GetProperty("ss58Address").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(key.ExportSeed()!), json.RootElement.GetProperty("secretSeed").GetString());
        Assert.False(Directory.Exists(_sandbox.WalletsPath));
    }

    [Fact]
    public void Generate_OtherWordCounts_AreUsageErrors()
    {
        var (code, _, error) = _sandbox.Run(["key", "generate", "--words", "13"]);
        Assert.Equal(2, code);
        Assert.Contains("use 12, 15, 18, 21 or 24", error, StringComparison.Ordinal);
    }
}
