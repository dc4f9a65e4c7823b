using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Client;

/// <summary>The README's example of the client, run against a real node.</summary>
public sealed class ReadmeExampleTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_readme_example_runs_as_written()
    {
        await using var node = await DevNode.StartAsync();
        node.StartInstantSealing();
        var output = new List<string>();

        await using var client = await ChainClient.ConnectAsync(node.WebSocketEndpoint.ToString());
        var bob = DevAccounts.Bob.PublicKey;

        var account = await client.GetAccountAsync(bob);
        var neurons = await client.GetNeuronsLiteAsync(netuid: 1);

        var result = await client.SignAndSubmitAsync(DevAccounts.Alice, new BalancesCall.TransferKeepAlive(bob, 1_000_000_000));
        output.Add(result.Success
            ? $"in block #{result.BlockNumber}, fee {result.Fee} rao, events: {string.Join(", ", result.Events)}"
            : $"failed: {result.Error}");

        Assert.Equal(0UL, account.Nonce);
        Assert.Empty(neurons);
        Assert.Equal($"in block #1, fee {result.Fee} rao, events: Balances.FeePaid, Balances.Transfer", Assert.Single(output));
    }
}
