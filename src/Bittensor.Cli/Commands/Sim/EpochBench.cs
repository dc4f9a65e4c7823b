using System.Diagnostics;
using System.Globalization;
using Bittensor.Runtime.Epoch;

namespace Bittensor.Cli.Commands.Sim;

/// <summary>The quick epoch race behind <c>btcli sim epoch --bench</c>: warm-up, then timed runs, median reported.</summary>
internal static class EpochBench
{
    private const int WarmupRuns = 5;

    public static void Run(EpochInput input, string source, int iterations, bool dense, TextWriter output)
    {
        var n = input.Count;
        var validators = input.ValidatorPermit.Count(p => p);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"epoch bench: n = {n} ({source}), {validators} permitted validators, {input.Weights.NonZeroCount} weights, {input.Bonds.NonZeroCount} bonds"));

        var epoch = new YumaEpoch();
        var result = new EpochOutput(n);
        Action run = dense ? () => DenseEpoch.Compute(input) : () => epoch.Run(input, result);
        for (var i = 0; i < WarmupRuns; i++)
        {
            run();
        }

        var times = new double[iterations];
        long allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(times);
        var median = iterations % 2 == 1 ? times[iterations / 2] : (times[(iterations / 2) - 1] + times[iterations / 2]) / 2;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(dense ? "dense" : "sparse")} epoch: median {median:F3} ms over {iterations} runs (min {times[0]:F3}, max {times[^1]:F3}); {allocated / iterations} bytes allocated per epoch"));
    }
}
