using System.CommandLine;

namespace Bittensor.Cli.Commands.Key;

/// <summary><c>btcli key</c>: offline key utilities in the manner of Substrate's <c>subkey</c>.</summary>
public static class KeyCommand
{
    public static Command Create(CliConsole console) => new("key", "Generate and inspect keys offline (Ed25519, SS58 prefix 42).")
    {
        KeyInspectCommand.Create(console),
        KeyGenerateCommand.Create(console),
    };
}
