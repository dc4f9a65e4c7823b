using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>Wallets on disk (spec §1.4): layout, defaults from the environment, creation and regeneration rules.</summary>
public sealed class WalletTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Root => _directory.Combine("wallets");

    [Fact]
    public void Defaults_ComeFromTheEnvironmentThenFixedNames()
    {
        var home = _directory.Combine("home");
        var bare = new Wallet(environment: WalletEnvironment.FromVariables(new Dictionary<string, string>(), home));
        Assert.Equal("default", bare.Name);
        Assert.Equal("default", bare.HotkeyName);
        Assert.Equal(Path.Combine(home, ".bittensor", "wallets"), bare.Path);

        var environment = WalletEnvironment.FromVariables(
            new Dictionary<string, string> { ["BT_WALLET_PATH"] = "~/elsewhere", ["BT_WALLET_NAME"] = "alice", ["BT_WALLET_HOTKEY"] = "miner1" },
            home);
        var fromEnvironment = new Wallet(environment: environment);
        Assert.Equal(("alice", "miner1", Path.Combine(home, "elsewhere")), (fromEnvironment.Name, fromEnvironment.HotkeyName, fromEnvironment.Path));
        Assert.Equal(Path.Combine(home, "elsewhere", "alice", "coldkey"), fromEnvironment.Coldkey.Path);
        Assert.Equal(Path.Combine(home, "elsewhere", "alice", "coldkeypub.txt"), fromEnvironment.ColdkeyPub.Path);
        Assert.Equal(Path.Combine(home, "elsewhere", "alice", "hotkeys", "miner1"), fromEnvironment.Hotkey.Path);

        var explicitWallet = new Wallet("bob", "validator", Root, environment);
        Assert.Equal(("bob", "validator", Root), (explicitWallet.Name, explicitWallet.HotkeyName, explicitWallet.Path));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void Names_MustBeFileNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new Wallet(name, path: Root, environment: WalletEnvironment.Empty));
        Assert.Contains("cannot be a file name", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Wallet("ok", name, Root, WalletEnvironment.Empty));
    }

    [Fact]
    public void CreateNewColdkey_WritesTheKeyAndItsPublicFile()
    {
        var wallet = new Wallet("alice", path: Root, environment: WalletEnvironment.Empty);
        var generated = wallet.CreateNewColdkey(words: 15, usePassword: false);
        Assert.Equal(15, generated.Mnemonic.Split(' ').Length);
        Assert.DoesNotContain(generated.Mnemonic, generated.ToString(), StringComparison.Ordinal);

        Assert.Equal(generated.Key.PublicKey, wallet.UnlockColdkey().PublicKey);
        var publicKey = wallet.GetColdkeyPub();
        Assert.False(publicKey.HasPrivateKey);
        Assert.Equal(generated.Key.Ss58Address, publicKey.Ss58Address);
        var publicText = File.ReadAllText(wallet.ColdkeyPub.Path);
        Assert.Contains("\"privateKey\": null, \"secretPhrase\": null, \"secretSeed\": null", publicText, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(wallet.Coldkey.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(wallet.ColdkeyPub.Path));
        }
    }

    [Fact]
    public void CreateNewColdkey_AnExistingPublicFileBlocksBothFiles()
    {
        var wallet = new Wallet("alice", path: Root, environment: WalletEnvironment.Empty);
        wallet.RegenerateColdkeyPub(Keypair.FromSs58Address(SpecVectors.LegacyAddress));
        var error = Assert.Throws<KeyfileException>(() => wallet.CreateNewColdkey(usePassword: false));
        Assert.Equal(KeyfileError.AlreadyExists, error.Error);
        Assert.Contains("coldkeypub.txt", error.Message, StringComparison.Ordinal);
        Assert.False(wallet.Coldkey.Exists);

        var replaced = wallet.CreateNewColdkey(usePassword: false, overwrite: true);
        Assert.Equal(replaced.Key.Ss58Address, wallet.GetColdkeyPub().Ss58Address);
    }

    [Fact]
    public void CreateNewHotkey_RefusesToReplaceAndLists()
    {
        var wallet = new Wallet("alice", "miner1", Root, WalletEnvironment.Empty);
        var first = wallet.CreateNewHotkey();
        Assert.Equal(KeyfileFormat.Plaintext, wallet.Hotkey.Format);
        Assert.Equal(KeyfileError.AlreadyExists, Assert.Throws<KeyfileException>(() => wallet.CreateNewHotkey()).Error);
        Assert.Equal(first.Key.PublicKey, wallet.UnlockHotkey().PublicKey);

        new Wallet("alice", "miner0", Root, WalletEnvironment.Empty).CreateNewHotkey();
        new Wallet("bob", "default", Root, WalletEnvironment.Empty).CreateNewHotkey();
        Assert.Equal(["miner0", "miner1"], wallet.ListHotkeys());
        Assert.Equal(["alice", "bob"], Wallet.List(Root, WalletEnvironment.Empty));
        Assert.Empty(Wallet.List(_directory.Combine("none"), WalletEnvironment.Empty));
    }

    [Fact]
    public void Create_MakesOnlyWhatIsMissing()
    {
        var wallet = new Wallet("alice", "default", Root, WalletEnvironment.Empty);
        var created = wallet.Create(coldkeyUsePassword: false);
        Assert.NotNull(created.Coldkey);
        Assert.NotNull(created.Hotkey);
        var coldkeyBytes = File.ReadAllBytes(wallet.Coldkey.Path);

        Assert.Equal(new WalletCreation(null, null), wallet.Create(coldkeyUsePassword: false));
        Assert.Equal(coldkeyBytes, File.ReadAllBytes(wallet.Coldkey.Path));

        File.Delete(wallet.Hotkey.Path);
        File.Delete(wallet.Coldkey.Path);
        var again = wallet.Create(coldkeyUsePassword: false);
        Assert.Null(again.Coldkey);
        Assert.NotNull(again.Hotkey);
        Assert.False(wallet.Coldkey.Exists);
        Assert.NotEqual(created.Hotkey!.Key.PublicKey, again.Hotkey!.Key.PublicKey);
    }

    [Fact]
    public void Regenerate_FromMnemonicSeedAndPublicKey()
    {
        var wallet = new Wallet("restored", "hk", Root, WalletEnvironment.Empty);
        wallet.RegenerateColdkey(Keypair.FromMnemonic(SpecVectors.Mnemonic), usePassword: false);
        var coldkey = wallet.UnlockColdkey();
        Assert.Equal(SpecVectors.Mnemonic, coldkey.ExportMnemonic());
        Assert.Equal(coldkey.Ss58Address, wallet.GetColdkeyPub().Ss58Address);

        wallet.RegenerateHotkey(Keypair.FromSeedHex(SpecVectors.MiniSecret));
        Assert.Equal(coldkey.PublicKey, wallet.UnlockHotkey().PublicKey);

        Assert.Equal(KeyfileError.AlreadyExists, Assert.Throws<KeyfileException>(() => wallet.RegenerateColdkeyPub(Keypair.FromSs58Address(SpecVectors.LegacyAddress))).Error);
        wallet.RegenerateColdkeyPub(Keypair.FromSs58Address(SpecVectors.LegacyAddress), overwrite: true);
        Assert.Equal(SpecVectors.LegacyAddress, wallet.GetColdkeyPub().Ss58Address);

        var error = Assert.Throws<ArgumentException>(() => wallet.RegenerateHotkey(Keypair.FromSs58Address(SpecVectors.LegacyAddress), overwrite: true));
        Assert.Contains("public only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateEncrypted_WithAWeakOrMissingPassword_WritesNothing()
    {
        var wallet = new Wallet("alice", path: Root, environment: WalletEnvironment.FromVariables(new Dictionary<string, string> { ["BT_COLD_PW_ALICE"] = "123456789" }));
        Assert.Equal(KeyfileError.WeakPassword, Assert.Throws<KeyfileException>(() => wallet.CreateNewColdkey()).Error);
        Assert.False(wallet.Coldkey.Exists);
        Assert.False(wallet.ColdkeyPub.Exists);

        var noSource = new Wallet("carol", path: Root, environment: WalletEnvironment.Empty);
        var error = Assert.Throws<KeyfileException>(() => noSource.CreateNewColdkey(password: new PasswordProvider { Prompt = _ => null }));
        Assert.Equal(KeyfileError.PasswordRequired, error.Error);
        Assert.False(noSource.Coldkey.Exists);
    }

    [Fact]
    public void ToString_NamesTheWalletOnly()
    {
        Assert.Equal($"Wallet(name alice, hotkey default, path {Root})", new Wallet("alice", path: Root, environment: WalletEnvironment.Empty).ToString());
        Assert.DoesNotContain("secret", WalletEnvironment.FromVariables(new Dictionary<string, string> { ["BT_COLD_PW_X"] = "secret" }).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", PasswordProvider.FromPassword("hunter22").ToString(), StringComparison.Ordinal);
    }
}
