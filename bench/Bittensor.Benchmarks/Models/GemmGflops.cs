using System.Globalization;
using Bittensor.Models.Kernels;

namespace Bittensor.Benchmarks.Models;

/// <summary>
/// GFLOP/s of the managed GEMM and of OpenBLAS side by side, on square and transformer-shaped products, both on the
/// same number of threads, alternating within each round.
/// <code>dotnet run -c Release --project bench/Bittensor.Benchmarks -- gemm-gflops [threads=cores] [rounds=3] [seconds=0.5] [quick]</code>
/// </summary>
public static class GemmGflops
{
    public static int Run(string[] args)
    {
        var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.5;
        var quick = args.Contains("quick");

        var managed = new ManagedGemm(threads);
        var openBlas = OpenBlasGemm.TryCreate();
        if (openBlas is null)
        {
            Console.Error.WriteLine(OpenBlasGemm.LoadProblem);
            return 1;
        }

        OpenBlasGemm.SetThreads(threads);
        Console.WriteLine($"gemm-gflops: {threads} threads each, {rounds} rounds, best call of ~{seconds} s per measurement");
        Console.WriteLine($"managed:  {managed}");
        Console.WriteLine($"openblas: {openBlas}");
        Console.WriteLine();
        Console.WriteLine("| shape | m | n | k | op | managed GFLOP/s | openblas GFLOP/s | managed / openblas (per round) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |");

        var ratios = new List<double>();
        foreach (var shape in Shapes(quick))
        {
            double bestManaged = 0, bestOpenBlas = 0;
            var perRound = new List<string>();
            for (var round = 0; round < rounds; round++)
            {
                var o = GemmBenchmark.Measure(openBlas, shape.M, shape.N, shape.K, shape.TransposeA, shape.TransposeB, seconds);
                var g = GemmBenchmark.Measure(managed, shape.M, shape.N, shape.K, shape.TransposeA, shape.TransposeB, seconds);
                bestManaged = Math.Max(bestManaged, g);
                bestOpenBlas = Math.Max(bestOpenBlas, o);
                perRound.Add((g / o).ToString("F2", CultureInfo.InvariantCulture));
            }

            var ratio = bestManaged / bestOpenBlas;
            ratios.Add(ratio);
            var op = (shape.TransposeA ? "Aᵀ" : "A") + "·" + (shape.TransposeB ? "Bᵀ" : "B");
            Console.WriteLine(FormattableString.Invariant(
                $"| {shape.Name} | {shape.M} | {shape.N} | {shape.K} | {op} | {bestManaged:F1} | {bestOpenBlas:F1} | {ratio:F2} ({string.Join(", ", perRound)}) |"));
        }

        var geometric = Math.Exp(ratios.Average(Math.Log));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"managed / openblas over {ratios.Count} shapes (best of each): min {ratios.Min():F2}, geometric mean {geometric:F2}, max {ratios.Max():F2}"));
        return 0;
    }

    private sealed record Shape(string Name, int M, int N, int K, bool TransposeA = false, bool TransposeB = false);

    private static IEnumerable<Shape> Shapes(bool quick)
    {
        foreach (var size in quick ? [512, 1024] : new[] { 256, 512, 1024, 2048 })
        {
            yield return new Shape("square", size, size, size);
        }

        foreach (var (channels, tokens) in quick ? [(768, 1024)] : new[] { (192, 512), (192, 1024), (768, 512), (768, 1024) })
        {
            var t = tokens;
            var c = channels;
            yield return new Shape($"C={c} qkv", t, 3 * c, c);
            yield return new Shape($"C={c} mlp up", t, 4 * c, c);
            yield return new Shape($"C={c} mlp down", t, c, 4 * c);
            yield return new Shape($"C={c} mlp up dX", t, c, 4 * c, TransposeB: true);
            yield return new Shape($"C={c} mlp up dW", c, 4 * c, t, TransposeA: true);
            yield return new Shape($"C={c} lm head", t, 50257, c, TransposeB: true);
        }
    }
}
