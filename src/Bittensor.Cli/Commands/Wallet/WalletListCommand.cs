using System.CommandLine;
using System.Text.Json.Nodes;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary><c>btcli wallet list</c>: every wallet under the wallet path as a tree, with the coldkey's and each hotkey's address.</summary>
public static class WalletListCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var command = new Command("list", "Show the wallets and their hotkeys, with addresses.") { options.Path, options.Json };
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var root = SdkWallet.ResolveRoot(parseResult.GetValue(options.Path), console.Environment);
            var names = SdkWallet.List(root, console.Environment);
            var json = new JsonArray();
            if (!parseResult.GetValue(options.Json))
            {
                console.Out.WriteLine(names.Count == 0 ? $"No wallets in {root}." : $"Wallets in {root}");
            }

            for (var w = 0; w < names.Count; w++)
            {
                var wallet = new SdkWallet(names[w], null, root, console.Environment);
                var coldkey = ColdkeyOf(wallet);
                var hotkeys = wallet.ListHotkeys();
                if (parseResult.GetValue(options.Json))
                {
                    var entry = coldkey.ToJson(wallet.Name);
                    entry["hotkeys"] = new JsonArray([.. hotkeys.Select(h => (JsonNode)KeyfileSummary.Of(wallet.HotkeyFile(h)).ToJson(h))]);
                    json.Add(entry);
                    continue;
                }

                var lastWallet = w == names.Count - 1;
                console.Out.WriteLine($"{(lastWallet ? "└── " : "├── ")}{wallet.Name} {coldkey.AddressText}");
                for (var h = 0; h < hotkeys.Count; h++)
                {
                    var summary = KeyfileSummary.Of(wallet.HotkeyFile(hotkeys[h]));
                    console.Out.WriteLine($"{(lastWallet ? "    " : "│   ")}{(h == hotkeys.Count - 1 ? "└── " : "├── ")}{hotkeys[h]} {summary.AddressText}");
                }
            }

            if (parseResult.GetValue(options.Json))
            {
                console.Out.WriteLine(new JsonObject { ["path"] = root, ["wallets"] = json }.ToJsonString(new() { WriteIndented = true }));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The coldkey's public part: coldkeypub.txt, or an unencrypted coldkey when that is missing.</summary>
    internal static KeyfileSummary ColdkeyOf(SdkWallet wallet)
    {
        var pub = KeyfileSummary.Of(wallet.ColdkeyPub);
        if (pub.PublicKey is not null)
        {
            return pub;
        }

        var coldkey = KeyfileSummary.Of(wallet.Coldkey);
        return coldkey.PublicKey is not null || pub.Format == "missing" ? coldkey : pub;
    }
}
