using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Bittensor.Cli;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Tests.Support;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// <c>btcli miner run</c> as its own process against an in-process dev chain: it registers the wallet's hotkey by
/// burn, serves, answers a validator, prints its events, and exits 0 on SIGTERM.
/// </summary>
public sealed class MinerProcessTests
{
    [Fact(Timeout = 120_000)]
    public async Task MinerRun_RegistersServesAnswersAndStopsCleanlyOnSigterm()
    {
        using var model = new MinerTestModel();
        await using var node = await DevNode.StartAsync();
        node.StartInstantSealing();
        await using var client = await node.ConnectAsync();
        var wallets = Path.Combine(model.Directory, "wallets");
        var alice = Keypair.FromUri("//Alice");
        Cli("wallet", "regen-coldkey", "--wallet.name", "alice", "--seed", "0x" + Convert.ToHexStringLower(alice.ExportSeed()!), "--no-password", "--no-prompt", "--wallet.path", wallets);
        Cli("wallet", "new-hotkey", "--wallet.name", "alice", "--wallet.hotkey", "miner", "--no-password", "--no-prompt", "--wallet.path", wallets);
        var validator = Keypair.Generate();
        Assert.True((await client.SignAndSubmitAsync(DevAccounts.Bob, new SubtensorCall.BurnedRegister(1, validator.PublicKey))).Success);

        var lines = new ConcurrentQueue<string>();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "btcli.dll"), "miner", "run", "--wallet", "alice", "--hotkey", "miner", "--netuid", "1",
            "--model", model.Path, "--wallet.path", wallets, "--chain-endpoint", node.WebSocketEndpoint.ToString(), "--axon.port", "0", "--no-prompt",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var miner = Process.Start(info)!;
        var errors = new ConcurrentQueue<string>();
        miner.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        miner.ErrorDataReceived += (_, e) => { if (e.Data is not null) { errors.Enqueue(e.Data); } };
        miner.BeginOutputReadLine();
        miner.BeginErrorReadLine();
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!lines.Any(l => l.Contains(" served: 127.0.0.2:", StringComparison.Ordinal)))
            {
                Assert.False(miner.HasExited, $"the miner exited with {(miner.HasExited ? miner.ExitCode : 0)}: {string.Join(" | ", errors)} {string.Join(" | ", lines)}");
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the miner did not serve within 60 s: " + string.Join(" | ", lines));
                await Task.Delay(100);
            }

            Assert.Contains(lines, l => l.Contains(" registered: by burn", StringComparison.Ordinal));
            var hotkey = new Wallet("alice", "miner", wallets).Hotkey.LoadPublic()!.PublicKey;
            var metagraph = (await Metagraph.SyncAsync(client, 1, "local"))!;
            var target = Assert.Single(metagraph.ServingAxons(), a => a.Uid == metagraph.UidOf(hotkey)).Target;
            using var dendrite = new DendriteClient(validator);
            var answer = await dendrite.CallAsync(target, new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64([464L, 2068], 1, 2), Topk = 3 });
            Assert.True(answer.IsSuccess, answer.Message);
            Assert.Equal(model.Model.NextTokenTopK([464, 2068], 3).TokenIds.Select(t => (long)t), answer.Response!.TopkTokenIds!.ToInt64());

            using (var kill = Process.Start("kill", ["-TERM", miner.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await miner.WaitForExitAsync(exit.Token);
            Assert.Equal(0, miner.ExitCode);
            Assert.EndsWith(" stopped", lines.Last(), StringComparison.Ordinal);
        }
        finally
        {
            if (!miner.HasExited)
            {
                miner.Kill();
            }
        }
    }

    private static void Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Btcli.Run(args, new StringReader(string.Empty), stdout, stderr, new Dictionary<string, string> { ["HOME"] = Path.GetTempPath() });
        Assert.True(code == 0, $"btcli {string.Join(' ', args)}: {stderr}");
    }
}
