using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Bittensor.Models.Corpus;
using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;
using Bittensor.Models.NGram;
using Spectre.Console;

namespace Bittensor.Cli.Commands.Model;

/// <summary>
/// <c>btcli model train</c>: trains an n-gram baseline, or a GPT for a time budget with progress on standard error,
/// held-out evaluations and resumable checkpoints.
/// </summary>
public static class ModelTrainCommand
{
    /// <summary>The exit code after Ctrl-C (SIGINT) stopped training and the checkpoint was saved: 128 + 2, the shell's convention.</summary>
    public const int Interrupted = 130;

    public static Command Create(CliConsole console)
    {
        var corpusOption = new Option<string>("--corpus", "-c")
        {
            Description = "Training text: a folder (or file) of .txt/.jsonl, or 'dotnet-docs' (the installed SDK's XML documentation).",
            DefaultValueFactory = _ => TextCorpus.DotNetDocsName,
        };
        var kindOption = new Option<string>("--kind") { Description = "The model: gpt or ngram.", DefaultValueFactory = _ => "gpt" };
        var configOption = new Option<string?>("--config") { Description = "GPT size: tiny, small or gpt2 (default tiny; a resumed run keeps its own)." };
        var minutesOption = new Option<double?>("--minutes", "-m") { Description = "GPT: total training minutes, evaluation excluded, counted across resumes." };
        var outOption = new Option<string>("--out", "-o") { Description = "The model file to write (GPT: a safetensors checkpoint).", Required = true };
        var orderOption = new Option<int>("--order") { Description = "N-gram order, 1 to 6.", DefaultValueFactory = _ => 4 };
        var seedOption = new Option<int?>("--seed") { Description = "GPT: seed of the initial weights and the batch order (default 1)." };
        var batchOption = new Option<int?>("--batch") { Description = "GPT: rows per batch, each a context-length window (default 8)." };
        var vocabularyOption = new Option<int>("--vocabulary-rows")
        {
            Description = "GPT: keep only the R most frequent ids of the train split as embedding rows (plus one shared row for the rest); 0 = all 50257.",
        };
        var evalOption = new Option<double>("--eval-every-seconds") { Description = "GPT: measure the held-out loss every S seconds of training.", DefaultValueFactory = _ => 30 };
        var evalWindowsOption = new Option<int>("--eval-windows") { Description = "GPT: context windows of the held-out split per evaluation.", DefaultValueFactory = _ => 64 };
        var checkpointOption = new Option<double>("--checkpoint-every-seconds") { Description = "GPT: write the checkpoint every S seconds.", DefaultValueFactory = _ => 60 };
        var resumeOption = new Option<bool>("--resume") { Description = "GPT: continue the run saved in --out (same corpus; settings are read from the file)." };
        var forceOption = new Option<bool>("--force") { Description = "Replace an existing --out file with a new run." };
        var baselineOption = new Option<string?>("--baseline") { Description = "GPT: an n-gram model file; its held-out loss is measured once and the time the GPT first beats it is reported." };
        var jsonOption = ModelCommand.JsonOption("Print the summary as JSON.");
        var noCacheOption = ModelCommand.NoCacheOption();
        var command = new Command("train", "Train a GPT (time budget, progress, resumable checkpoints) or an n-gram baseline on a corpus.")
        {
            corpusOption, kindOption, configOption, minutesOption, outOption, orderOption, seedOption, batchOption, vocabularyOption,
            evalOption, evalWindowsOption, checkpointOption, resumeOption, forceOption, baselineOption, jsonOption, noCacheOption,
        };
        command.SetAction(parseResult => ModelCommand.Execute(console, () =>
        {
            var kind = parseResult.GetValue(kindOption)!.Trim().ToLowerInvariant();
            var settings = new Settings(
                parseResult.GetValue(corpusOption),
                parseResult.GetValue(outOption)!,
                parseResult.GetValue(jsonOption),
                parseResult.GetValue(noCacheOption),
                parseResult.GetValue(forceOption));
            return kind switch
            {
                "ngram" => TrainNGram(console, settings, parseResult.GetValue(orderOption)),
                "gpt" => TrainGpt(console, settings, new GptSettings(
                    parseResult.GetValue(configOption),
                    parseResult.GetValue(minutesOption) ?? throw new CliUsageException("--minutes is required for a GPT: give the training time budget, e.g. --minutes 10."),
                    parseResult.GetValue(seedOption),
                    parseResult.GetValue(batchOption),
                    parseResult.GetValue(vocabularyOption),
                    parseResult.GetValue(evalOption),
                    parseResult.GetValue(evalWindowsOption),
                    parseResult.GetValue(checkpointOption),
                    parseResult.GetValue(resumeOption),
                    parseResult.GetValue(baselineOption))),
                _ => throw new CliUsageException($"--kind {kind}: choose gpt or ngram."),
            };
        }));
        return command;
    }

    private sealed record Settings(string? Corpus, string Out, bool Json, bool NoCache, bool Force);

    private sealed record GptSettings(
        string? Config, double Minutes, int? Seed, int? Batch, int VocabularyRows, double EvalEverySeconds, int EvalWindows,
        double CheckpointEverySeconds, bool Resume, string? Baseline);

    private static int TrainNGram(CliConsole console, Settings settings, int order)
    {
        if (order is < 1 or > KneserNeyModel.MaxOrder)
        {
            throw new CliUsageException($"--order {order}: an n-gram model has order 1 to {KneserNeyModel.MaxOrder}.");
        }

        RefuseOverwrite(settings);
        var corpus = ModelCommand.OpenCorpus(settings.Corpus);
        var clock = Stopwatch.StartNew();
        var train = ModelCommand.Tokens(corpus, CorpusPart.Train, settings.NoCache);
        var heldOut = ModelCommand.Tokens(corpus, CorpusPart.HeldOut, settings.NoCache);
        var tokenizing = clock.Elapsed;
        clock.Restart();
        var model = KneserNeyModel.Train(train, new KneserNeyOptions { Order = order });
        var training = clock.Elapsed;
        var temporary = settings.Out + ".tmp";
        model.Save(temporary);
        File.Move(temporary, settings.Out, overwrite: true);
        double? loss = heldOut.Length >= 2 ? model.CrossEntropy(heldOut) : null;
        var summary = new JsonObject
        {
            ["kind"] = "ngram",
            ["model"] = Path.GetFullPath(settings.Out),
            ["description"] = model.Description,
            ["corpus"] = corpus.Name,
            ["order"] = order,
            ["tokens"] = train.Length,
            ["ngrams"] = model.NGramCount(),
            ["tokenize_seconds"] = tokenizing.TotalSeconds,
            ["train_seconds"] = training.TotalSeconds,
            ["held_out_tokens"] = heldOut.Length,
            ["held_out_loss"] = loss is { } l ? ModelCommand.Number(l) : null,
            ["held_out_perplexity"] = loss is { } p ? ModelCommand.Number(Math.Exp(p)) : null,
        };
        if (settings.Json)
        {
            console.Out.WriteLine(summary.ToJsonString(ModelCommand.Indented));
        }
        else
        {
            console.Out.WriteLine($"n-gram model   {settings.Out}: {model.Description}");
            console.Out.WriteLine($"trained on     {train.Length:N0} tokens of {corpus.Name} in {ModelCommand.Text(training.TotalSeconds, "0.0")} s");
            console.Out.WriteLine(loss is { } x
                ? $"held-out       {heldOut.Length:N0} tokens: loss {ModelCommand.Text(x)} nats/token, perplexity {ModelCommand.Text(Math.Exp(x), "0.00")}"
                : "held-out       none: the corpus has no held-out documents");
        }

        return 0;
    }

    private static void RefuseOverwrite(Settings settings)
    {
        if (File.Exists(settings.Out) && !settings.Force)
        {
            throw new CliUsageException($"--out {settings.Out} already exists; pass --force to replace it, --resume to continue a GPT run, or choose another file.");
        }
    }

    private static int TrainGpt(CliConsole console, Settings settings, GptSettings gpt)
    {
        ModelCommand.RequirePositive(gpt.Minutes, "--minutes");
        ModelCommand.RequirePositive(gpt.EvalEverySeconds, "--eval-every-seconds");
        ModelCommand.RequirePositive(gpt.CheckpointEverySeconds, "--checkpoint-every-seconds");
        if (gpt.EvalWindows < 1)
        {
            throw new CliUsageException($"--eval-windows {gpt.EvalWindows}: give at least 1.");
        }

        if (gpt.Batch is < 1 or > 4096)
        {
            throw new CliUsageException($"--batch {gpt.Batch}: give a number of rows from 1 to 4096.");
        }

        if (gpt.VocabularyRows < 0)
        {
            throw new CliUsageException($"--vocabulary-rows {gpt.VocabularyRows}: give 0 (all ids) or a positive number of rows.");
        }

        if (gpt.VocabularyRows == 1)
        {
            throw new CliUsageException("--vocabulary-rows 1: a restricted vocabulary needs at least 2 rows (kept ids plus the shared row); give 0 for all ids.");
        }

        var preset = gpt.Config is null ? null : GptConfig.Presets.TryGetValue(gpt.Config.Trim().ToLowerInvariant(), out var found)
            ? found
            : throw new CliUsageException($"--config {gpt.Config}: unknown GPT config; choose one of: {string.Join(", ", GptConfig.Presets.Keys)}.");

        TrainingCheckpoint? resumed = null;
        if (gpt.Resume)
        {
            if (!File.Exists(settings.Out))
            {
                throw new CliUsageException($"--resume: {settings.Out} does not exist; start the run without --resume first.");
            }

            resumed = TrainingCheckpoint.Load(settings.Out);
            if (resumed.State is null)
            {
                throw new InvalidDataException($"{settings.Out} holds weights but no trainer state, so it cannot resume; start a new run with another --out.");
            }

            if (preset is not null && !SameShape(preset, resumed.Parameters.Config))
            {
                throw new CliUsageException($"--config {gpt.Config} differs from the checkpoint's config ({resumed.Parameters.Config}); leave --config out when resuming.");
            }
        }
        else
        {
            RefuseOverwrite(settings);
        }

        var seed = Setting(resumed, TrainingCheckpoint.SeedKey, gpt.Seed, 1, "--seed");
        var batch = Setting(resumed, TrainingCheckpoint.BatchKey, gpt.Batch, 8, "--batch");
        var configName = resumed?.Metadata.GetValueOrDefault(TrainingCheckpoint.ConfigKey) ?? gpt.Config?.Trim().ToLowerInvariant() ?? "tiny";
        var config = resumed?.Parameters.Config ?? preset ?? GptConfig.Tiny;

        var corpus = ModelCommand.OpenCorpus(settings.Corpus);
        var train = ModelCommand.Tokens(corpus, CorpusPart.Train, settings.NoCache);
        var heldOut = ModelCommand.Tokens(corpus, CorpusPart.HeldOut, settings.NoCache);
        if (train.Length < config.ContextLength + 1)
        {
            throw new CliUsageException(
                $"--corpus {corpus.Name}: the train split has {train.Length:N0} tokens; a {configName} GPT needs at least {config.ContextLength + 1} (one context window). Give it more text.");
        }

        double? baselineLoss = null;
        if (gpt.Baseline is not null)
        {
            if (!File.Exists(gpt.Baseline))
            {
                throw new CliUsageException($"--baseline {gpt.Baseline} does not exist; train one with 'btcli model train --kind ngram'.");
            }

            if (heldOut.Length < 2)
            {
                throw new CliUsageException($"--baseline: the corpus {corpus.Name} has no held-out text to compare on.");
            }

            baselineLoss = KneserNeyModel.Load(gpt.Baseline).CrossEntropy(heldOut);
        }

        if (resumed is not null && gpt.VocabularyRows > 0 && resumed.Parameters.Config.VocabularySize != gpt.VocabularyRows)
        {
            throw new CliUsageException($"--vocabulary-rows {gpt.VocabularyRows} differs from the run being resumed ({resumed.Parameters.Config.VocabularySize} rows); leave it out when resuming.");
        }

        if (resumed is null && gpt.VocabularyRows > 0)
        {
            config = config.WithVocabulary(GptVocabulary.FromCorpus(train, config.TokenVocabularySize, gpt.VocabularyRows));
        }

        var parameters = resumed?.Parameters ?? NewParameters(config, seed);
        var model = new GptModel(parameters, Gemm.Default);
        var trainer = new GptTrainer(model, train, heldOut, new GptTrainingOptions
        {
            BatchSize = batch,
            Seed = seed,
            EvaluateEvery = TimeSpan.FromSeconds(gpt.EvalEverySeconds),
            EvaluationWindows = gpt.EvalWindows,
        });
        var history = new List<(double Seconds, double Loss)>(ParseHistory(resumed?.Metadata.GetValueOrDefault(TrainingCheckpoint.HistoryKey)));
        if (resumed?.State is { } state)
        {
            trainer.ImportState(state);
        }

        var startStep = trainer.Step;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TrainingCheckpoint.ConfigKey] = configName,
            [TrainingCheckpoint.SeedKey] = seed.ToString(CultureInfo.InvariantCulture),
            [TrainingCheckpoint.BatchKey] = batch.ToString(CultureInfo.InvariantCulture),
        };
        void Save()
        {
            metadata[TrainingCheckpoint.HistoryKey] = FormatHistory(history);
            TrainingCheckpoint.Save(settings.Out, trainer, metadata);
        }

        console.Error.WriteLine(
            $"training {configName} GPT ({parameters.Count:N0} weights) on {train.Length:N0} tokens of {corpus.Name}; {Gemm.Describe()}" +
            (resumed is null ? "" : $"; resuming at step {startStep:N0}, {ModelCommand.Text(trainer.TrainedTime.TotalMinutes, "0.00")} min trained"));
        if (baselineLoss is { } b)
        {
            console.Error.WriteLine($"baseline {gpt.Baseline}: held-out loss {ModelCommand.Text(b)}");
        }

        using var interrupt = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
        var budget = GptTrainingBudget.Time(TimeSpan.FromMinutes(gpt.Minutes));
        var sinceCheckpoint = Stopwatch.StartNew();
        float lastLoss = float.NaN;
        void Record(GptTrainingProgress progress)
        {
            lastLoss = progress.Loss;
            if (progress.HeldOut is { } evaluation)
            {
                history.Add((progress.Elapsed.TotalSeconds, evaluation.MeanNll));
            }

            if (sinceCheckpoint.Elapsed.TotalSeconds >= gpt.CheckpointEverySeconds)
            {
                Save();
                sinceCheckpoint.Restart();
            }
        }

        GptTrainingResult result;
        if (console.ErrorIsTerminal)
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
            result = terminal.Progress()
                .AutoClear(false)
                .Columns(new ProgressBarColumn { Width = 20 }, new TaskDescriptionColumn { Alignment = Justify.Left })
                .Start(context =>
                {
                    var task = context.AddTask("starting", maxValue: 1);
                    var outcome = trainer.Train(budget, progress =>
                    {
                        Record(progress);
                        task.Value = progress.Fraction;
                        task.Description = Markup.Escape(Line(progress, history, budget));
                    }, interrupt.Token);
                    task.Value = 1;
                    return outcome;
                });
        }
        else
        {
            var lastLine = Stopwatch.StartNew();
            result = trainer.Train(budget, progress =>
            {
                Record(progress);
                if (progress.HeldOut is not null || lastLine.Elapsed.TotalSeconds >= 10)
                {
                    console.Error.WriteLine(Line(progress, history, budget));
                    lastLine.Restart();
                }
            }, interrupt.Token);
        }

        Save();
        var final = result.HeldOut ?? (history.Count > 0 ? new GptEvaluation(history[^1].Loss, 0) : null);
        double? overtaken = null;
        if (baselineLoss is { } baseline)
        {
            foreach (var (seconds, loss) in history)
            {
                if (loss < baseline)
                {
                    overtaken = seconds;
                    break;
                }
            }
        }

        WriteSummary(console, settings, new JsonObject
        {
            ["kind"] = "gpt",
            ["model"] = Path.GetFullPath(settings.Out),
            ["config"] = configName,
            ["description"] = model.Description,
            ["corpus"] = corpus.Name,
            ["gemm"] = model.Gemm.Name,
            ["tokens"] = result.Tokens,
            ["steps"] = result.Steps,
            ["steps_this_run"] = result.Steps - startStep,
            ["minutes"] = result.Elapsed.TotalMinutes,
            ["tokens_per_second"] = ModelCommand.Number(result.TokensPerSecond),
            ["train_loss"] = ModelCommand.Number(float.IsFinite(result.LastLoss) ? result.LastLoss : lastLoss),
            ["held_out_loss"] = final is null ? null : ModelCommand.Number(final.MeanNll),
            ["held_out_perplexity"] = final is null ? null : ModelCommand.Number(final.Perplexity),
            ["held_out_history"] = new JsonArray(history.Select(h => (JsonNode?)new JsonObject { ["seconds"] = h.Seconds, ["loss"] = h.Loss }).ToArray()),
            ["baseline"] = baselineLoss is { } bl
                ? new JsonObject
                {
                    ["model"] = Path.GetFullPath(gpt.Baseline!),
                    ["held_out_loss"] = ModelCommand.Number(bl),
                    ["held_out_perplexity"] = ModelCommand.Number(Math.Exp(bl)),
                    ["overtaken_at_seconds"] = overtaken,
                }
                : null,
            ["interrupted"] = result.Cancelled,
        });
        return result.Cancelled ? Interrupted : 0;
    }

    private static void WriteSummary(CliConsole console, Settings settings, JsonObject summary)
    {
        if (settings.Json)
        {
            console.Out.WriteLine(summary.ToJsonString(ModelCommand.Indented));
            return;
        }

        static string Value(JsonNode? node) => node switch
        {
            null => "-",
            JsonValue value when value.TryGetValue<double>(out var d) => ModelCommand.Text(d),
            _ => node.ToString(),
        };
        var o = console.Out;
        o.WriteLine($"model          {Value(summary["model"])} ({Value(summary["config"])}): {Value(summary["description"])}");
        o.WriteLine($"trained        {Value(summary["steps"])} steps, {Value(summary["tokens"])} tokens, {ModelCommand.Text(summary["minutes"]!.GetValue<double>(), "0.00")} min, {ModelCommand.Text(summary["tokens_per_second"]?.GetValue<double>() ?? 0, "0")} tokens/s");
        o.WriteLine($"train loss     {Value(summary["train_loss"])}");
        o.WriteLine($"held-out loss  {Value(summary["held_out_loss"])} (perplexity {Value(summary["held_out_perplexity"])})");
        foreach (var point in summary["held_out_history"]!.AsArray())
        {
            o.WriteLine($"  at {ModelCommand.Text(point!["seconds"]!.GetValue<double>(), "0")} s: {ModelCommand.Text(point["loss"]!.GetValue<double>())}");
        }

        if (summary["baseline"] is JsonObject baseline)
        {
            var at = baseline["overtaken_at_seconds"];
            o.WriteLine($"baseline       {Value(baseline["held_out_loss"])} ({Value(baseline["model"])}): " +
                (at is null ? "not overtaken yet" : $"overtaken after {ModelCommand.Text(at.GetValue<double>(), "0")} s of training"));
        }

        if (summary["interrupted"]!.GetValue<bool>())
        {
            o.WriteLine($"interrupted    checkpoint saved; continue with --resume --out {settings.Out}");
        }
    }

    private static string Line(GptTrainingProgress progress, List<(double Seconds, double Loss)> history, GptTrainingBudget budget)
    {
        var left = budget.TotalTime!.Value - progress.Elapsed;
        var eta = left > TimeSpan.Zero ? left : TimeSpan.Zero;
        var heldOut = history.Count > 0 ? $" held-out {ModelCommand.Text(history[^1].Loss, "0.000")}" : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"step {progress.Step,6} {progress.Fraction * 100,5:0.0}% {progress.TokensPerSecond,8:0} tok/s loss {progress.Loss:0.000}{heldOut} ETA {eta:hh\\:mm\\:ss}");
    }

    private static GptParameters NewParameters(GptConfig config, int seed)
    {
        var parameters = new GptParameters(config);
        parameters.Initialize(seed);
        return parameters;
    }

    private static bool SameShape(GptConfig a, GptConfig b) =>
        a.ContextLength == b.ContextLength && a.Layers == b.Layers && a.Heads == b.Heads && a.EmbeddingSize == b.EmbeddingSize;

    private static int Setting(TrainingCheckpoint? resumed, string key, int? given, int fallback, string option)
    {
        if (resumed is null || !resumed.Metadata.TryGetValue(key, out var text))
        {
            return given ?? fallback;
        }

        var saved = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"checkpoint metadata '{key}' is '{text}', not a number; the file is damaged.");
        if (given is { } g && g != saved)
        {
            throw new CliUsageException($"{option} {g} differs from the run being resumed ({saved}); leave {option} out when resuming.");
        }

        return saved;
    }

    private static IEnumerable<(double Seconds, double Loss)> ParseHistory(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts.Length == 2 &&
                double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
                double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var loss))
            {
                yield return (seconds, loss);
            }
        }
    }

    private static string FormatHistory(List<(double Seconds, double Loss)> history) =>
        string.Join(';', history.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Seconds:R}:{h.Loss:R}")));
}
