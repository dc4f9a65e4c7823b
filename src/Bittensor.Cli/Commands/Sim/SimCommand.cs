using System.CommandLine;

namespace Bittensor.Cli.Commands.Sim;

/// <summary><c>btcli sim</c>: run parts of the chain offline on files.</summary>
public static class SimCommand
{
    public static Command Create(CliConsole console) => new("sim", "Run parts of the chain offline, on scenario files.")
    {
        EpochCommand.Create(console),
    };
}
