using System.CommandLine;
using System.Text.Json.Nodes;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary><c>btcli wallet new-coldkey</c>: a new coldkey (and its coldkeypub.txt) from a new mnemonic, encrypted unless told otherwise.</summary>
public static class NewColdkeyCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var words = WalletOptions.Words();
        var usePassword = WalletOptions.UsePassword();
        var noPassword = WalletOptions.NoPassword();
        var overwrite = WalletOptions.Overwrite("Replace an existing coldkey and coldkeypub.txt without asking.", "--overwrite-coldkey", "--overwrite_coldkey");
        var command = new Command("new-coldkey", "Create a new coldkey from a new mnemonic (encrypted unless --no-password).") { words, usePassword, noPassword, overwrite };
        options.AddTo(command, hotkey: false);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var wallet = context.Wallet;
            var count = WalletContext.Words(parseResult, words);
            var encrypt = WalletContext.Encrypt(parseResult, usePassword, noPassword, byDefault: true);
            var replace = context.MayOverwrite(parseResult.GetValue(overwrite), wallet.Coldkey, wallet.ColdkeyPub);
            var password = encrypt ? context.ForEncryption(wallet.Coldkey) : null;
            var generated = wallet.CreateNewColdkey(count, encrypt, replace, password);
            var json = context.Json ? new JsonObject() : null;
            context.ShowNewKey("coldkey", wallet.Coldkey, generated, $"regen-coldkey --wallet.name {wallet.Name}", json);
            if (json is not null)
            {
                context.WriteJson(json);
            }

            return 0;
        }));
        return WalletCommand.WithUnderscoreAlias(command);
    }
}
