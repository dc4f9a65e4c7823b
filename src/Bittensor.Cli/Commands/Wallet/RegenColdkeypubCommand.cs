using System.CommandLine;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary><c>btcli wallet regen-coldkeypub</c>: writes coldkeypub.txt from an SS58 address or a public key, no secret needed.</summary>
public static class RegenColdkeypubCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WalletOptions();
        var address = new Option<string?>("--ss58", "--ss58-address", "--ss58_address", "--addr") { Description = "The coldkey's SS58 address (prefix 42)." };
        var publicKey = new Option<string?>("--public-key", "--public_key", "--pubkey") { Description = "The coldkey's public key as 0x and 64 hex digits." };
        var overwrite = WalletOptions.Overwrite("Replace an existing coldkeypub.txt without asking.", "--overwrite-coldkeypub", "--overwrite_coldkeypub");
        var command = new Command("regen-coldkeypub", "Write coldkeypub.txt from the coldkey's address or public key.") { address, publicKey, overwrite };
        options.AddTo(command, hotkey: false);
        command.SetAction(parseResult => WalletCommand.Run(console, () =>
        {
            var context = new WalletContext(console, parseResult, options);
            var wallet = context.Wallet;
            var key = PublicKey(parseResult.GetValue(address), parseResult.GetValue(publicKey), context);
            var replace = context.MayOverwrite(parseResult.GetValue(overwrite), wallet.ColdkeyPub);
            wallet.RegenerateColdkeyPub(key, replace);
            KeyReport.Print(context, "coldkeypub", wallet.ColdkeyPub, key);
            return 0;
        }));
        return WalletCommand.WithUnderscoreAlias(command);
    }

    private static Keypair PublicKey(string? address, string? publicKey, WalletContext context)
    {
        if (address is not null && publicKey is not null)
        {
            throw new CliUsageException("Give --ss58 or --public-key, not both.");
        }

        if (address is null && publicKey is null)
        {
            if (context.NoPrompt)
            {
                throw new CliUsageException("Give the coldkey's --ss58 address or --public-key (--no-prompt forbids asking for it).");
            }

            var answer = context.Console.Ask("Enter the coldkey's SS58 address or 0x public key: ")?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                throw new CliUsageException("No address or public key was entered.");
            }

            if (answer.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                publicKey = answer;
            }
            else
            {
                address = answer;
            }
        }

        try
        {
            return address is not null ? Keypair.FromSs58Address(address) : Keypair.FromPublicKeyHex(publicKey!);
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"{(address is not null ? "--ss58" : "--public-key")}: {e.Message}");
        }
    }
}
