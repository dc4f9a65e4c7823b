using System.CommandLine;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Key;

/// <summary>
/// <c>btcli key inspect [URI]</c>: the key of a secret URI (<c>phrase//hard///password</c>, <c>0xseed//hard</c>,
/// <c>//Alice</c>) or, with <c>--public</c> or an SS58 address, a public key alone. Without an argument the URI is
/// read from standard input (without echo on a terminal), which keeps it out of the process list.
/// </summary>
public static class KeyInspectCommand
{
    public static Command Create(CliConsole console)
    {
        var uriArgument = new Argument<string?>("uri")
        {
            Description = "Secret URI, SS58 address, or (with --public) 0x public key. Read from standard input when omitted.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var publicOption = new Option<bool>("--public") { Description = "The argument is a public key (0x hex) or an address, not a secret." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the result as JSON (subkey's field names)." };
        var command = new Command("inspect", "Show the public key, account id, SS58 address and secret seed of a key.") { uriArgument, publicOption, jsonOption };
        command.SetAction(parseResult =>
        {
            try
            {
                var uri = parseResult.GetValue(uriArgument) ?? console.AskSecret("Secret URI: ")?.Trim();
                if (string.IsNullOrEmpty(uri))
                {
                    throw new CliUsageException("Give a secret URI, an SS58 address or (with --public) a public key.");
                }

                var key = parseResult.GetValue(publicOption) || Bittensor.Primitives.Keys.Ss58.IsValid(uri)
                    ? (uri.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Keypair.FromPublicKeyHex(uri) : Keypair.FromSs58Address(uri))
                    : Keypair.FromUri(uri);
                KeyDescription.Write(console.Out, key, secretPhrase: null, parseResult.GetValue(jsonOption));
                return 0;
            }
            catch (Exception e) when (e is CliUsageException or FormatException or NotSupportedException)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return Btcli.InvalidInput;
            }
        });
        return command;
    }
}
