using System.CommandLine;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Wallet;

/// <summary>
/// <c>btcli wallet</c> (aliases <c>w</c>, <c>wallets</c>): create, regenerate, list and inspect wallets. Exit codes:
/// 0 done, 1 the operation failed (a file in the way, a wrong password, an unreadable keyfile), 2 bad usage.
/// </summary>
public static class WalletCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("wallet", "Create, restore, list and inspect wallets (coldkey, coldkeypub.txt, hotkeys).")
        {
            WalletCreateCommand.Create(console),
            NewColdkeyCommand.Create(console),
            NewHotkeyCommand.Create(console),
            RegenColdkeyCommand.Create(console),
            RegenColdkeypubCommand.Create(console),
            RegenHotkeyCommand.Create(console),
            WalletListCommand.Create(console),
            WalletInspectCommand.Create(console),
            WalletUpdateCommand.Create(console),
            WalletChainCommands.Balance(console),
            WalletChainCommands.Transfer(console),
            WalletChainCommands.Overview(console),
        };
        command.Aliases.Add("w");
        command.Aliases.Add("wallets");
        return command;
    }

    /// <summary>Runs a wallet command's body, turning its failures into a message on standard error and an exit code.</summary>
    internal static int Run(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return Btcli.InvalidInput;
        }
        catch (KeyfileException e) when (e.Error == KeyfileError.WeakPassword)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return Btcli.InvalidInput;
        }
        catch (KeyfileException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            if (e.Error == KeyfileError.AlreadyExists)
            {
                console.Error.WriteLine("Pass --overwrite to replace it.");
            }

            return Btcli.Failure;
        }
    }

    /// <summary>Adds an alias with underscores for a dashed command name (<c>new-coldkey</c> → <c>new_coldkey</c>).</summary>
    internal static Command WithUnderscoreAlias(Command command)
    {
        command.Aliases.Add(command.Name.Replace('-', '_'));
        return command;
    }
}
