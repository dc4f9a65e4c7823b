using System.CommandLine;

namespace Bittensor.Cli.Commands.Miner;

/// <summary><c>btcli miner</c>: run a miner.</summary>
public static class MinerCommand
{
    public static Command Create(CliConsole console) => new("miner", "Run a miner: serve a language model on a subnet.")
    {
        MinerRunCommand.Create(console),
    };
}
