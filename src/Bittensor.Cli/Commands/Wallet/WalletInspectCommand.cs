using System.CommandLine;
using System.Text.Json.Nodes;
using Bittensor.Sdk.Wallets;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>
/// <c>btcli wallet inspect</c>, offline: a wallet's coldkey and hotkeys — addresses, public keys and how each file is
/// stored. Balances, stake and registrations need a node and come with the RPC client.
/// </summary>
public static class WalletInspectCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var all = new Option<bool>("--all", "-a") { Description = "Inspect every wallet under the wallet path." };
        var command = new Command("inspect", "Show a wallet's keys: addresses, public keys and file formats (offline).") { all };
        options.AddTo(command, hotkey: false);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var names = parseResult.GetValue(all) ? SdkWallet.List(context.Wallet.Path, console.Environment) : [context.Wallet.Name];
            if (!parseResult.GetValue(all) && !context.Wallet.Exists)
            {
                throw new KeyfileException(KeyfileError.NotFound, $"There is no wallet '{context.Wallet.Name}' in {context.Wallet.Path} (see 'btcli wallet list').");
            }

            var json = new JsonArray();
            foreach (var name in names)
            {
                var wallet = new SdkWallet(name, null, context.Wallet.Path, console.Environment);
                var coldkey = WalletListCommand.ColdkeyOf(wallet);
                var coldkeyFile = KeyfileSummary.Of(wallet.Coldkey);
                var coldkeyPubFile = KeyfileSummary.Of(wallet.ColdkeyPub);
                var hotkeys = wallet.ListHotkeys().Select(h => (Name: h, Summary: KeyfileSummary.Of(wallet.HotkeyFile(h)))).ToArray();
                if (context.Json)
                {
                    var entry = coldkey.ToJson();
                    entry.Remove("format");
                    json.Add(new JsonObject
                    {
                        ["name"] = wallet.Name,
                        ["path"] = wallet.Directory,
                        ["coldkey"] = entry,
                        ["coldkeyFile"] = coldkeyFile.Format,
                        ["coldkeypubFile"] = coldkeyPubFile.Format,
                        ["hotkeys"] = new JsonArray([.. hotkeys.Select(h => (JsonNode)h.Summary.ToJson(h.Name))]),
                    });
                    continue;
                }

                console.Out.WriteLine($"wallet   {wallet.Name}  {wallet.Directory}");
                console.Out.WriteLine($"coldkey  {coldkey.AddressText}  {coldkey.PublicKey?.PublicKey.ToHex()}");
                console.Out.WriteLine($"         coldkey: {coldkeyFile.Format}, coldkeypub.txt: {coldkeyPubFile.Format}");
                var width = hotkeys.Length == 0 ? 0 : hotkeys.Max(h => h.Name.Length);
                foreach (var (hotkeyName, summary) in hotkeys)
                {
                    console.Out.WriteLine($"hotkey   {hotkeyName.PadRight(width)}  {summary.AddressText}  ({summary.Format})");
                }

                if (hotkeys.Length == 0)
                {
                    console.Out.WriteLine("hotkeys  none");
                }

                console.Out.WriteLine();
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["wallets"] = json });
            }

            return 0;
        }));
        return command;
    }
}
