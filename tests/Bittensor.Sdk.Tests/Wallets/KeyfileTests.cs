using System.Text;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>Keyfiles on disk: atomic writes with mode 0600, no silent overwrite, format detection, password sources and errors.</summary>
public sealed class KeyfileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Save_CreatesDirectoriesAndAnOwnerOnlyFile()
    {
        var file = new Keyfile(_directory.Combine("wallets", "w1", "hotkeys", "h1"), WalletEnvironment.Empty);
        var key = Keypair.FromMnemonic(SpecVectors.Mnemonic);
        file.Save(key, encryptionPassword: null, overwrite: false);

        Assert.True(file.Exists);
        Assert.Equal(KeyfileJson.Serialize(key), File.ReadAllBytes(file.Path));
        Assert.Equal(KeyfileFormat.Plaintext, file.Format);
        Assert.False(file.IsEncrypted);
        Assert.Equal(key.PublicKey, file.Load().PublicKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory.Combine("wallets", "w1", "hotkeys")));
        }

        // No temporary file is left beside it.
        Assert.Equal(["h1"], Directory.GetFiles(_directory.Combine("wallets", "w1", "hotkeys")).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_ExistingFile_IsRefusedUnlessOverwriteIsAllowed()
    {
        var file = new Keyfile(_directory.Combine("w", "coldkey"), WalletEnvironment.Empty);
        var first = Keypair.FromUri("//First");
        file.Save(first, null, overwrite: false);
        var before = File.ReadAllBytes(file.Path);

        var error = Assert.Throws<KeyfileException>(() => file.Save(Keypair.FromUri("//Second"), null, overwrite: false));
        Assert.Equal(KeyfileError.AlreadyExists, error.Error);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file.Path));

        file.Save(Keypair.FromUri("//Second"), null, overwrite: true);
        Assert.Equal(Keypair.FromUri("//Second").PublicKey, file.Load().PublicKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
        }
    }

    [Fact]
    public void Load_MissingFile_IsNotFound()
    {
        var file = new Keyfile(_directory.Combine("nobody", "coldkey"), WalletEnvironment.Empty);
        var error = Assert.Throws<KeyfileException>(() => file.Load());
        Assert.Equal(KeyfileError.NotFound, error.Error);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.False(file.Exists);
    }

    [Fact]
    public void Load_CorruptFile_NamesTheFile()
    {
        var file = new Keyfile(_directory.Combine("w", "hotkeys", "bad"), WalletEnvironment.Empty);
        file.WriteBytes("{\"secretPhrase\": \"old leopard"u8, overwrite: false);
        var error = Assert.Throws<KeyfileException>(() => file.Load());
        Assert.Equal(KeyfileError.Corrupt, error.Error);
        Assert.StartsWith(file.Path + ": ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("leopard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OversizedFile_IsRefusedUnread()
    {
        var path = _directory.Combine("big");
        File.WriteAllBytes(path, new byte[Keyfile.MaxSize + 1]);
        Assert.Equal(KeyfileError.Corrupt, Assert.Throws<KeyfileException>(() => new Keyfile(path, WalletEnvironment.Empty).Load()).Error);
    }

    [Fact]
    public void Load_EncryptedWithoutAnyPassword_IsPasswordRequired()
    {
        // A $NACL header is enough: the password is looked for before any decryption is attempted.
        var file = new Keyfile(_directory.Combine("alice", "coldkey"), WalletEnvironment.Empty);
        file.WriteBytes(Encoding.ASCII.GetBytes("$NACL" + new string('x', 60)), overwrite: false);
        Assert.Equal(KeyfileFormat.Nacl, file.Format);
        Assert.True(file.IsEncrypted);

        var error = Assert.Throws<KeyfileException>(() => file.Load(new PasswordProvider { Prompt = _ => null }));
        Assert.Equal(KeyfileError.PasswordRequired, error.Error);
        Assert.Contains("BT_COLD_PW_ALICE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wallets/alice/coldkey", "BT_COLD_PW_ALICE")]
    [InlineData("wallets/my.wallet/coldkey", "BT_COLD_PW_MY")]
    [InlineData("wallets/.hidden/coldkey", "BT_COLD_PW_.HIDDEN")]
    [InlineData("wallets/alice/hotkeys/miner", "BT_COLD_PW_HOTKEYS")]
    public void PasswordEnvironmentVariable_IsNamedAfterTheParentDirectory(string path, string variable)
    {
        Assert.Equal(variable, new Keyfile(_directory.Combine(path.Split('/')), WalletEnvironment.Empty).PasswordEnvironmentVariable);
    }

    [Fact]
    public void ResolvePassword_ExplicitThenEnvironmentThenPrompt()
    {
        var environment = WalletEnvironment.FromVariables(new Dictionary<string, string> { ["bt_cold_pw_Alice"] = "from-environment", ["BT_COLD_PW_BOB"] = "bob's" });
        var file = new Keyfile(_directory.Combine("alice", "coldkey"), environment);
        PasswordRequest? asked = null;
        var prompt = new Func<PasswordRequest, string?>(request =>
        {
            asked = request;
            return "from-prompt";
        });

        Assert.Equal("explicit", file.ResolvePassword(PasswordPurpose.Unlock, new PasswordProvider { Password = "explicit", Prompt = prompt }));
        Assert.Equal("from-environment", file.ResolvePassword(PasswordPurpose.Unlock, new PasswordProvider { Prompt = prompt }));
        Assert.Null(asked);
        Assert.Equal("from-prompt", file.ResolvePassword(PasswordPurpose.Unlock, new PasswordProvider { UseEnvironment = false, Prompt = prompt }));
        Assert.Equal(new PasswordRequest(PasswordPurpose.Unlock, file.Path, "BT_COLD_PW_ALICE"), asked);
    }

    [Fact]
    public void ResolvePassword_NewPasswordMustMeetTheRule()
    {
        var file = new Keyfile(_directory.Combine("alice", "coldkey"), WalletEnvironment.Empty);
        var error = Assert.Throws<KeyfileException>(() => file.ResolvePassword(PasswordPurpose.Encrypt, PasswordProvider.FromPassword("passw0rd")));
        Assert.Equal(KeyfileError.WeakPassword, error.Error);
        Assert.Equal("passw0rd", file.ResolvePassword(PasswordPurpose.Unlock, PasswordProvider.FromPassword("passw0rd")));
        Assert.Equal("biTTensor", file.ResolvePassword(PasswordPurpose.Encrypt, PasswordProvider.FromPassword("biTTensor")));
    }

    [Fact]
    public void LoadPublic_ReadsTheAddressOfAnyPlaintextFile()
    {
        var sdkFile = new Keyfile(_directory.Combine("sdk", "hotkeys", "default"), WalletEnvironment.Empty);
        sdkFile.WriteBytes(KeyfileJson.Serialize(SpecVectors.Sr25519Fields), overwrite: false);
        Assert.Equal(SpecVectors.Sr25519Address, sdkFile.LoadPublic()!.Ss58Address);
        Assert.Equal(KeyfileError.UnsupportedKeyType, Assert.Throws<KeyfileException>(() => sdkFile.Load()).Error);

        var secretsOnly = new Keyfile(_directory.Combine("btw", "hotkeys", "default"), WalletEnvironment.Empty);
        secretsOnly.WriteBytes(Encoding.UTF8.GetBytes($"{{\"secretSeed\":\"{SpecVectors.MiniSecret}\",\"cryptoType\":\"ed25519\"}}"), overwrite: false);
        var key = secretsOnly.LoadPublic()!;
        Assert.False(key.HasPrivateKey);
        Assert.Equal(Keypair.FromSeedHex(SpecVectors.MiniSecret).PublicKey, key.PublicKey);

        var legacy = new Keyfile(_directory.Combine("old", "coldkeypub.txt"), WalletEnvironment.Empty);
        legacy.WriteBytes(Encoding.ASCII.GetBytes(SpecVectors.LegacyPublicKey), overwrite: false);
        Assert.Equal(SpecVectors.LegacyAddress, legacy.LoadPublic()!.Ss58Address);

        var encrypted = new Keyfile(_directory.Combine("enc", "coldkey"), WalletEnvironment.Empty);
        encrypted.WriteBytes(Convert.FromHexString(SpecVectors.NaclSmallFile), overwrite: false);
        Assert.Null(encrypted.LoadPublic());
    }

    [Theory]
    [InlineData("{\"a\": 1}", KeyfileFormat.Plaintext)]
    [InlineData("$NACL...", KeyfileFormat.Nacl)]
    [InlineData("$ANSIBLE_VAULT;1.1;AES256\n", KeyfileFormat.AnsibleVault)]
    [InlineData("gAAAAABrEVv4", KeyfileFormat.LegacyFernet)]
    [InlineData("gAAAA", KeyfileFormat.Plaintext)]
    [InlineData("", KeyfileFormat.Plaintext)]
    public void Detect_ByLeadingBytes(string text, KeyfileFormat format)
    {
        Assert.Equal(format, KeyfileEncryption.Detect(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void UpdateEncryption_LeavesNaclAndPlaintextAlone()
    {
        var plaintext = new Keyfile(_directory.Combine("w", "hotkeys", "h"), WalletEnvironment.Empty);
        plaintext.Save(Keypair.FromUri("//H"), null, overwrite: false);
        Assert.False(plaintext.UpdateEncryption());

        var nacl = new Keyfile(_directory.Combine("w", "coldkey"), WalletEnvironment.Empty);
        nacl.WriteBytes(Convert.FromHexString(SpecVectors.NaclSmallFile), overwrite: false);
        Assert.False(nacl.UpdateEncryption());
        Assert.Equal(Convert.FromHexString(SpecVectors.NaclSmallFile), File.ReadAllBytes(nacl.Path));
    }
}
