using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime;
using System.Text;
using Bittensor.Benchmarks.Diagnostics;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Benchmarks.Node;

/// <summary>
/// Signed transfers per second from submission over JSON-RPC (WebSocket or HTTP) to inclusion in a block, on a real node in this
/// process (its database in a temporary directory), against the bound that matters: how many Ed25519 signatures the
/// same machine verifies per second on all its cores, measured in the same run.
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- rpc-throughput [senders] [perSender] [connections] [blockTimeMs] [ws|http] [maxWarmUpRounds] [rounds]</code>
/// </summary>
public static class RpcThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var senders = Arg(args, 0, 100);
        var perSender = Arg(args, 1, 40);
        var connections = Arg(args, 2, 8);
        var blockTimeMs = Arg(args, 3, 250);
        var transport = args.Length > 4 ? args[4] : "ws";
        var maxWarmRounds = Arg(args, 5, 12);
        var rounds = Arg(args, 6, 5);
        if (rounds < 1)
        {
            Console.Error.WriteLine("rounds: at least 1");
            return 2;
        }

        if (transport is not ("ws" or "http"))
        {
            Console.Error.WriteLine("transport: ws or http");
            return 2;
        }

        var total = senders * perSender;

        var keys = Enumerable.Range(0, senders).Select(i => KeyDerivation.Ed25519FromUri("//bench//" + i.ToString(CultureInfo.InvariantCulture))).ToArray();

        var dev = ChainSpecPresets.Dev();
        var spec = dev with
        {
            Id = "bench",
            Genesis = dev.Genesis with { Balances = [.. dev.Genesis.Balances, .. keys.Select(k => new GenesisBalance(Ss58.Encode(k.PublicKey), 1_000_000_000_000))] },
        };
        var dir = Directory.CreateTempSubdirectory("bittensor-rpc-bench-").FullName;
        try
        {
            await using var node = await NodeHost.StartAsync(new NodeOptions
            {
                Spec = spec,
                DataDirectory = dir,
                Rpc = new RpcServerOptions { Port = 0 },
                BlockTime = TimeSpan.FromMilliseconds(blockTimeMs),
                Author = DevAccounts.Alice,
                Pool = new Bittensor.Node.Pool.PoolOptions(MaxTransactions: Math.Max(8192, total * 2), MaxPerSender: Math.Max(64, perSender)),
            });
            var identity = node.Chain.Identity;
            var dest = DevAccounts.Get("Bob").PublicKey;
            Console.WriteLine($"signing {total} transfers from {senders} senders; warming up…");
            // Every round, warm-up and measured, is the same: each sender's next perSender nonces.
            ulong nextNonce = 0;
            string[][] NextRound()
            {
                var round = SignAll(keys, perSender, dest, identity, nextNonce);
                nextNonce += (ulong)perSender;
                return round;
            }

            var pending = new ConcurrentDictionary<Hash32, byte>();
            var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var blocks = 0;
            node.Chain.BlockImported += block =>
            {
                var hit = false;
                foreach (var hash in block.TransactionHashes)
                {
                    hit |= pending.TryRemove(hash, out _);
                }

                if (hit)
                {
                    Interlocked.Increment(ref blocks);
                }

                if (pending.IsEmpty)
                {
                    done.TrySetResult(Stopwatch.GetTimestamp());
                }
            };

            // With BENCH_BLOCKS set, one line per authored block: when its building started and ended (ms on the
            // monotonic clock, mod 100 s), its transactions, and the pool's size after it.
            if (Environment.GetEnvironmentVariable("BENCH_BLOCKS") is not null && node.Producer is { } producer)
            {
                producer.Produced += (block, removals, took) =>
                {
                    var end = Stopwatch.GetElapsedTime(0).TotalMilliseconds % 100_000;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  block {block.Block.Number}: {end - took.TotalMilliseconds:F0}–{end:F0} ms ({took.TotalMilliseconds:F0} ms), {block.Block.TransactionHashes.Count} transactions, pool {node.Pool.Count}"));
                };
            }

            // Warm-up rounds until the JIT has settled: the runtime re-compiles hot methods in the background (tier 0,
            // then instrumented, then optimised), which on two cores competes with the node for a few seconds.
            var warmRounds = 0;
            for (var compiledBefore = JitInfo.GetCompiledMethodCount(); warmRounds < maxWarmRounds; warmRounds++)
            {
                var round = NextRound();
                done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                Track(pending, round);
                var warmRejected = 0;
                await Submit(transport, node.RpcPort, connections, round, () => Interlocked.Increment(ref warmRejected));
                await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
                if (warmRejected > 0)
                {
                    Console.Error.WriteLine($"{warmRejected} warm-up submissions were rejected");
                    return 1;
                }

                // The background compiler promotes methods only after a pause in new compilations: give it one.
                await Task.Delay(1000);
                var compiled = JitInfo.GetCompiledMethodCount();
                var settled = compiled - compiledBefore < SettledJitMethods;
                Console.WriteLine($"warm-up round {warmRounds + 1}: {compiled - compiledBefore} methods compiled");
                compiledBefore = compiled;
                if (settled && warmRounds >= 1)
                {
                    warmRounds++;
                    break;
                }
            }

            // The measured rounds. The bound is measured between them (before the first, then after each), and each
            // round's ratio is taken against the mean of the bounds just before and just after it: the machine's speed
            // drifts (other tenants, frequency), and a bound measured far from the round it divides would add that drift
            // to the ratio. The summary is the median round.
            var bounds = new List<double> { VerificationsPerSecond(keys, total) };

            // With BENCH_ALLOCATIONS set, the measured rounds' allocations by type (sampled; it costs a little time).
            using var allocations = Environment.GetEnvironmentVariable("BENCH_ALLOCATIONS") is not null ? new AllocationSampler() : null;
            var ratios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var bodies = NextRound();
                done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                blocks = 0;
                Track(pending, bodies);
                GC.Collect();
                GC.WaitForPendingFinalizers();

                var rejected = 0;
                var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
                var jitMethodsAtStart = JitInfo.GetCompiledMethodCount();
                var gcAtStart = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
                var jitTimeAtStart = JitInfo.GetCompilationTime();
                allocations?.Enabled = true;
                var start = Stopwatch.GetTimestamp();
                var writtenAtStart = BytesWritten();
                if (Environment.GetEnvironmentVariable("BENCH_BLOCKS") is not null)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} starts at {Stopwatch.GetElapsedTime(0, start).TotalMilliseconds % 100_000:F0} ms"));
                }

                await Submit(transport, node.RpcPort, connections, bodies, () => Interlocked.Increment(ref rejected));
                var submitted = Stopwatch.GetTimestamp();
                if (rejected > 0)
                {
                    Console.Error.WriteLine($"{rejected} submissions were rejected; the figure would be wrong");
                    return 1;
                }

                var finished = await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
                allocations?.Enabled = false;
                var seconds = Stopwatch.GetElapsedTime(start, finished).TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
                var jitMethods = JitInfo.GetCompiledMethodCount() - jitMethodsAtStart;
                var jitTime = JitInfo.GetCompilationTime() - jitTimeAtStart;
                var gcs = (GC.CollectionCount(0) - gcAtStart.Item1, GC.CollectionCount(1) - gcAtStart.Item2, GC.CollectionCount(2) - gcAtStart.Item3);
                var allocated = GC.GetTotalAllocatedBytes() - gcAtStart.Item4;
                var gcPause = GC.GetTotalPauseDuration() - gcAtStart.Item5;
                var throughput = total / seconds;
                bounds.Add(VerificationsPerSecond(keys, total));
                var bound = (bounds[^1] + bounds[^2]) / 2;
                ratios.Add(throughput / bound);

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {total} transfers submitted in {Stopwatch.GetElapsedTime(start, submitted).TotalSeconds:F3} s, all included after {seconds:F3} s in {blocks} blocks: {throughput:F0} tx/s; bound {bounds[^2]:F0} before, {bounds[^1]:F0} after; ratio {throughput / bound:F2}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  process CPU {cpuSeconds:F2} s in {seconds:F2} s on {Environment.ProcessorCount} cores ({1e6 * cpuSeconds / total:F0} µs per transaction, client included); JIT {jitMethods} methods in {jitTime.TotalMilliseconds:F0} ms"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  written to files: {(BytesWritten() - writtenAtStart) / total} bytes per transaction"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  GC: {allocated / total} bytes allocated per transaction (client included), collections {gcs.Item1}/{gcs.Item2}/{gcs.Item3} (gen 0/1/2), paused {gcPause.TotalMilliseconds:F0} ms"));
                // The measured interval on the monotonic clock, for `perf record -k CLOCK_MONOTONIC` and `perf report --time`.
                if (Environment.GetEnvironmentVariable("BENCH_WINDOW") is not null)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  window: {(double)start / Stopwatch.Frequency:F6},{(double)finished / Stopwatch.Frequency:F6}"));
                }
            }

            using (var self = Process.GetCurrentProcess())
            {
                var heap = GC.GetGCMemoryInfo();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory after the measured rounds: working set {self.WorkingSet64 >> 20} MiB (peak {self.PeakWorkingSet64 >> 20} MiB), GC heap {heap.HeapSizeBytes >> 20} MiB; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}, {GcSettings()}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} transfers per round, {senders} senders, {connections} {transport} connections, block time {blockTimeMs} ms, warm-up {warmRounds} rounds"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ed25519 verify bound ({Environment.ProcessorCount} cores): {bounds.Min():F0}–{bounds.Max():F0} verifications/s"));
            if (allocations is not null)
            {
                Console.WriteLine("allocations while measured, by type (sampled):");
                Console.WriteLine(allocations.Report(30, (long)total * rounds));
            }

            var sorted = ratios.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: median {sorted[sorted.Length / 2]:F2} of {rounds} rounds (lowest {sorted[0]:F2}, highest {sorted[^1]:F2})"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Bytes this process has passed to write calls on files (Linux: <c>wchar</c> of /proc/self/io, sockets excluded as far as the kernel counts them there); 0 elsewhere.</summary>
    private static long BytesWritten()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("wchar:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>The collector's settings that the tuning of the node touches, as the runtime reports them.</summary>
    private static string GcSettings() => string.Join(", ", GC.GetConfigurationVariables()
        .Where(v => v.Key.Contains("Concurrent", StringComparison.OrdinalIgnoreCase) || v.Key.Contains("Gen0", StringComparison.OrdinalIgnoreCase) || v.Key.Contains("Dynamic", StringComparison.OrdinalIgnoreCase) || v.Key.Contains("HeapCount", StringComparison.OrdinalIgnoreCase))
        .OrderBy(v => v.Key, StringComparer.Ordinal)
        .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={v.Value}")));

    /// <summary>A warm-up round that compiles fewer methods than this ends the warm-up.</summary>
    private const int SettledJitMethods = 50;

    private static string[][] SignAll(Ed25519KeyPair[] keys, int perSender, AccountId dest, ChainIdentity identity, ulong firstNonce = 0)
    {
        var bodies = new string[keys.Length][];
        Parallel.For(0, keys.Length, s =>
        {
            bodies[s] = new string[perSender];
            for (var n = 0; n < perSender; n++)
            {
                var tx = SignedTransaction.SignImmortal(keys[s], new BalancesCall.TransferKeepAlive(dest, 1_000_000), firstNonce + (ulong)n, identity).Encode();
                bodies[s][n] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"author_submitExtrinsic\",\"params\":[\"0x" + Convert.ToHexStringLower(tx) + "\"]}";
            }
        });
        return bodies;
    }

    private static void Track(ConcurrentDictionary<Hash32, byte> pending, string[][] bodies)
    {
        foreach (var row in bodies)
        {
            foreach (var body in row)
            {
                var hex = body[(body.IndexOf("0x", StringComparison.Ordinal) + 2)..body.LastIndexOf('"')];
                pending[Hash32.Of(Convert.FromHexString(hex))] = 0;
            }
        }
    }

    private static async Task Submit(string transport, int port, int connections, string[][] bodies, Action onRejected)
    {
        if (transport == "ws")
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(c => SubmitOverWebSocket(
                new Uri($"ws://127.0.0.1:{port}/"),
                [.. Enumerable.Range(0, bodies.Length).Where(s => s % connections == c).SelectMany(s => bodies[s])],
                onRejected)));
            return;
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, bodies.Length), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (s, ct) =>
        {
            foreach (var body in bodies[s])
            {
                using var response = await http.PostAsync("", new StringContent(body, Encoding.UTF8, "application/json"), ct);
                var answer = await response.Content.ReadAsByteArrayAsync(ct);
                if (IsError(answer))
                {
                    onRejected();
                    Console.Error.WriteLine(Encoding.UTF8.GetString(answer));
                }
            }
        });
    }

    /// <summary>The client's check of an answer: an error object or not (a full parse would cost the client more than the node).</summary>
    private static bool IsError(ReadOnlySpan<byte> answer) => answer.IndexOf("\"error\""u8) >= 0;

    /// <summary>
    /// Sends every request on one WebSocket without waiting for answers (as Substrate clients pipeline), and reads
    /// the answers until all are in.
    /// </summary>
    private static async Task SubmitOverWebSocket(Uri uri, string[] bodies, Action onRejected)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[1 << 16];
            using var message = new MemoryStream();
            for (var answered = 0; answered < bodies.Length;)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var answer = message.GetBuffer().AsSpan(0, (int)message.Length);
                answered++;
                if (IsError(answer))
                {
                    onRejected();
                    Console.Error.WriteLine(Encoding.UTF8.GetString(answer));
                }

                message.SetLength(0);
            }
        });
        var encoded = bodies.Select(Encoding.UTF8.GetBytes).ToArray();
        foreach (var body in encoded)
        {
            await socket.SendAsync(body, WebSocketMessageType.Text, true, CancellationToken.None);
        }

        await reader;
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    /// <summary>Ed25519 verifications per second on every core (the same verifier the node uses), over <paramref name="count"/> verifications.</summary>
    private static double VerificationsPerSecond(Ed25519KeyPair[] keys, int count)
    {
        var messages = new byte[count][];
        var signatures = new Signature[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = Encoding.UTF8.GetBytes("bench message " + i.ToString(CultureInfo.InvariantCulture));
            signatures[i] = keys[i % keys.Length].Sign(messages[i]);
        }

        var verifier = DefaultSignatureVerifier.Instance;
        Parallel.For(0, Math.Min(count, 200), i => verifier.Verify(keys[i % keys.Length].PublicKey, messages[i], signatures[i]));
        var start = Stopwatch.GetTimestamp();
        var ok = 0;
        Parallel.For(0, count, i =>
        {
            if (verifier.Verify(keys[i % keys.Length].PublicKey, messages[i], signatures[i]))
            {
                Interlocked.Increment(ref ok);
            }
        });
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return ok == count ? count / seconds : throw new InvalidOperationException("a benchmark signature did not verify");
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
