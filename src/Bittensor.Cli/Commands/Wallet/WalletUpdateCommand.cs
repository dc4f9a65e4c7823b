using System.CommandLine;
using System.Text.Json.Nodes;
using Bittensor.Sdk.Wallets;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>
/// <c>btcli wallet update</c>: re-encrypts a wallet's Ansible Vault and legacy (Fernet) keyfiles as <c>$NACL</c>
/// with the same password. Files already in <c>$NACL</c> or not encrypted are left alone.
/// </summary>
public static class WalletUpdateCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var all = new Option<bool>("--all", "-a") { Description = "Update every wallet under the wallet path." };
        var command = new Command("update", "Re-encrypt old (Ansible Vault, Fernet) keyfiles in the current $NACL format.") { all };
        options.AddTo(command, hotkey: false);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var names = parseResult.GetValue(all) ? SdkWallet.List(context.Wallet.Path, console.Environment) : [context.Wallet.Name];
            if (!parseResult.GetValue(all) && !context.Wallet.Exists)
            {
                throw new KeyfileException(KeyfileError.NotFound, $"There is no wallet '{context.Wallet.Name}' in {context.Wallet.Path} (see 'btcli wallet list').");
            }

            var report = new JsonArray();
            foreach (var name in names)
            {
                var wallet = new SdkWallet(name, null, context.Wallet.Path, console.Environment);
                foreach (var file in new[] { wallet.Coldkey }.Concat(wallet.ListHotkeys().Select(wallet.HotkeyFile)))
                {
                    if (!file.Exists)
                    {
                        continue;
                    }

                    var before = KeyfileSummary.FormatName(file.Format);
                    var updated = before is "ansible-vault" or "legacy-fernet" && file.UpdateEncryption(context.ForUnlocking(file));
                    var after = KeyfileSummary.FormatName(file.Format);
                    report.Add(new JsonObject { ["path"] = file.Path, ["before"] = before, ["after"] = after, ["updated"] = updated });
                    if (!context.Json)
                    {
                        console.Out.WriteLine(updated ? $"{file.Path}: {before} → {after}" : $"{file.Path}: {before}, nothing to do");
                    }
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["files"] = report });
            }

            return 0;
        }));
        return command;
    }
}
