using System.Text.Json;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Tests;

/// <summary><c>btcli wallet</c> without encryption: files and modes, overwrite rules, regeneration, listing, exit codes.</summary>
public sealed class WalletCommandTests : IDisposable
{
    private const string Mnemonic = "old leopard transfer rib spatial phone calm indicate online fire caution review";
    private const string MiniSecret = "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";

    private readonly WalletSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private static UnixFileMode OwnerReadWrite => UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void NewColdkey_WritesOwnerOnlyFilesAndPrintsTheMnemonicOnce()
    {
        var (code, output, error) = _sandbox.Run(["wallet", "new-coldkey", "--wallet.name", "alice", "--no-password", "--no-prompt", "--json"]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var coldkey = json.RootElement.GetProperty("coldkey");
        var mnemonic = coldkey.GetProperty("mnemonic").GetString()!;
        Assert.Equal(12, mnemonic.Split(' ').Length);
        Assert.Equal(Keypair.FromMnemonic(mnemonic).Ss58Address, coldkey.GetProperty("ss58Address").GetString());
        Assert.False(coldkey.GetProperty("encrypted").GetBoolean());
        Assert.Contains("mnemonic", json.RootElement.GetProperty("warning").GetString(), StringComparison.Ordinal);

        var coldkeyPath = _sandbox.WalletFile("alice", "coldkey");
        Assert.Equal(coldkeyPath, coldkey.GetProperty("path").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(coldkeyPath));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(_sandbox.WalletFile("alice", "coldkeypub.txt")));
        }

        Assert.DoesNotContain(mnemonic, File.ReadAllText(_sandbox.WalletFile("alice", "coldkeypub.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void NewColdkey_Text_WarnsAndShowsHowToRestore()
    {
        var (code, output, _) = _sandbox.Run(["wallet", "new_coldkey", "--wallet-name", "bob", "--no-password", "--n-words", "24"]);
        Assert.Equal(0, code);
        Assert.Contains("WARNING: this mnemonic is shown only now", output, StringComparison.Ordinal);
        Assert.Contains("btcli wallet regen-coldkey --wallet.name bob --mnemonic", output, StringComparison.Ordinal);
        var mnemonicLine = output.Split('\n').Single(line => line.StartsWith("    ", StringComparison.Ordinal)).Trim();
        Assert.Equal(24, mnemonicLine.Split(' ').Length);
        Assert.Equal(Keypair.FromMnemonic(mnemonicLine).PublicKey, new Wallet("bob", path: _sandbox.WalletsPath, environment: WalletEnvironment.Empty).GetColdkeyPub().PublicKey);
    }

    [Fact]
    public void NewHotkey_ExistingFile_IsRefusedWithNoPromptAndKept()
    {
        Assert.Equal(0, _sandbox.Run(["wallet", "new-hotkey", "--wallet.name", "alice", "--wallet.hotkey", "m1", "--no-prompt"]).Code);
        var path = _sandbox.WalletFile("alice", "hotkeys", "m1");
        var before = File.ReadAllBytes(path);

        var (code, output, error) = _sandbox.Run(["wallet", "new-hotkey", "--wallet.name", "alice", "--wallet.hotkey", "m1", "--no-prompt"]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Contains("--overwrite", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void NewHotkey_ExistingFile_AsksAndOnlyYReplaces()
    {
        string[] args = ["wallet", "new-hotkey", "--wallet.name", "alice"];
        Assert.Equal(0, _sandbox.Run(args).Code);
        var path = _sandbox.WalletFile("alice", "hotkeys", "default");
        var before = File.ReadAllBytes(path);

        foreach (var answer in new[] { "n\n", "Y\n", "yes\n", "" })
        {
            var (code, _, error) = _sandbox.Run(args, answer);
            Assert.Equal(1, code);
            Assert.Contains($"File {path} already exists. Overwrite? (y/N)", error, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        Assert.Equal(0, _sandbox.Run(args, "y\n").Code);
        Assert.NotEqual(before, File.ReadAllBytes(path));

        var replaced = File.ReadAllBytes(path);
        Assert.Equal(0, _sandbox.Run([.. args, "--overwrite", "--no-prompt"]).Code);
        Assert.NotEqual(replaced, File.ReadAllBytes(path));
    }

    [Fact]
    public void NoPrompt_WithoutAPasswordSource_IsAUsageErrorAndWritesNothing()
    {
        var (code, output, error) = _sandbox.Run(["wallet", "create", "--wallet.name", "alice", "--no-prompt"]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("BT_COLD_PW_ALICE", error, StringComparison.Ordinal);
        Assert.Contains("--no-password", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_sandbox.WalletFile("alice")));
    }

    [Fact]
    public void Create_NoPassword_MakesBothKeys()
    {
        var (code, output, _) = _sandbox.Run(["w", "create", "--wallet.name", "alice", "--wallet.hotkey", "miner", "--no-password", "--no-prompt", "--json"]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var wallet = new Wallet("alice", "miner", _sandbox.WalletsPath, WalletEnvironment.Empty);
        Assert.Equal(json.RootElement.GetProperty("coldkey").GetProperty("ss58Address").GetString(), wallet.GetColdkeyPub().Ss58Address);
        Assert.Equal(json.RootElement.GetProperty("hotkey").GetProperty("ss58Address").GetString(), wallet.UnlockHotkey().Ss58Address);
        Assert.NotEqual(json.RootElement.GetProperty("coldkey").GetProperty("mnemonic").GetString(), json.RootElement.GetProperty("hotkey").GetProperty("mnemonic").GetString());

        var again = _sandbox.Run(["wallet", "create", "--wallet.name", "alice", "--wallet.hotkey", "miner", "--no-password", "--no-prompt"]);
        Assert.Equal(1, again.Code);
        Assert.Contains("coldkey already exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WalletEnvironmentVariables_ChooseTheWallet()
    {
        _sandbox.Environment["BT_WALLET_PATH"] = Path.Combine(_sandbox.Home, "elsewhere");
        _sandbox.Environment["BT_WALLET_NAME"] = "envwallet";
        _sandbox.Environment["BT_WALLET_HOTKEY"] = "envhotkey";
        Assert.Equal(0, _sandbox.Run(["wallet", "new-hotkey", "--no-prompt"]).Code);
        Assert.True(File.Exists(Path.Combine(_sandbox.Home, "elsewhere", "envwallet", "hotkeys", "envhotkey")));

        Assert.Equal(0, _sandbox.Run(["wallet", "new-hotkey", "--no-prompt", "--wallet.path", _sandbox.WalletsPath, "--wallet.name", "x", "--wallet.hotkey", "y"]).Code);
        Assert.True(File.Exists(_sandbox.WalletFile("x", "hotkeys", "y")));
    }

    [Fact]
    public void RegenColdkey_FromMnemonicWordsOrSeed()
    {
        var expected = Keypair.FromMnemonic(Mnemonic);
        var (code, output, _) = _sandbox.Run(["wallet", "regen-coldkey", "--wallet.name", "restored", "--mnemonic", .. Mnemonic.Split(' '), "--no-password", "--no-prompt", "--json"]);
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(expected.Ss58Address, json.RootElement.GetProperty("coldkey").GetProperty("ss58Address").GetString());
        }

        var wallet = new Wallet("restored", path: _sandbox.WalletsPath, environment: WalletEnvironment.Empty);
        Assert.Equal(Mnemonic, wallet.UnlockColdkey().ExportMnemonic());
        Assert.Equal(expected.PublicKey, wallet.GetColdkeyPub().PublicKey);

        Assert.Equal(0, _sandbox.Run(["wallet", "regen_coldkey", "--wallet.name", "fromseed", "--seed", MiniSecret, "--no-password", "--no-prompt"]).Code);
        Assert.Equal(expected.PublicKey, new Wallet("fromseed", path: _sandbox.WalletsPath, environment: WalletEnvironment.Empty).UnlockColdkey().PublicKey);
    }

    [Fact]
    public void RegenHotkey_ReadsTheMnemonicFromStandardInput()
    {
        var (code, output, _) = _sandbox.Run(["wallet", "regen-hotkey", "--wallet.name", "alice", "--wallet.hotkey", "h"], Mnemonic + "\n");
        Assert.Equal(0, code);
        Assert.DoesNotContain("leopard", output, StringComparison.Ordinal);
        Assert.Equal(Keypair.FromMnemonic(Mnemonic).PublicKey, new Wallet("alice", "h", _sandbox.WalletsPath, WalletEnvironment.Empty).UnlockHotkey().PublicKey);
    }

    [Theory]
    [InlineData(new[] { "--mnemonic", "old", "leopard", "transfer" }, "12, 15, 18, 21 or 24 words")]
    [InlineData(new[] { "--seed", "0x12" }, "--seed")]
    [InlineData(new[] { "--seed", MiniSecret, "--mnemonic", "old" }, "not both")]
    [InlineData(new[] { "--no-prompt" }, "--mnemonic or --seed")]
    public void RegenHotkey_BadInput_IsAUsageError(string[] extra, string message)
    {
        var (code, _, error) = _sandbox.Run(["wallet", "regen-hotkey", "--wallet.name", "alice", .. extra]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.WalletFile("alice", "hotkeys", "default")));
    }

    [Fact]
    public void RegenColdkeypub_FromAddressOrPublicKey()
    {
        Assert.Equal(0, _sandbox.Run(["wallet", "regen-coldkeypub", "--wallet.name", "watch", "--ss58", "5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm"]).Code);
        var wallet = new Wallet("watch", path: _sandbox.WalletsPath, environment: WalletEnvironment.Empty);
        Assert.Equal("0x32939b6abc4d81f02dff04d2b8d1d01cc8e71c5e4c7492e4fa6a238cdca3512f", wallet.GetColdkeyPub().PublicKey.ToHex());
        Assert.False(wallet.Coldkey.Exists);

        var refused = _sandbox.Run(["wallet", "regen-coldkeypub", "--wallet.name", "watch", "--public-key", "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", "--no-prompt"]);
        Assert.Equal(1, refused.Code);
        Assert.Equal(0, _sandbox.Run(["wallet", "regen-coldkeypub", "--wallet.name", "watch", "--pubkey", "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", "--overwrite-coldkeypub"]).Code);
        Assert.Equal("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", wallet.GetColdkeyPub().Ss58Address);

        var both = _sandbox.Run(["wallet", "regen-coldkeypub", "--wallet.name", "w2", "--ss58", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu", "--pubkey", "0x00"]);
        Assert.Equal(2, both.Code);
        var bad = _sandbox.Run(["wallet", "regen-coldkeypub", "--wallet.name", "w2", "--ss58", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv"]);
        Assert.Equal(2, bad.Code);
        Assert.Contains("checksum", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ListAndInspect_ShowEveryKeyWithoutUnlocking()
    {
        Assert.Equal(0, _sandbox.Run(["wallet", "regen-coldkey", "--wallet.name", "alice", "--seed", MiniSecret, "--no-password"]).Code);
        Assert.Equal(0, _sandbox.Run(["wallet", "regen-hotkey", "--wallet.name", "alice", "--wallet.hotkey", "m1", "--seed", "0x" + new string('1', 64)]).Code);
        Assert.Equal(0, _sandbox.Run(["wallet", "new-hotkey", "--wallet.name", "alice", "--wallet.hotkey", "m2"]).Code);
        Assert.Equal(0, _sandbox.Run(["wallet", "regen-coldkeypub", "--wallet.name", "bob", "--ss58", "5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm"]).Code);
        Directory.CreateDirectory(_sandbox.WalletFile("bob", "hotkeys"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "wallets", "ansible-vault-coldkey"), _sandbox.WalletFile("bob", "hotkeys", "locked"));

        var alice = Keypair.FromSeedHex(MiniSecret).Ss58Address;
        var m1 = Keypair.FromSeedHex("0x" + new string('1', 64)).Ss58Address;
        var (code, output, _) = _sandbox.Run(["wallet", "list"]);
        Assert.Equal(0, code);
        Assert.Equal(
            $"Wallets in {_sandbox.WalletsPath}\n├── alice {alice}\n│   ├── m1 {m1}\n│   └── m2 {new Wallet("alice", "m2", _sandbox.WalletsPath, WalletEnvironment.Empty).UnlockHotkey().Ss58Address}\n└── bob 5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm\n    └── locked (encrypted)\n",
            output.Replace("\r\n", "\n", StringComparison.Ordinal));

        var listed = _sandbox.Run(["wallet", "list", "--json"]);
        using (var json = JsonDocument.Parse(listed.Output))
        {
            var wallets = json.RootElement.GetProperty("wallets");
            Assert.Equal(2, wallets.GetArrayLength());
            Assert.Equal(alice, wallets[0].GetProperty("ss58Address").GetString());
            Assert.Equal("ansible-vault", wallets[1].GetProperty("hotkeys")[0].GetProperty("format").GetString());
            Assert.Equal(JsonValueKind.Null, wallets[1].GetProperty("hotkeys")[0].GetProperty("ss58Address").ValueKind);
        }

        var inspected = _sandbox.Run(["wallet", "inspect", "--wallet.name", "alice", "--json"]);
        Assert.Equal(0, inspected.Code);
        using (var json = JsonDocument.Parse(inspected.Output))
        {
            var wallet = json.RootElement.GetProperty("wallets")[0];
            Assert.Equal(alice, wallet.GetProperty("coldkey").GetProperty("ss58Address").GetString());
            Assert.Equal("plaintext", wallet.GetProperty("coldkeyFile").GetString());
            Assert.Equal(["m1", "m2"], wallet.GetProperty("hotkeys").EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        }

        var all = _sandbox.Run(["wallet", "inspect", "--all"]);
        Assert.Equal(0, all.Code);
        Assert.Contains("coldkey: missing, coldkeypub.txt: plaintext", all.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MissingWallet_Fails()
    {
        var (code, _, error) = _sandbox.Run(["wallet", "inspect", "--wallet.name", "nobody"]);
        Assert.Equal(1, code);
        Assert.Contains("no wallet 'nobody'", error, StringComparison.Ordinal);
        var empty = _sandbox.Run(["wallet", "list"]);
        Assert.Equal(0, empty.Code);
        Assert.Contains("No wallets in", empty.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--wallet.name", "a/b")]
    [InlineData("--n-words", "13")]
    public void BadOptionValues_AreUsageErrors(string option, string value)
    {
        var (code, _, error) = _sandbox.Run(["wallet", "new-hotkey", option, value, "--no-prompt"]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_WrongPassword_FailsAndKeepsTheFile()
    {
        var path = _sandbox.WalletFile("old", "coldkey");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "wallets", "ansible-vault-coldkey"), path);
        var before = File.ReadAllBytes(path);

        var (code, _, error) = _sandbox.Run(["wallet", "update", "--wallet.name", "old"], "not-the-password\n");
        Assert.Equal(1, code);
        Assert.Contains("Invalid password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));

        var noSource = _sandbox.Run(["wallet", "update", "--wallet.name", "old", "--no-prompt"]);
        Assert.Equal(2, noSource.Code);
        Assert.Contains("BT_COLD_PW_OLD", noSource.Error, StringComparison.Ordinal);
    }
}
