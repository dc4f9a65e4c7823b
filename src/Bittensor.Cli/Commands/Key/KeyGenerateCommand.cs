using System.CommandLine;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Key;

/// <summary><c>btcli key generate</c>: a new random mnemonic and its Ed25519 key, printed and not stored.</summary>
public static class KeyGenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var wordsOption = new Option<int>("--words", "-w")
        {
            Description = "Words in the mnemonic: 12, 15, 18, 21 or 24.",
            DefaultValueFactory = _ => 12,
        };
        var jsonOption = new Option<bool>("--json") { Description = "Print the result as JSON (subkey's field names)." };
        var command = new Command("generate", "Generate a new mnemonic and show its key (nothing is written to disk).") { wordsOption, jsonOption };
        command.SetAction(parseResult =>
        {
            var words = parseResult.GetValue(wordsOption);
            if (!Mnemonic.WordCounts.Contains(words))
            {
                console.Error.WriteLine($"error: --words {words} is not a mnemonic length: use 12, 15, 18, 21 or 24.");
                return Btcli.InvalidInput;
            }

            var key = Keypair.Generate(words);
            KeyDescription.Write(console.Out, key, key.ExportMnemonic(), parseResult.GetValue(jsonOption));
            return 0;
        });
        return command;
    }
}
