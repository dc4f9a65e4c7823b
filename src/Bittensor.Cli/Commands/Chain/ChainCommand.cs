using System.CommandLine;
using Bittensor.Contracts.Transactions;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli.Commands.Chain;

/// <summary>
/// Runs the body of an on-chain command and turns its outcome into an exit code: 0 success; 1 failed on chain or at
/// the node (<see cref="ChainCommandException"/>, a dispatch error, a rejected transaction, an RPC or connection
/// failure, a wrong password), each with a message and what to do next on standard error; 2 bad usage
/// (<see cref="CliUsageException"/>).
/// </summary>
/// <example>
/// <code>
/// command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
/// {
///     await using var context = new ChainContext(console, parseResult, options);
///     var client = await context.ConnectAsync(ct);
///     ...
///     return 0;
/// }));
/// </code>
/// </example>
internal static class ChainCommand
{
    /// <summary>What to do when the node cannot be reached.</summary>
    public const string NodeHint = "Is the node running? Start one with `btcli node --dev`, or point --chain-endpoint (or --network) at a running node.";

    /// <summary>Runs <paramref name="body"/>, mapping its failures to a message on standard error and an exit code.</summary>
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            return Fail(console, e.Message, null, Btcli.InvalidInput);
        }
        catch (ChainCommandException e)
        {
            return Fail(console, e.Message, e.Hint, Btcli.Failure);
        }
        catch (KeyfileException e)
        {
            var hint = e.Error switch
            {
                KeyfileError.NotFound => "Create a wallet with `btcli wallet create`, or choose one with --wallet.name / --wallet.path (see `btcli wallet list`).",
                KeyfileError.InvalidPassword => "Check the password (or BT_COLD_PW_<NAME>) and try again.",
                _ => null,
            };
            return Fail(console, e.Message, hint, e.Error == KeyfileError.WeakPassword ? Btcli.InvalidInput : Btcli.Failure);
        }
        catch (TransactionRejectedException e)
        {
            var hint = e.Reason switch
            {
                InvalidTransaction.Payment => "The account cannot pay the transaction fee: check `btcli wallet balance`.",
                InvalidTransaction.Stale or InvalidTransaction.Future => "Another transaction from this account got in first; run the command again.",
                _ => "Nothing was changed on chain.",
            };
            return Fail(console, $"the node refused the transaction: {e.Message}", hint, Btcli.Failure);
        }
        catch (TransactionTimeoutException e)
        {
            return Fail(console, e.Message, "The transaction may still be included: check with a query (e.g. `btcli wallet balance`) before sending it again, or allow more time with --timeout.", Btcli.Failure);
        }
        catch (RpcConnectionException e)
        {
            return Fail(console, $"cannot reach the node at {e.Endpoint}: {e.Message}", NodeHint, Btcli.Failure);
        }
        catch (RpcTimeoutException e)
        {
            return Fail(console, e.Message, NodeHint, Btcli.Failure);
        }
        catch (RpcException e)
        {
            return Fail(console, $"the node answered with an error: {e.Message}", "Check that the endpoint is a Bittensor.NET node and that the command's arguments are right.", Btcli.Failure);
        }
        catch (RpcResponseException e)
        {
            return Fail(console, $"the node's answer could not be read: {e.Message}", "Check that the endpoint is a Bittensor.NET node of the same version as btcli.", Btcli.Failure);
        }
    }

    /// <summary>
    /// Builds an on-chain command: <paramref name="name"/> (with its underscore alias), the command's own
    /// <paramref name="options"/>, the shared <see cref="ChainOptions"/> (with <c>--wallet.hotkey</c> when
    /// <paramref name="hotkey"/>), and an action that opens a <see cref="ChainContext"/>, runs
    /// <paramref name="body"/> inside <see cref="RunAsync"/> and closes the connection.
    /// </summary>
    public static Command Define(
        CliConsole console, string name, string description, bool hotkey, Func<ChainContext, ParseResult, CancellationToken, Task<int>> body, params Option[] options)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        var chainOptions = new ChainOptions();
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        chainOptions.AddTo(command, hotkey);
        command.SetAction((parseResult, cancellationToken) => RunAsync(console, async () =>
        {
            await using var context = new ChainContext(console, parseResult, chainOptions);
            return await body(context, parseResult, cancellationToken).ConfigureAwait(false);
        }));
        return WithUnderscoreAlias(command);
    }

    /// <summary>Adds the underscore spelling of a dashed command name as an alias (<c>list-delegates</c> → <c>list_delegates</c>) and returns the command.</summary>
    public static Command WithUnderscoreAlias(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var underscored = command.Name.Replace('-', '_');
        if (underscored != command.Name)
        {
            command.Aliases.Add(underscored);
        }

        return command;
    }

    private static int Fail(CliConsole console, string message, string? hint, int code)
    {
        console.Error.WriteLine($"error: {message}");
        if (hint is not null)
        {
            console.Error.WriteLine(hint);
        }

        return code;
    }
}
