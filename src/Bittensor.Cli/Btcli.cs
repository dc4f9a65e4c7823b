using System.CommandLine;
using Bittensor.Cli.Commands.Key;
using Bittensor.Cli.Commands.Localnet;
using Bittensor.Cli.Commands.Miner;
using Bittensor.Cli.Commands.Model;
using Bittensor.Cli.Commands.Node;
using Bittensor.Cli.Commands.Query;
using Bittensor.Cli.Commands.Root;
using Bittensor.Cli.Commands.Sim;
using Bittensor.Cli.Commands.Stake;
using Bittensor.Cli.Commands.Subnets;
using Bittensor.Cli.Commands.Sudo;
using Bittensor.Cli.Commands.Validator;
using Bittensor.Cli.Commands.Wallet;
using Bittensor.Cli.Commands.Weights;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Cli;

/// <summary>The <c>btcli</c> command tree. Embeddable: tests run it in-process with their own streams.</summary>
public static class Btcli
{
    /// <summary>Exit code for invalid user input (bad options, unreadable or inconsistent files).</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code for an operation that failed (a refused overwrite, a wrong password, an unreadable file).</summary>
    public const int Failure = 1;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error) => Run(args, input, output, error, null);

    /// <summary>
    /// Runs one command. <paramref name="environment"/>, when given, replaces the process's environment variables for
    /// wallet commands (its <c>HOME</c> is the home directory); <paramref name="input"/> counts as a terminal only
    /// when it is the process's own interactive standard input.
    /// </summary>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string>? environment)
    {
        var console = new CliConsole(input, output, error)
        {
            Environment = environment is null ? WalletEnvironment.Process : WalletEnvironment.FromVariables(environment, environment.GetValueOrDefault("HOME")),
            IsTerminal = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected,
            OutIsTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected,
            ErrorIsTerminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected,
        };
        var root = new RootCommand("btcli: the Bittensor.NET command line.")
        {
            NodeCommand.Create(console),
            SimCommand.Create(console),
            WalletCommand.Create(console),
            KeyCommand.Create(console),
            SubnetsCommand.Create(console),
            WeightsCommand.Create(console),
            SudoCommand.Create(console),
            StakeCommand.Create(console),
            RootNetworkCommand.Create(console),
            ModelCommand.Create(console),
            MinerCommand.Create(console),
            ValidatorCommand.Create(console),
            LocalnetCommand.Create(console),
            QueryCommand.Create(console),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run 'btcli --help' for usage.");
            return InvalidInput;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
