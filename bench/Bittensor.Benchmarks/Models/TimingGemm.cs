using System.Collections.Concurrent;
using System.Diagnostics;
using Bittensor.Models.Kernels;
namespace Bittensor.Benchmarks.Models;

/// <summary>Wraps a GEMM backend and sums the time and FLOPs of its calls by shape, for gpt-train-speed's profile.</summary>
public sealed class TimingGemm(IGemmBackend inner) : IGemmBackend
{
    public ConcurrentDictionary<string, (double Ms, long Calls, double Flops)> Stats { get; } = new();
    public string Name => inner.Name;
    public void Sgemm(bool ta, bool tb, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        var t = Stopwatch.GetTimestamp();
        inner.Sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        var key = $"{(ta ? "T" : "N")}{(tb ? "T" : "N")} {m}x{n}x{k}";
        Stats.AddOrUpdate(key, (ms, 1, 2.0 * m * n * k), (_, s) => (s.Ms + ms, s.Calls + 1, s.Flops + (2.0 * m * n * k)));
    }
}
