using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Pow;
using Bittensor.Sdk.Registration;

namespace Bittensor.Benchmarks.Registration;

/// <summary>
/// Registration proof-of-work hash rate: the SDK's solver on every core against OpenSSL's raw throughput of the same
/// work on every core, measured in the same run. One nonce is SHA-256 of 40 bytes then Keccak-256 of the 32-byte
/// digest (chain spec §4.1).
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- pow-hashrate [seconds] [rounds] [threads]</code>
/// </summary>
/// <remarks>
/// The baseline calls libcrypto directly, one context per thread, reused: SHA-256 through whichever of the EVP and
/// the low-level <c>SHA256_*</c> interfaces is faster here, then Keccak-256 through EVP — or, where this OpenSSL does
/// not offer KECCAK-256 (OpenSSL before 3.2), SHA3-256, which runs the same Keccak-f[1600] permutation once for a
/// 32-byte message and differs only in its padding byte.
/// </remarks>
public static class PowHashrate
{
    private const int Batch = 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Arg(args, 0, 3);
        var rounds = Arg(args, 1, 3);
        var threads = Arg(args, 2, Environment.ProcessorCount);
        var duration = TimeSpan.FromSeconds(seconds);

        var hotkey = new AccountId(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var blockHash = Hash32.Of("pow-hashrate"u8);
        var pre = PowSeal.ComputePre(blockHash.Bytes, hotkey);

        using var openSsl = Baseline.Open();
        openSsl.Check(pre);
        var shaEvp = SingleThread(stop => openSsl.Count(pre, lowLevelSha: false, stop));
        var shaLow = SingleThread(stop => openSsl.Count(pre, lowLevelSha: true, stop));
        var lowLevel = shaLow > shaEvp;

        Line($"pow-hashrate: {threads} threads on {Environment.ProcessorCount} cores, {seconds} s per measurement, {rounds} rounds");
        Line($"baseline: {OpenSsl.Version}; SHA-256 through {(lowLevel ? "SHA256_Init/Update/Final" : "EVP")}, then {openSsl.KeccakDescription}");
        Line($"solver kernel: {PowSearch.Best}");
        Line("one thread, nonces per second:");
        Row("OpenSSL, SHA-256 through EVP", shaEvp);
        Row("OpenSSL, SHA-256 through SHA256_*", shaLow);
        Row("PowSeal.Create (platform SHA-256, managed Keccak)", SingleThread(PlatformRate(pre)));
        foreach (var kernel in new[] { PowKernel.Scalar, PowKernel.Avx2, PowKernel.Avx512 })
        {
            if (PowSearch.IsSupported(kernel))
            {
                Row($"PowSearch, {kernel} kernel", SingleThread(KernelRate(pre, kernel)));
            }
        }

        double bestBaseline = 0, bestSolver = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var baseline = AllThreads(threads, duration, (_, stop) => openSsl.Count(pre, lowLevel, stop));
            var solver = await SolverRate(blockHash, hotkey, threads, duration);
            bestBaseline = Math.Max(bestBaseline, baseline);
            bestSolver = Math.Max(bestSolver, solver);
            Line($"round {round}: OpenSSL {Millions(baseline)} ({Millions(baseline / threads)} per thread), solver {Millions(solver)} ({Millions(solver / threads)} per thread), ratio {solver / baseline:F2}");
        }

        Line($"best of {rounds}: OpenSSL {Millions(bestBaseline)}, solver {Millions(bestSolver)}, ratio {bestSolver / bestBaseline:F2}");
        return 0;
    }

    /// <summary>The solver itself on a chain that does not move, at a difficulty no seal meets, stopped by cancellation.</summary>
    private static async Task<double> SolverRate(Hash32 blockHash, AccountId hotkey, int threads, TimeSpan duration)
    {
        using var cancel = new CancellationTokenSource(duration);
        var result = await PowSolver.SolveAsync(
            PowBlockSource.Fixed(new PowBlock(1, blockHash, ulong.MaxValue)),
            hotkey,
            new PowSolverOptions { Threads = threads },
            cancellationToken: cancel.Token);
        if (result.Outcome != PowOutcome.Cancelled)
        {
            throw new InvalidOperationException($"The solver stopped with {result.Outcome}; the figure would be wrong.");
        }

        return result.HashRate;
    }

    private static Func<Func<bool>, long> PlatformRate(byte[] pre) => stop =>
    {
        Span<byte> seal = stackalloc byte[32];
        long nonces = 0;
        while (!stop())
        {
            for (var i = 0; i < Batch; i++)
            {
                PowSeal.Create(pre, (ulong)(nonces + i), seal);
            }

            nonces += Batch;
        }

        return nonces;
    };

    private static Func<Func<bool>, long> KernelRate(byte[] pre, PowKernel kernel) => stop =>
    {
        long nonces = 0;
        while (!stop())
        {
            nonces += PowSearch.Search(pre, ulong.MaxValue, (ulong)nonces, 64 * Batch, kernel: kernel).Tried;
        }

        return nonces;
    };

    /// <summary>Nonces per second of one thread over one second, after a short warm-up.</summary>
    private static double SingleThread(Func<Func<bool>, long> work)
    {
        var warm = Stopwatch.StartNew();
        work(() => warm.ElapsedMilliseconds > 200);
        var clock = Stopwatch.StartNew();
        var nonces = work(() => clock.ElapsedMilliseconds > 1_000);
        return nonces / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Nonces per second of <paramref name="threads"/> threads started together and stopped together.</summary>
    private static double AllThreads(int threads, TimeSpan duration, Func<int, Func<bool>, long> work)
    {
        var stop = 0;
        var counts = new long[threads];
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            ready.Signal();
            go.Wait();
            counts[t] = work(t, () => Volatile.Read(ref stop) != 0);
        })
        { IsBackground = true }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        ready.Wait();
        var clock = Stopwatch.StartNew();
        go.Set();
        Thread.Sleep(duration);
        Volatile.Write(ref stop, 1);
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static string Millions(double perSecond) => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F2} M/s");

    private static void Line(string text) => Console.WriteLine(text);

    private static void Row(string label, double perSecond) => Line("  " + label.PadRight(52) + Millions(perSecond));

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>OpenSSL's SHA-256 and Keccak-256 (or SHA3-256) digests, fetched once.</summary>
    private sealed class Baseline : IDisposable
    {
        private readonly IntPtr _sha256;
        private readonly IntPtr _keccak;
        private readonly bool _isKeccak;

        private Baseline(IntPtr sha256, IntPtr keccak, bool isKeccak)
        {
            _sha256 = sha256;
            _keccak = keccak;
            _isKeccak = isKeccak;
        }

        public string KeccakDescription => _isKeccak
            ? "KECCAK-256 through EVP"
            : "SHA3-256 through EVP standing in for Keccak-256 (this OpenSSL does not offer KECCAK-256; same permutation, one call for 32 bytes, only the padding byte differs)";

        public static Baseline Open()
        {
            var sha256 = OpenSsl.FetchDigest(IntPtr.Zero, "SHA256", null);
            if (sha256 == IntPtr.Zero)
            {
                throw new InvalidOperationException("libcrypto has no SHA256 digest.");
            }

            var keccak = OpenSsl.FetchDigest(IntPtr.Zero, "KECCAK-256", null);
            var isKeccak = keccak != IntPtr.Zero;
            if (!isKeccak)
            {
                OpenSsl.ClearErrors();
                keccak = OpenSsl.FetchDigest(IntPtr.Zero, "SHA3-256", null);
                if (keccak == IntPtr.Zero)
                {
                    throw new InvalidOperationException("libcrypto has neither KECCAK-256 nor SHA3-256.");
                }
            }

            return new Baseline(sha256, keccak, isKeccak);
        }

        /// <summary>Refuses to time anything unless both paths hash what they should.</summary>
        public void Check(byte[] pre)
        {
            Span<byte> input = stackalloc byte[40];
            BinaryPrimitives.WriteUInt64LittleEndian(input, 12345);
            pre.CopyTo(input[8..]);
            var sha = SHA256.HashData(input);
            var expected = _isKeccak ? Hashes.Keccak256(sha) : SHA3_256.HashData(sha);
            Span<byte> state = stackalloc byte[OpenSsl.Sha256StateSize];
            Span<byte> scratch = stackalloc byte[32];
            Span<byte> output = stackalloc byte[32];
            foreach (var lowLevel in new[] { false, true })
            {
                var context = OpenSsl.NewContext();
                try
                {
                    HashNonce(context, state, input, lowLevel, scratch, output);
                    if (!output.SequenceEqual(expected))
                    {
                        throw new InvalidOperationException("The OpenSSL baseline does not compute the expected digest; refusing to time it.");
                    }
                }
                finally
                {
                    OpenSsl.FreeContext(context);
                }
            }
        }

        /// <summary>Nonces hashed until <paramref name="stop"/> says so, on this thread, with its own contexts.</summary>
        public long Count(byte[] pre, bool lowLevelSha, Func<bool> stop)
        {
            var context = OpenSsl.NewContext();
            try
            {
                Span<byte> state = stackalloc byte[OpenSsl.Sha256StateSize];
                Span<byte> input = stackalloc byte[40];
                Span<byte> scratch = stackalloc byte[32];
                Span<byte> output = stackalloc byte[32];
                pre.CopyTo(input[8..]);
                long nonces = 0;
                var sink = 0;
                while (!stop())
                {
                    for (var i = 0; i < Batch; i++)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(input, (ulong)(nonces + i));
                        HashNonce(context, state, input, lowLevelSha, scratch, output);
                        sink += output[0];
                    }

                    nonces += Batch;
                }

                GC.KeepAlive(sink);
                return nonces;
            }
            finally
            {
                OpenSsl.FreeContext(context);
            }
        }

        /// <summary>SHA-256 of the 40-byte input into <paramref name="sha"/>, then Keccak-256 (or SHA3-256) of it into <paramref name="output"/>.</summary>
        private void HashNonce(IntPtr context, Span<byte> state, ReadOnlySpan<byte> input, bool lowLevelSha, Span<byte> sha, Span<byte> output)
        {
            if (lowLevelSha)
            {
                Ok(OpenSsl.Sha256Init(state));
                Ok(OpenSsl.Sha256Update(state, input, (nuint)input.Length));
                Ok(OpenSsl.Sha256Final(sha, state));
            }
            else
            {
                Ok(OpenSsl.DigestInit(context, _sha256, IntPtr.Zero));
                Ok(OpenSsl.DigestUpdate(context, input, (nuint)input.Length));
                Ok(OpenSsl.DigestFinal(context, sha, IntPtr.Zero));
            }

            Ok(OpenSsl.DigestInit(context, _keccak, IntPtr.Zero));
            Ok(OpenSsl.DigestUpdate(context, sha, 32));
            Ok(OpenSsl.DigestFinal(context, output, IntPtr.Zero));
        }

        private static void Ok(int result)
        {
            if (result != 1)
            {
                throw new InvalidOperationException("An OpenSSL digest call failed.");
            }
        }

        public void Dispose()
        {
            OpenSsl.FreeDigest(_sha256);
            OpenSsl.FreeDigest(_keccak);
        }
    }
}
