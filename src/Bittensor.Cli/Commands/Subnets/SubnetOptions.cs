using System.CommandLine;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Cli.Commands.Subnets;

/// <summary>Options and lookups the subnet, weights and sudo commands share.</summary>
internal static class SubnetOptions
{
    /// <summary><c>--netuid</c>: the subnet.</summary>
    public static Option<int?> Netuid() => new("--netuid")
    {
        Description = "The subnet's netuid (see `btcli subnets list`).",
    };

    /// <summary>The netuid given with <c>--netuid</c>; missing or out of range is a <see cref="CliUsageException"/>.</summary>
    public static ushort Require(ParseResult parseResult, Option<int?> option)
    {
        var value = parseResult.GetValue(option)
            ?? throw new CliUsageException("--netuid is required: give the subnet's number (see `btcli subnets list`).");
        return value is >= 0 and <= ushort.MaxValue
            ? (ushort)value
            : throw new CliUsageException($"--netuid {value} is not a netuid: give a number from 0 to 65535.");
    }

    /// <summary>The subnet's info; a subnet that does not exist is a <see cref="ChainCommandException"/>.</summary>
    public static async Task<SubnetInfo> SubnetAsync(ChainClient client, ushort netuid, CancellationToken cancellationToken) =>
        await client.GetSubnetInfoAsync(netuid, cancellationToken).ConfigureAwait(false)
            ?? throw new ChainCommandException($"subnet {netuid} does not exist.", "See the subnets there are with `btcli subnets list`, or create one with `btcli subnets create`.");
}
