using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Chain;
using Bittensor.Node.Consensus;
using Bittensor.Node.Storage;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Xunit.Abstractions;

namespace Bittensor.Cli.Tests;

/// <summary>
/// Crash safety for real: <c>btcli node</c> runs as its own process, is flooded with transfers over RPC and killed
/// with SIGKILL at random moments; between runs the database is opened offline and checked (every block seen over
/// RPC before the kill is still there with the same hash, and the state root recomputed from every stored entry
/// equals the best header's), then the node restarts and must carry on from its last committed block.
/// </summary>
public sealed class NodeCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("node-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = 240_000)]
    public Task Killed_node_restarts_from_its_last_committed_block_with_a_consistent_state() => CrashLoop(rounds: 4, seed: 1);

    [Fact(Timeout = 1_800_000)]
    [Trait("Category", "Soak")]
    public Task Killed_node_survives_many_crashes() => CrashLoop(rounds: 40, seed: 7);

    [Fact(Timeout = 120_000)]
    public async Task Node_stops_cleanly_on_SIGTERM_and_keeps_its_blocks()
    {
        // SIGINT takes the same path, but a process started from a non-interactive shell may inherit SIGINT as
        // ignored, so the test sends SIGTERM.
        var port = FreePort();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var node = StartNode(port, lines);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitReady(http, node);
        while (await BestNumber(http) < 2)
        {
            await Task.Delay(100);
        }

        using (var kill = Process.Start("kill", ["-TERM", node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var exitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(exitTimeout.Token);
        Assert.Equal(0, node.ExitCode);
        var stopping = lines.SingleOrDefault(l => l.StartsWith("stopping at #", StringComparison.Ordinal));
        Assert.NotNull(stopping);
        var stoppedAt = ulong.Parse(stopping["stopping at #".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stoppedAt >= 2);
        Assert.Contains(lines, l => l.StartsWith("rpc ", StringComparison.Ordinal));

        using var db = ChainDatabase.Open(Path.Combine(_dir, "chains", "dev", "chain.db"));
        var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus());
        Assert.Equal(stoppedAt, chain.BestNumber);
        Assert.Equal(chain.BestHeader.StateRoot, chain.RecomputeStateRoot());
    }

    private async Task CrashLoop(int rounds, int seed)
    {
        var random = new Random(seed);
        var seen = new SortedDictionary<ulong, string>();
        ulong included = 0;
        for (var round = 0; round < rounds; round++)
        {
            var port = FreePort();
            using var node = StartNode(port);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            await WaitReady(http, node);
            var bestAtStart = await BestNumber(http);
            if (seen.Count > 0)
            {
                Assert.True(bestAtStart >= seen.Keys.Max(), $"round {round}: the node restarted at #{bestAtStart}, before block #{seen.Keys.Max()} it had reported");
            }

            using var flood = new CancellationTokenSource();
            var flooding = Flood(http, flood.Token);
            var killAt = Stopwatch.GetTimestamp() + (long)((1.0 + (random.NextDouble() * 2.0)) * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < killAt)
            {
                await Observe(http, seen);
                await Task.Delay(random.Next(20, 80));
            }

            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            await flood.CancelAsync();
            await flooding;

            var inChain = CheckOffline(seen, round);
            output.WriteLine($"round {round}: started at #{bestAtStart}, killed after #{seen.Keys.Max()} was reported; {inChain} transfers in the chain");
            included = inChain;
        }

        Assert.True(seen.Keys.Max() >= (ulong)rounds, $"only {seen.Keys.Max()} blocks in {rounds} runs");
        Assert.True(included > 0, "no transfer was ever included");
    }

    /// <summary>Opens the killed node's database and checks it; returns the transactions in its blocks.</summary>
    private ulong CheckOffline(SortedDictionary<ulong, string> seen, int round)
    {
        using var db = ChainDatabase.Open(Path.Combine(_dir, "chains", "dev", "chain.db"));
        var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus());
        foreach (var (number, hash) in seen)
        {
            Assert.True(number <= chain.BestNumber, $"round {round}: block #{number} was reported but the database ends at #{chain.BestNumber}");
            Assert.Equal(hash, chain.GetBlockHash(number)?.ToHex());
        }

        Assert.Equal(chain.BestHeader.StateRoot, chain.RecomputeStateRoot());
        ulong transactions = 0;
        for (ulong n = 1; n <= chain.BestNumber; n++)
        {
            var block = chain.GetBlock(chain.GetBlockHash(n)!.Value)!;
            Assert.Equal(n, block.Header.Number);
            Assert.True(block.HasValidExtrinsicsRoot());
            transactions += (ulong)block.Transactions.Count;
        }

        return transactions;
    }

    private static async Task Observe(HttpClient http, SortedDictionary<ulong, string> seen)
    {
        try
        {
            var header = await Call(http, "chain_getHeader");
            var number = Convert.ToUInt64(header!["number"]!.GetValue<string>()[2..], 16);
            seen[number] = header["hash"]!.GetValue<string>();
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        catch (System.Text.Json.JsonException)
        {
        }
    }

    /// <summary>Sends transfers between the dev accounts as fast as the node takes them, until cancelled.</summary>
    private static async Task Flood(HttpClient http, CancellationToken stop)
    {
        try
        {
            var genesis = Hash32.FromHex((await Call(http, "chain_getBlockHash", 0))!.GetValue<string>());
            var identity = ChainIdentity.For(genesis);
            var senders = DevAccounts.Names.Select(DevAccounts.Get).ToArray();
            var nonces = new ulong[senders.Length];
            for (var i = 0; i < senders.Length; i++)
            {
                nonces[i] = (await Call(http, "system_accountNextIndex", senders[i].PublicKey.ToHex()))!.GetValue<ulong>();
            }

            for (var k = 0; !stop.IsCancellationRequested; k++)
            {
                var i = k % senders.Length;
                var to = senders[(i + 1) % senders.Length].PublicKey;
                var tx = SignedTransaction.SignImmortal(senders[i], new BalancesCall.TransferKeepAlive(to, 1_000_000), nonces[i], identity);
                var response = await RawCall(http, "author_submitExtrinsic", "0x" + Convert.ToHexStringLower(tx.Encode()));
                if (response["error"] is null)
                {
                    nonces[i]++;
                }
                else
                {
                    nonces[i] = (await Call(http, "system_accountNextIndex", senders[i].PublicKey.ToHex()))!.GetValue<ulong>();
                }
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        catch (System.Text.Json.JsonException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private Process StartNode(int port, System.Collections.Concurrent.ConcurrentQueue<string>? lines = null)
    {
        var btcli = Path.Combine(AppContext.BaseDirectory, "btcli.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { btcli, "node", "--chain", "dev", "--base-path", _dir, "--rpc-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--block-time", "250" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start btcli node");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines?.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReady(HttpClient http, Process node)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            Assert.False(node.HasExited, $"btcli node exited with code {(node.HasExited ? node.ExitCode : 0)} before its RPC answered");
            try
            {
                await Call(http, "system_health");
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("btcli node did not answer RPC within 60 s");
    }

    private static async Task<ulong> BestNumber(HttpClient http) =>
        Convert.ToUInt64((await Call(http, "chain_getHeader"))!["number"]!.GetValue<string>()[2..], 16);

    private static async Task<JsonNode> RawCall(HttpClient http, string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = new JsonArray(parameters) };
        using var response = await http.PostAsync("", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<JsonNode?> Call(HttpClient http, string method, params JsonNode?[] parameters)
    {
        var response = await RawCall(http, method, parameters);
        return response["error"] is { } error ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}") : response["result"];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
