using System.CommandLine;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary><c>btcli wallet regen-coldkey</c>: restores the coldkey (and coldkeypub.txt) from its mnemonic or seed.</summary>
public static class RegenColdkeyCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var source = new RegenKeySource();
        var usePassword = WalletOptions.UsePassword();
        var noPassword = WalletOptions.NoPassword();
        var overwrite = WalletOptions.Overwrite("Replace an existing coldkey and coldkeypub.txt without asking.", "--overwrite-coldkey", "--overwrite_coldkey");
        var command = new Command("regen-coldkey", "Restore a coldkey from its mnemonic or seed (encrypted unless --no-password).") { usePassword, noPassword, overwrite };
        source.AddTo(command);
        options.AddTo(command, hotkey: false);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var wallet = context.Wallet;
            var encrypt = WalletContext.Encrypt(parseResult, usePassword, noPassword, byDefault: true);
            var key = source.Key(parseResult, context, "coldkey");
            var replace = context.MayOverwrite(parseResult.GetValue(overwrite), wallet.Coldkey, wallet.ColdkeyPub);
            wallet.RegenerateColdkey(key, encrypt, replace, encrypt ? context.ForEncryption(wallet.Coldkey) : null);
            KeyReport.Print(context, "coldkey", wallet.Coldkey, key);
            return 0;
        }));
        return WalletCommand.WithUnderscoreAlias(command);
    }
}
