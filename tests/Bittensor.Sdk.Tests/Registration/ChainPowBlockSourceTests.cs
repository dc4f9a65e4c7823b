using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Registration;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Registration;

/// <summary><see cref="ChainPowBlockSource"/> against a real development node.</summary>
public sealed class ChainPowBlockSourceTests
{
    [Fact(Timeout = 60_000)]
    public async Task Reports_the_best_block_and_the_subnet_difficulty()
    {
        await using var node = await DevNode.StartAsync();
        await using var client = await node.ConnectAsync();
        node.Host.SealNow();
        node.Host.SealNow();

        var block = await new ChainPowBlockSource(client, 1).GetCurrentAsync(CancellationToken.None);

        Assert.Equal(2UL, block.Number);
        Assert.Equal(node.Host.Chain.GetBlockHash(2), block.Hash);
        Assert.Equal((await client.GetSubnetInfoAsync(1))!.Difficulty, block.Difficulty);
        Assert.Equal(10_000UL, block.Difficulty);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_subnet_is_an_error_that_names_it()
    {
        await using var node = await DevNode.StartAsync();
        await using var client = await node.ConnectAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new ChainPowBlockSource(client, 77).GetCurrentAsync(CancellationToken.None));

        Assert.Contains("Subnet 77", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_seal_solved_on_its_blocks_registers_the_hotkey()
    {
        await using var node = await DevNode.StartAsync();
        await using var client = await node.ConnectAsync();
        node.StartInstantSealing();
        node.Host.SealNow();
        var coldkey = DevAccounts.Bob;
        var hotkeyPair = new Ed25519KeyPair(Enumerable.Repeat((byte)9, 32).ToArray());
        var hotkey = hotkeyPair.PublicKey;

        var result = await PowSolver.SolveAsync(new ChainPowBlockSource(client, 1), hotkey, new PowSolverOptions { Threads = 2 });
        Assert.Equal(PowOutcome.Solved, result.Outcome);
        var s = result.Solution!;
        var receipt = await client.SignAndSubmitAsync(hotkeyPair, new SubtensorCall.Register(1, s.BlockNumber, s.Nonce, s.Seal.ToArray(), hotkey, coldkey.PublicKey));

        Assert.True(receipt.Success, receipt.Error?.ToString());
        var metagraph = await client.GetMetagraphAsync(1);
        Assert.NotNull(metagraph!.UidOf(hotkey));
    }
}
