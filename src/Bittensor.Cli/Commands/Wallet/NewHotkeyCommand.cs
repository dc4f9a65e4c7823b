using System.CommandLine;
using System.Text.Json.Nodes;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary><c>btcli wallet new-hotkey</c>: a new hotkey from a new mnemonic, unencrypted unless told otherwise.</summary>
public static class NewHotkeyCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var words = WalletOptions.Words();
        var usePassword = WalletOptions.UsePassword();
        var noPassword = WalletOptions.NoPassword();
        var overwrite = WalletOptions.Overwrite("Replace an existing hotkey file without asking.", "--overwrite-hotkey", "--overwrite_hotkey");
        var command = new Command("new-hotkey", "Create a new hotkey from a new mnemonic (unencrypted unless --use-password).") { words, usePassword, noPassword, overwrite };
        options.AddTo(command);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var wallet = context.Wallet;
            var count = WalletContext.Words(parseResult, words);
            var encrypt = WalletContext.Encrypt(parseResult, usePassword, noPassword, byDefault: false);
            var replace = context.MayOverwrite(parseResult.GetValue(overwrite), wallet.Hotkey);
            var password = encrypt ? context.ForEncryption(wallet.Hotkey) : null;
            var generated = wallet.CreateNewHotkey(count, encrypt, replace, password);
            var json = context.Json ? new JsonObject() : null;
            context.ShowNewKey("hotkey", wallet.Hotkey, generated, $"regen-hotkey --wallet.name {wallet.Name} --wallet.hotkey {wallet.HotkeyName}", json);
            if (json is not null)
            {
                context.WriteJson(json);
            }

            return 0;
        }));
        return WalletCommand.WithUnderscoreAlias(command);
    }
}
