using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>An encrypted coldkey end to end: created under <c>BT_COLD_PW_&lt;NAME&gt;</c>, refused with a wrong password, unlocked with the right one.</summary>
[Collection(Argon2Collection.Name)]
public sealed class WalletEncryptionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void EncryptedColdkey_UnlocksOnlyWithItsPassword()
    {
        var environment = WalletEnvironment.FromVariables(new Dictionary<string, string> { ["BT_COLD_PW_ALICE"] = "asdury3294y" });
        var wallet = new Wallet("alice", path: _directory.Combine("wallets"), environment: environment);
        var generated = wallet.CreateNewColdkey();

        Assert.Equal(KeyfileFormat.Nacl, wallet.Coldkey.Format);
        Assert.Equal(KeyfileFormat.Plaintext, wallet.ColdkeyPub.Format);
        Assert.Equal(generated.Key.Ss58Address, wallet.GetColdkeyPub().Ss58Address);
        var fileText = File.ReadAllText(wallet.Coldkey.Path);
        Assert.DoesNotContain(generated.Mnemonic.Split(' ')[0] + " ", fileText, StringComparison.Ordinal);

        var wrong = Assert.Throws<InvalidPasswordException>(() => wallet.UnlockColdkey(PasswordProvider.FromPassword("asdury3294z")));
        Assert.Contains(wallet.Coldkey.Path, wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("asdury", wrong.Message, StringComparison.Ordinal);

        var unlocked = wallet.UnlockColdkey();
        Assert.Equal(generated.Mnemonic, unlocked.ExportMnemonic());
        Assert.Equal(generated.Key.PublicKey, unlocked.PublicKey);
    }
}
