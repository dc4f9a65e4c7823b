using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Runtime.Subtensor.Info;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Testing;

namespace Bittensor.Benchmarks.Node;

/// <summary>
/// <c>Metagraph.SyncAsync</c> of a full subnet over the WebSocket RPC of a real node in this process: the subnet is
/// filled through signed transactions (burned registrations, stake, axons, weights from every permitted validator, then
/// epochs, so bonds exist), then the sync is timed without and with weights and bonds — the very first call of the
/// process (cold: nothing compiled, a new connection), a new connection per call, and one connection reused (warm) —
/// with the node's share (reading storage and encoding SCALE, in process) and the RPC round trip without the
/// client's decoding beside it.
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- metagraph-sync [neurons] [repetitions] [validators] [stakers]</code>
/// </summary>
public static class MetagraphSync
{
    public static async Task<int> RunAsync(string[] args)
    {
        var neurons = Arg(args, 0, 4096);
        var repetitions = Arg(args, 1, 20);
        var validators = Arg(args, 2, 64);
        var stakers = Arg(args, 3, 256);
        if (neurons is < 2 or > 65535 || repetitions < 1 || validators < 1 || validators > neurons || stakers < validators || stakers > neurons)
        {
            Console.Error.WriteLine("metagraph-sync [neurons 2..65535] [repetitions ≥ 1] [validators ≤ neurons] [stakers: validators..neurons]");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average before: {LoadAverage()}"));
        var populating = Stopwatch.StartNew();
        await using var subnet = await PopulatedSubnet.StartAsync(neurons, stakers, validators);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"subnet of {subnet.Neurons} neurons populated in {populating.Elapsed.TotalSeconds:F1} s (block #{subnet.Node.Chain.BestNumber})"));
        var endpoint = subnet.WebSocketEndpoint;
        const ushort netuid = PopulatedSubnet.Netuid;

        foreach (var full in new[] { false, true })
        {
            var label = full ? "with weights and bonds" : "without weights and bonds";

            // Cold: the first sync of this kind in the process, on a new connection.
            var cold = Stopwatch.StartNew();
            Metagraph first;
            await using (var client = await ChainClient.ConnectAsync(endpoint))
            {
                first = (await Metagraph.SyncAsync(client, netuid, "local", full))!;
            }

            var coldMs = cold.Elapsed.TotalMilliseconds;
            if (first.N != neurons || (full && (first.Info.Weights!.Count(r => r.Count > 0) < validators / 2 || !first.Info.Bonds!.Any(r => r.Count > 0))))
            {
                Console.Error.WriteLine($"the synced metagraph is not the populated subnet (n = {first.N})");
                return 1;
            }

            var node = new double[repetitions];
            var rpc = new double[repetitions];
            var fresh = new double[repetitions];
            var warm = new double[repetitions];
            var bytes = 0;
            await using (var client = await ChainClient.ConnectAsync(endpoint))
            {
                await Metagraph.SyncAsync(client, netuid, "local", full);
                for (var i = 0; i < repetitions; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    bytes = subnet.Node.Chain.Read(r => new SubtensorInfo(r.Subtensor).GetMetagraphBytes(netuid, full)).Length;
                    node[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                    t = Stopwatch.GetTimestamp();
                    await client.Rpc.CallAsync("subnetInfo_getMetagraph", [JsonValue.Create(netuid), JsonValue.Create(full)]);
                    rpc[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                    t = Stopwatch.GetTimestamp();
                    await Metagraph.SyncAsync(client, netuid, "local", full);
                    warm[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

                    t = Stopwatch.GetTimestamp();
                    await using (var another = await ChainClient.ConnectAsync(endpoint))
                    {
                        await Metagraph.SyncAsync(another, netuid, "local", full);
                    }

                    fresh[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{neurons} neurons, {label}: {bytes / 1024.0:F0} KiB of SCALE ({2 * bytes / 1024.0:F0} KiB of hex), {repetitions} repetitions"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cold (first in the process, new connection): {coldMs,8:F1} ms"));
            Report("sync, new connection each", fresh);
            Report("sync, warm connection", warm);
            Report("  of which RPC round trip, no decoding", rpc);
            Report("  of which node: storage + SCALE, in process", node);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}; {Environment.ProcessorCount} cores"));
        return 0;
    }

    private static void Report(string what, double[] ms)
    {
        var sorted = ms.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-46} median {median,8:F1} ms, best {sorted[0],8:F1} ms, worst {sorted[^1],8:F1} ms"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
