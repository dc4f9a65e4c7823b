using System.Diagnostics;

namespace Bittensor.Models.Kernels;

/// <summary>Measures a GEMM backend's throughput on one shape, for benchmarks and <c>btcli model bench</c>.</summary>
public static class GemmBenchmark
{
    /// <summary>
    /// GFLOP/s (2·m·n·k floating-point operations per product) of <paramref name="backend"/> computing
    /// C[m×n] = op(A)[m×k] · op(B)[k×n] on fixed pseudo-random inputs with dense strides. One untimed call warms up;
    /// then products are timed one by one for about <paramref name="seconds"/> (at least <paramref name="minCalls"/>
    /// of them) and the fastest counts, the figure least disturbed by other work on the machine.
    /// </summary>
    public static double Measure(
        IGemmBackend backend,
        int m,
        int n,
        int k,
        bool transposeA = false,
        bool transposeB = false,
        double seconds = 0.5,
        int minCalls = 3)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCalls, 1);

        var a = Fill((long)m * k, 1);
        var b = Fill((long)k * n, 2);
        var c = new float[(long)m * n];
        var lda = transposeA ? m : k;
        var ldb = transposeB ? k : n;
        backend.Sgemm(transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);

        var best = double.MaxValue;
        var total = Stopwatch.StartNew();
        for (var call = 0; call < minCalls || total.Elapsed.TotalSeconds < seconds; call++)
        {
            var watch = Stopwatch.StartNew();
            backend.Sgemm(transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return 2.0 * m * n * k / best / 1e9;
    }

    private static float[] Fill(long length, int seed)
    {
        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"GEMM benchmark: a matrix of {length} elements is larger than an array can hold.");
        }

        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }
}
