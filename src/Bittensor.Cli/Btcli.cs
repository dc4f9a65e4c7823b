using System.CommandLine;
using Bittensor.Cli.Commands.Node;
using Bittensor.Cli.Commands.Sim;

namespace Bittensor.Cli;

/// <summary>The <c>btcli</c> command tree. Embeddable: tests run it in-process with their own streams.</summary>
public static class Btcli
{
    /// <summary>Exit code for invalid user input (bad options, unreadable or inconsistent files).</summary>
    public const int InvalidInput = 2;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(input, output, error);
        var root = new RootCommand("btcli: the Bittensor.NET command line.")
        {
            NodeCommand.Create(console),
            SimCommand.Create(console),
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
