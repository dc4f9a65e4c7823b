using System.Diagnostics;
using System.Globalization;
using Bittensor.Models;
using Bittensor.Models.NGram;

namespace Bittensor.Benchmarks.Models;

/// <summary>
/// The Kneser-Ney n-gram model's speed on a synthetic GPT-2-vocabulary stream: training (tokens/s), saving and
/// loading, top-k queries, full next-token distributions, and direct cross-entropy (tokens/s), with the held-out
/// cross-entropy of each order as a check that the stream has structure to learn. Each figure is the best of three
/// runs.
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- ngram-speed [tokens=2000000] [orders=1,2,3,4,5] [k=10]</code>
/// </summary>
public static class NGramSpeed
{
    /// <summary>Every time is the best of this many runs: other work on a shared machine only ever slows a run down.</summary>
    private const int Rounds = 3;

    public static int Run(string[] args)
    {
        var trainTokens = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
        var orders = args.Length > 1 ? args[1].Split(',').Select(o => int.Parse(o, CultureInfo.InvariantCulture)).ToArray() : [1, 2, 3, 4, 5];
        var k = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var heldOutTokens = Math.Max(1_000, trainTokens / 10);

        var clock = Stopwatch.StartNew();
        var stream = SyntheticStream(trainTokens + heldOutTokens, seed: 2026);
        var train = stream.AsSpan(0, trainTokens);
        var heldOut = stream.AsSpan(trainTokens).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ngram-speed: {trainTokens:N0} training tokens, {heldOutTokens:N0} held out, vocabulary {KneserNeyOptions.Gpt2VocabularySize}, {Environment.ProcessorCount} cores (stream generated in {clock.Elapsed.TotalSeconds:F2} s)"));
        Console.WriteLine($"| order | n-grams | train s | train tokens/s | file MB | save s | load s | top-{k} queries/s | top-{k} from full distribution/s | full distributions/s | cross-entropy tokens/s | held-out nats/token |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

        foreach (var order in orders)
        {
            // One untimed warm-up on a slice so the first order is not charged for JIT compilation.
            _ = KneserNeyModel.Train(train[..Math.Min(train.Length, 20_000)], new KneserNeyOptions { Order = order });
            GC.Collect();

            KneserNeyModel model = null!;
            var trainSeconds = double.MaxValue;
            for (var round = 0; round < Rounds; round++)
            {
                model = null!;
                GC.Collect();
                clock.Restart();
                model = KneserNeyModel.Train(train, new KneserNeyOptions { Order = order });
                trainSeconds = Math.Min(trainSeconds, clock.Elapsed.TotalSeconds);
            }

            var path = Path.Combine(Path.GetTempPath(), $"ngram-speed-{Environment.ProcessId}-{order}.bin");
            double saveSeconds, loadSeconds, fileMegabytes;
            try
            {
                clock.Restart();
                model.Save(path);
                saveSeconds = clock.Elapsed.TotalSeconds;
                fileMegabytes = new FileInfo(path).Length / 1e6;
                clock.Restart();
                model = KneserNeyModel.Load(path);
                loadSeconds = clock.Elapsed.TotalSeconds;
            }
            finally
            {
                File.Delete(path);
            }

            var context = Math.Max(1, model.ContextLength);
            var topK = Rate(heldOut.Length - context, 1.0, i => model.NextTokenTopK(heldOut.AsSpan(i, context), k));
            var generic = Rate(heldOut.Length - context, 1.0, i => LanguageModelExtensions.NextTokenTopK(model, heldOut.AsSpan(i, context), k));
            var full = new float[model.VocabularySize];
            var fullRate = Rate(heldOut.Length - context, 1.0, i => model.NextTokenProbabilities(heldOut.AsSpan(i, context), full));

            _ = model.CrossEntropy(heldOut.AsSpan(0, Math.Min(heldOut.Length, 50_000)));
            var entropy = 0.0;
            var entropySeconds = double.MaxValue;
            for (var round = 0; round < Rounds; round++)
            {
                clock.Restart();
                entropy = model.CrossEntropy(heldOut);
                entropySeconds = Math.Min(entropySeconds, clock.Elapsed.TotalSeconds);
            }

            var entropyRate = (heldOut.Length - 1) / entropySeconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {order} | {model.NGramCount():N0} | {trainSeconds:F2} | {trainTokens / trainSeconds / 1e6:F2} M | {fileMegabytes:F1} | {saveSeconds:F2} | {loadSeconds:F2} | {topK:N0} | {generic:N0} | {fullRate:N0} | {entropyRate / 1e6:F2} M | {entropy:F3} |"));
        }

        return 0;
    }

    /// <summary>Queries per second over consecutive held-out positions, the best of <see cref="Rounds"/> runs of about <paramref name="seconds"/> each.</summary>
    private static double Rate(int positions, double seconds, Action<int> query)
    {
        double best = 0;
        for (var round = 0; round < Rounds; round++)
        {
            best = Math.Max(best, OneRate(positions, seconds, query));
        }

        return best;
    }

    private static double OneRate(int positions, double seconds, Action<int> query)
    {
        // Untimed first, so that the timed part runs fully optimised code (the JIT's background tier-up is slow to
        // get a core on a busy machine).
        for (var i = 0; i < 2_000; i++)
        {
            query(i % positions);
        }

        var clock = Stopwatch.StartNew();
        var done = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var j = 0; j < 256; j++)
            {
                query((done + j) % positions);
            }

            done += 256;
        }

        return done / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// GPT-2-sized ids with a Zipfian unigram law (exponent 1) and local structure: half the tokens follow one of four
    /// fixed successors of the token before (themselves Zipf-drawn), the rest are drawn afresh; a document separator
    /// (50256) ends a document with probability 1/1000 per token.
    /// </summary>
    public static int[] SyntheticStream(int length, int seed)
    {
        const int vocabulary = KneserNeyOptions.Gpt2EndOfText;
        var random = new Random(seed);
        var cumulative = new double[vocabulary];
        double total = 0;
        for (var r = 0; r < vocabulary; r++)
        {
            total += 1.0 / (r + 1);
            cumulative[r] = total;
        }

        // A fixed random relabelling, so frequent ids are spread over the vocabulary as in real text.
        var label = Enumerable.Range(0, vocabulary).ToArray();
        random.Shuffle(label);

        int Zipf()
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return label[Math.Min(at < 0 ? ~at : at, vocabulary - 1)];
        }

        var successors = new int[vocabulary * 4];
        for (var i = 0; i < successors.Length; i++)
        {
            successors[i] = Zipf();
        }

        var tokens = new int[length];
        var previous = KneserNeyOptions.Gpt2EndOfText;
        for (var i = 0; i < length; i++)
        {
            int next;
            if (random.Next(1000) == 0)
            {
                next = KneserNeyOptions.Gpt2EndOfText;
            }
            else if (previous != KneserNeyOptions.Gpt2EndOfText && random.Next(2) == 0)
            {
                next = successors[(previous * 4) + random.Next(4)];
            }
            else
            {
                next = Zipf();
            }

            tokens[i] = next;
            previous = next;
        }

        return tokens;
    }
}
