using System.CommandLine;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary><c>btcli wallet regen-hotkey</c>: restores a hotkey from its mnemonic or seed.</summary>
public static class RegenHotkeyCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var source = new RegenKeySource();
        var usePassword = WalletOptions.UsePassword();
        var noPassword = WalletOptions.NoPassword();
        var overwrite = WalletOptions.Overwrite("Replace an existing hotkey file without asking.", "--overwrite-hotkey", "--overwrite_hotkey");
        var command = new Command("regen-hotkey", "Restore a hotkey from its mnemonic or seed (unencrypted unless --use-password).") { usePassword, noPassword, overwrite };
        source.AddTo(command);
        options.AddTo(command);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var wallet = context.Wallet;
            var encrypt = WalletContext.Encrypt(parseResult, usePassword, noPassword, byDefault: false);
            var key = source.Key(parseResult, context, "hotkey");
            var replace = context.MayOverwrite(parseResult.GetValue(overwrite), wallet.Hotkey);
            wallet.RegenerateHotkey(key, encrypt, replace, encrypt ? context.ForEncryption(wallet.Hotkey) : null);
            KeyReport.Print(context, "hotkey", wallet.Hotkey, key);
            return 0;
        }));
        return WalletCommand.WithUnderscoreAlias(command);
    }
}
