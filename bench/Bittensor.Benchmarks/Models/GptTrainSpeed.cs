using System.Diagnostics;
using System.Globalization;
using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;

namespace Bittensor.Benchmarks.Models;

/// <summary>
/// GPT training throughput: tokens per second of whole optimizer steps (forward, backward, clipping, AdamW) on a
/// synthetic Zipf-distributed token stream, for a preset, batch size and output-vocabulary restriction.
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- gpt-train-speed [config] [batch] [rows|full] [seconds] [context]</code>
/// </summary>
/// <remarks>
/// <c>rows</c> restricts the embedding and output rows to the most frequent ids of the stream (plus the other row);
/// <c>full</c> keeps all of GPT-2's 50257. The matrix multiplies run on the blocked SIMD GEMM of the model tests
/// until the library's own fast backend is available.
/// </remarks>
public static class GptTrainSpeed
{
    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "small";
        var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var rows = args.Length > 2 && args[2] != "full" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var config = GptConfig.Preset(name);
        if (args.Length > 4)
        {
            config = config with { ContextLength = int.Parse(args[4], CultureInfo.InvariantCulture) };
        }

        // A Zipf(1) stream over GPT-2's ids, like text: a few ids are frequent, most are rare.
        var random = new Random(1);
        var weights = Enumerable.Range(1, GptConfig.Gpt2Vocabulary).Select(r => 1.0 / r).ToArray();
        var cumulative = new double[weights.Length];
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative[i] = sum += weights[i];
        }

        var stream = new int[1 << 20];
        for (var i = 0; i < stream.Length; i++)
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            stream[i] = Math.Min(at < 0 ? ~at : at, weights.Length - 1);
        }

        if (rows > 0)
        {
            config = config.WithVocabulary(GptVocabulary.FromCorpus(stream, GptConfig.Gpt2Vocabulary, rows));
        }

        var timing = Environment.GetEnvironmentVariable("GPT_TRAIN_SPEED_PROFILE") == "1" ? new TimingGemm(Gemm.Default) : null;
        IGemmBackend gemm = timing ?? Gemm.Default;
        var parameters = new GptParameters(config);
        parameters.Initialize(1);
        var model = new GptModel(parameters, gemm);
        var trainer = new GptTrainer(model, stream, null, new GptTrainingOptions { BatchSize = batch });
        Console.WriteLine(
            $"gpt-train-speed: {name} ({config.Layers} layers, {config.Heads} heads, C {config.EmbeddingSize}, T {config.ContextLength}), batch {batch}, " +
            $"rows {config.VocabularySize} ({(rows > 0 ? "restricted" : "full")}), {parameters.Count:N0} parameters, GEMM {gemm.Name}, {Environment.ProcessorCount} cores");

        trainer.TrainStep(1e-4f); // warm-up: allocation and JIT
        var clock = Stopwatch.StartNew();
        var steps = 0;
        var stepTimes = new List<double>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var before = clock.Elapsed;
            trainer.TrainStep(1e-4f);
            stepTimes.Add((clock.Elapsed - before).TotalMilliseconds);
            steps++;
        }

        stepTimes.Sort();

        // Multiply-adds per token of one training step: 3 GEMMs (forward, two backward) over every weight matrix and
        // the LM head, and attention's four T×T×head products per head (forward QKᵀ and PV, backward four more: 3×).
        long c = config.EmbeddingSize;
        var matrixWeights = (config.Layers * 12 * c * c) + ((long)config.VocabularySize * c);
        var flopsPerToken = (6.0 * matrixWeights) + (12.0 * config.Layers * config.ContextLength * c);
        var tokensPerSecond = (double)steps * batch * config.ContextLength / clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"{steps} steps in {clock.Elapsed.TotalSeconds:F1} s: {tokensPerSecond:F0} tokens/s (median step {stepTimes[stepTimes.Count / 2]:F1} ms); " +
            $"{flopsPerToken / 1e6:F1} MFLOP per token, {tokensPerSecond * flopsPerToken / 1e9:F1} GFLOP/s");
        if (timing is not null)
        {
            foreach (var (shape, (ms, calls, flops)) in timing.Stats.OrderByDescending(kv => kv.Value.Ms))
            {
                Console.WriteLine($"  {shape,-24} {calls,6} calls {ms,9:F0} ms {flops / ms / 1e6,7:F1} GFLOP/s");
            }

            Console.WriteLine($"  total GEMM {timing.Stats.Values.Sum(v => v.Ms):F0} ms of {clock.Elapsed.TotalMilliseconds:F0} ms");
        }

        return 0;
    }
}
