using System.Text.Json;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Tests;

/// <summary>
/// <c>btcli wallet</c> with encryption: each test runs Argon2i with the keyfile limits (512 MiB), so they share one
/// collection and run one at a time.
/// </summary>
[Collection(Name)]
public sealed class WalletEncryptionCommandTests : IDisposable
{
    public const string Name = "Argon2 (512 MiB)";

    private readonly WalletSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void NewColdkey_PromptsUnderThePasswordRuleAndEncrypts()
    {
        // A weak password, then a mismatched retype, then a good one twice.
        var input = "passw0rd\nbiTTensor\nbiTTensoR\nbiTTensor\nbiTTensor\n";
        var (code, output, error) = _sandbox.Run(["wallet", "new-coldkey", "--wallet.name", "alice", "--json"], input);
        Assert.Equal(0, code);
        Assert.Contains("too weak", error, StringComparison.Ordinal);
        Assert.Contains("do not match", error, StringComparison.Ordinal);
        Assert.DoesNotContain("biTTensor", error + output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("coldkey").GetProperty("encrypted").GetBoolean());
        var wallet = new Wallet("alice", path: _sandbox.WalletsPath, environment: WalletEnvironment.Empty);
        Assert.Equal(KeyfileFormat.Nacl, wallet.Coldkey.Format);
        Assert.Equal(KeyfileFormat.Plaintext, wallet.ColdkeyPub.Format);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(wallet.Coldkey.Path));
        }

        var inspected = _sandbox.Run(["wallet", "inspect", "--wallet.name", "alice"]);
        Assert.Contains("coldkey: nacl, coldkeypub.txt: plaintext", inspected.Output, StringComparison.Ordinal);
        Assert.Contains(json.RootElement.GetProperty("coldkey").GetProperty("ss58Address").GetString()!, inspected.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_AnsibleVaultColdkey_BecomesNaclUnderTheSamePassword()
    {
        var path = _sandbox.WalletFile("old", "coldkey");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "wallets", "ansible-vault-coldkey"), path);
        _sandbox.Environment["BT_COLD_PW_OLD"] = "vault-pw-2022";

        var (code, output, _) = _sandbox.Run(["wallet", "update", "--wallet.name", "old", "--no-prompt", "--json"]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal(("ansible-vault", "nacl", true), (file.GetProperty("before").GetString(), file.GetProperty("after").GetString(), file.GetProperty("updated").GetBoolean()));

        var keyfile = new Keyfile(path, WalletEnvironment.Empty);
        Assert.Equal(KeyfileFormat.Nacl, keyfile.Format);
        Assert.Equal("5HhFH9GvwCST4kRVoFREE7qDJcjYteR5unhQCrBGhhGuRgNb", keyfile.Load(PasswordProvider.FromPassword("vault-pw-2022")).Ss58Address);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var again = _sandbox.Run(["wallet", "update", "--wallet.name", "old", "--no-prompt"]);
        Assert.Equal(0, again.Code);
        Assert.Contains("nacl, nothing to do", again.Output, StringComparison.Ordinal);
    }
}
