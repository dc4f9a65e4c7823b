using System.CommandLine;
using System.Text.Json.Nodes;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>
/// <c>btcli wallet create</c>: a new coldkey (encrypted unless <c>--no-password</c>) and a new hotkey (unencrypted
/// unless <c>--use-password</c>), each from its own new mnemonic. Existing files are replaced only with
/// <c>--overwrite</c> or the user's <c>y</c>.
/// </summary>
public static class WalletCreateCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var words = WalletOptions.Words();
        var noPassword = WalletOptions.NoPassword();
        var usePassword = WalletOptions.UsePassword();
        var overwrite = WalletOptions.Overwrite("Replace existing coldkey, coldkeypub.txt and hotkey files without asking.");
        var overwriteColdkey = new Option<bool>("--overwrite-coldkey", "--overwrite_coldkey") { Description = "Replace an existing coldkey and coldkeypub.txt without asking." };
        var overwriteHotkey = new Option<bool>("--overwrite-hotkey", "--overwrite_hotkey") { Description = "Replace an existing hotkey file without asking." };
        var command = new Command("create", "Create a new coldkey and a new hotkey.")
        {
            words,
            noPassword,
            usePassword,
            overwrite,
            overwriteColdkey,
            overwriteHotkey,
        };
        options.AddTo(command);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var wallet = context.Wallet;
            var count = WalletContext.Words(parseResult, words);
            if (parseResult.GetValue(usePassword) && parseResult.GetValue(noPassword))
            {
                throw new CliUsageException("--use-password and --no-password contradict each other; give one.");
            }

            // --no-password leaves both keys unencrypted; --use-password encrypts the hotkey as well as the coldkey.
            var encryptColdkey = !parseResult.GetValue(noPassword);
            var encryptHotkey = parseResult.GetValue(usePassword);
            var replaceColdkey = context.MayOverwrite(parseResult.GetValue(overwrite) || parseResult.GetValue(overwriteColdkey), wallet.Coldkey, wallet.ColdkeyPub);
            var replaceHotkey = context.MayOverwrite(parseResult.GetValue(overwrite) || parseResult.GetValue(overwriteHotkey), wallet.Hotkey);
            if (!replaceColdkey)
            {
                wallet.Coldkey.RequireAbsent();
                wallet.ColdkeyPub.RequireAbsent();
            }

            if (!replaceHotkey)
            {
                wallet.Hotkey.RequireAbsent();
            }

            var json = context.Json ? new JsonObject() : null;
            var coldkey = wallet.CreateNewColdkey(count, encryptColdkey, replaceColdkey, encryptColdkey ? context.ForEncryption(wallet.Coldkey) : null);
            context.ShowNewKey("coldkey", wallet.Coldkey, coldkey, $"regen-coldkey --wallet.name {wallet.Name}", json);
            if (json is null)
            {
                console.Out.WriteLine();
            }

            var hotkey = wallet.CreateNewHotkey(count, encryptHotkey, replaceHotkey, encryptHotkey ? context.ForEncryption(wallet.Hotkey) : null);
            context.ShowNewKey("hotkey", wallet.Hotkey, hotkey, $"regen-hotkey --wallet.name {wallet.Name} --wallet.hotkey {wallet.HotkeyName}", json);
            if (json is not null)
            {
                context.WriteJson(json);
            }

            return 0;
        }));
        return command;
    }
}
