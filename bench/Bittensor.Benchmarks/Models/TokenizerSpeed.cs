using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bittensor.Models.Corpus;
using Bittensor.Models.Tokenization;
using Microsoft.ML.Tokenizers;

namespace Bittensor.Benchmarks.Models;

/// <summary>
/// Encoding speed of the standard (GPT-2) tokenizer on the default corpus's train part, in MB of UTF-8 text per second:
/// one thread with an empty piece cache (every distinct piece merged once), one thread with a filled cache, and all
/// cores through <see cref="TextCorpus.TokenizeDocuments"/>; plus the pre-tokeniser alone against .NET's compiled
/// regular expression of the same pattern. Baseline in the same run: ML.NET's GPT-2 tokenizer
/// (<c>Microsoft.ML.Tokenizers</c> 3.0.0, tiktoken's algorithm over its <c>gpt2.tiktoken</c> data), which must also
/// produce the same ids for every document.
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- tokenizer-speed [rounds] [corpus]</code>
/// </summary>
public static class TokenizerSpeed
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var corpusName = args.Length > 1 ? args[1] : null;

        var watch = Stopwatch.StartNew();
        var corpus = TextCorpus.Open(corpusName);
        var description = corpus.Describe();
        var readSeconds = watch.Elapsed.TotalSeconds;
        Line($"corpus: {description.Name}");
        Line($"  {description.Files} files, {description.Documents:N0} documents, {Mb(description.Bytes)} MB of UTF-8 text " +
             $"(train {description.TrainDocuments:N0} documents / {Mb(description.TrainBytes)} MB, held out {description.HeldOutDocuments:N0} / " +
             $"{Mb(description.HeldOutBytes)} MB); read and extracted in {readSeconds:F2} s");

        var texts = corpus.Train.ToList();
        var utf8 = texts.Select(Encoding.UTF8.GetBytes).ToList();
        long bytes = utf8.Sum(b => (long)b.Length);
        Line($"encoding the train part: {Mb(bytes)} MB, {rounds} rounds, {Environment.ProcessorCount} cores");

        var cold = new List<double>();
        var warm = new List<double>();
        long tokens = 0;
        for (var round = 0; round < rounds; round++)
        {
            var tokenizer = Gpt2Tokenizer.LoadStandard();
            var output = new List<int>(1 << 20);
            cold.Add(Measure(() =>
            {
                tokens = 0;
                foreach (var text in utf8)
                {
                    output.Clear();
                    tokenizer.Encode(text, output);
                    tokens += output.Count;
                }
            }));
            warm.Add(Measure(() =>
            {
                foreach (var text in utf8)
                {
                    output.Clear();
                    tokenizer.Encode(text, output);
                }
            }));
        }

        var parallel = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            parallel.Add(Measure(() => TextCorpus.TokenizeDocuments(texts, Gpt2Tokenizer.Standard)));
        }

        // Baseline: ML.NET's tiktoken-style GPT-2 tokenizer, from strings (its input type).
        var mlCold = new List<double>();
        var mlWarm = new List<double>();
        var ours = Gpt2Tokenizer.Standard;
        var oursStrings = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var ml = TiktokenTokenizer.CreateForModel("gpt2");
            mlCold.Add(Measure(() =>
            {
                foreach (var text in texts)
                {
                    ml.EncodeToIds(text);
                }
            }));
            mlWarm.Add(Measure(() =>
            {
                foreach (var text in texts)
                {
                    ml.EncodeToIds(text);
                }
            }));
            oursStrings.Add(Measure(() =>
            {
                foreach (var text in texts)
                {
                    ours.Encode(text);
                }
            }));
        }

        var reference = TiktokenTokenizer.CreateForModel("gpt2");
        var differing = 0;
        string? firstDifference = null;
        foreach (var text in texts)
        {
            if (!reference.EncodeToIds(text).SequenceEqual(ours.Encode(text)))
            {
                differing++;
                firstDifference ??= text;
            }
        }

        Line($"  tokens: {tokens:N0} ({(double)bytes / tokens:F2} bytes per token)");
        Line($"  ids equal to ML.NET's GPT-2 tokenizer on {texts.Count - differing:N0} of {texts.Count:N0} documents" +
             (firstDifference is null ? "" : $"; first difference: {firstDifference}"));
        Row("ours: one thread, empty cache (UTF-8 bytes -> ids)", bytes, cold);
        Row("ours: one thread, filled cache (UTF-8 bytes -> ids)", bytes, warm);
        Row("ours: one thread, filled cache (string -> int[])", bytes, oursStrings);
        Row($"ours: all {Environment.ProcessorCount} cores, TokenizeDocuments (strings)", bytes, parallel);
        Row("ML.NET TiktokenTokenizer gpt2: one thread, new instance", bytes, mlCold);
        Row("ML.NET TiktokenTokenizer gpt2: one thread, warmed instance", bytes, mlWarm);

        var regex = new Regex(Gpt2PreTokenizer.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        var regexTimes = new List<double>();
        var scanTimes = new List<double>();
        long regexPieces = 0, scanPieces = 0;
        for (var round = 0; round < rounds; round++)
        {
            regexTimes.Add(Measure(() =>
            {
                regexPieces = 0;
                foreach (var text in texts)
                {
                    foreach (var _ in regex.EnumerateMatches(text))
                    {
                        regexPieces++;
                    }
                }
            }));
            scanTimes.Add(Measure(() =>
            {
                scanPieces = 0;
                foreach (var text in utf8)
                {
                    for (var start = 0; start < text.Length; start = Gpt2PreTokenizer.PieceEnd(text, start))
                    {
                        scanPieces++;
                    }
                }
            }));
        }

        Line($"pre-tokenisation alone: {scanPieces:N0} pieces (regex: {regexPieces:N0})");
        Row("hand-written scanner over UTF-8", bytes, scanTimes);
        Row(".NET Regex (compiled) over UTF-16", bytes, regexTimes);
        return 0;
    }

    private static double Measure(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static void Row(string label, long bytes, List<double> seconds)
    {
        var best = seconds.Min();
        var median = seconds.Order().ElementAt(seconds.Count / 2);
        Line($"  {label,-62} best {bytes / 1e6 / best,7:F1} MB/s, median {bytes / 1e6 / median,7:F1} MB/s");
    }

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    private static void Line(string text) => Console.WriteLine(text);
}
