using System.Globalization;
using Bittensor.Models.Corpus;
using Bittensor.Models.NGram;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>
/// The miners' models and the yardstick they are judged by: every real n-gram miner's model is trained with the Models
/// API on a prefix of the corpus's train split and saved in the models folder (kept across runs: a file that exists is
/// loaded, not trained again), and each miner's held-out loss is the cross-entropy in nats per token of its model on
/// the first <see cref="HeldOutSampleTokens"/> tokens of the held-out split. The noise miner's loss is ln 50257 (a
/// uniform guess); the constant miner's is that of a unigram (order 1) model of the whole train split; the copycat and
/// the slow miner have the loss of the model they copy or wrap; the broken miner has none.
/// </summary>
public static class LocalnetModels
{
    /// <summary>Held-out tokens every model is measured on.</summary>
    public const int HeldOutSampleTokens = 100_000;

    /// <summary>Trains what is missing and returns each miner's held-out loss by name (null for the broken miner).</summary>
    public static IReadOnlyDictionary<string, double?> Prepare(TextCorpus corpus, IReadOnlyList<NeuronPlan> lineup, string modelsDirectory, string? tokenCache, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(lineup);
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(modelsDirectory);
        int[]? train = null;
        int[] Train() => train ??= corpus.Tokenize(CorpusPart.Train, cacheDirectory: tokenCache);
        var heldOut = corpus.Tokenize(CorpusPart.HeldOut, cacheDirectory: tokenCache);
        if (heldOut.Length < 2)
        {
            throw new CliUsageException($"the corpus '{corpus.Name}' has no held-out text to measure the miners on: give a corpus with more documents (one in {TextCorpus.HeldOutOneIn} is held out).");
        }

        var sample = heldOut.AsSpan(0, Math.Min(heldOut.Length, HeldOutSampleTokens)).ToArray();
        var losses = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var plan in lineup.Where(p => p.Role == NeuronRole.Miner))
        {
            var path = Path.Combine(modelsDirectory, plan.ModelFile!);
            var model = LoadOrTrain(path, plan.Order, plan.TrainFraction, Train, log);
            losses[plan.Name] = model.CrossEntropy(sample);
            log(string.Create(CultureInfo.InvariantCulture, $"model    {plan.Name}: {model.Description}, held-out loss {losses[plan.Name]:0.0000} nats/token"));
        }

        foreach (var plan in lineup.Where(p => p.Role == NeuronRole.TestMiner))
        {
            losses[plan.Name] = plan.Kind switch
            {
                "noise" => Math.Log(KneserNeyOptions.Gpt2VocabularySize),
                "constant" => LoadOrTrain(Path.Combine(modelsDirectory, "unigram-train100pct.bin"), 1, 1.0, Train, log).CrossEntropy(sample),
                "copycat" or "slow" => losses.GetValueOrDefault(plan.CopyOf!),
                _ => null,
            };
        }

        return losses;
    }

    private static KneserNeyModel LoadOrTrain(string path, int order, double fraction, Func<int[]> train, Action<string> log)
    {
        if (File.Exists(path))
        {
            try
            {
                var loaded = KneserNeyModel.Load(path);
                if (loaded.Order == order)
                {
                    return loaded;
                }
            }
            catch (InvalidDataException)
            {
            }
        }

        var tokens = train();
        var length = Math.Max(2, (int)Math.Min(tokens.Length, Math.Round(tokens.Length * fraction)));
        log(string.Create(CultureInfo.InvariantCulture, $"training {Path.GetFileName(path)}: order {order} on {length:N0} of {tokens.Length:N0} train tokens"));
        var model = KneserNeyModel.Train(tokens.AsSpan(0, length), new KneserNeyOptions { Order = order });
        var temporary = path + ".tmp";
        model.Save(temporary);
        File.Move(temporary, path, overwrite: true);
        return model;
    }
}
