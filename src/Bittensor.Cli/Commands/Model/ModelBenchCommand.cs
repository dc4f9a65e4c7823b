using System.CommandLine;
using System.Text.Json.Nodes;
using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;

namespace Bittensor.Cli.Commands.Model;

/// <summary><c>btcli model bench</c>: GEMM GFLOP/s of every backend that runs here, and GPT training tokens/s.</summary>
public static class ModelBenchCommand
{
    /// <summary>The products timed: squares and the shapes a small GPT's training multiplies (batch 8 × 128 tokens).</summary>
    private static readonly (string Name, int M, int N, int K)[] Shapes =
    [
        ("square_256", 256, 256, 256),
        ("square_1024", 1024, 1024, 1024),
        ("small_qkv_1024x384x128", 1024, 384, 128),
        ("small_mlp_1024x512x128", 1024, 512, 128),
        ("gpt2_mlp_512x3072x768", 512, 3072, 768),
    ];

    public static Command Create(CliConsole console)
    {
        var secondsOption = new Option<double>("--seconds", "-s")
        {
            Description = "Length of the training run; each GEMM shape is timed for a tenth of it (at least 3 products).",
            DefaultValueFactory = _ => 5,
        };
        var jsonOption = ModelCommand.JsonOption("Print JSON: GFLOP/s per shape under each backend's name (managed, openblas), their ratio, and training tokens/s.");
        var command = new Command("bench", "Measure GEMM GFLOP/s of each backend and the tiny GPT's training tokens/s.") { secondsOption, jsonOption };
        command.SetAction(parseResult => ModelCommand.Execute(console, () =>
        {
            var seconds = parseResult.GetValue(secondsOption);
            ModelCommand.RequirePositive(seconds, "--seconds");
            var backends = Gemm.Available.Where(b => b is not ReferenceGemm).ToList();
            var json = parseResult.GetValue(jsonOption);
            var result = new JsonObject { ["default_backend"] = Gemm.Default.Name, ["default_description"] = Gemm.Describe() };
            var figures = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            foreach (var backend in backends)
            {
                var byShape = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (name, m, n, k) in Shapes)
                {
                    byShape[name] = GemmBenchmark.Measure(backend, m, n, k, seconds: seconds / 10);
                }

                figures[backend.Name] = byShape;
                result[backend.Name] = new JsonObject(byShape.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 2))));
            }

            if (figures.TryGetValue("managed", out var managed) && figures.TryGetValue("openblas", out var openBlas))
            {
                result["managed_over_openblas"] = new JsonObject(managed.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value / openBlas[p.Key], 3))));
            }

            var training = MeasureTraining(seconds);
            result["training"] = training;
            if (json)
            {
                console.Out.WriteLine(result.ToJsonString(ModelCommand.Indented));
                return 0;
            }

            console.Out.WriteLine(Gemm.Describe());
            console.Out.WriteLine($"{"GFLOP/s",-26}{string.Concat(backends.Select(b => $"{b.Name,12}"))}{(result.ContainsKey("managed_over_openblas") ? $"{"managed/openblas",18}" : "")}");
            foreach (var (name, _, _, _) in Shapes)
            {
                var ratio = result["managed_over_openblas"]?[name]?.GetValue<double>();
                console.Out.WriteLine($"{name,-26}{string.Concat(backends.Select(b => $"{ModelCommand.Text(figures[b.Name][name], "0.0"),12}"))}{(ratio is { } r ? $"{ModelCommand.Text(r, "0.00"),18}" : "")}");
            }

            console.Out.WriteLine(
                $"training: tiny GPT, batch {training["batch"]}, {training["gemm"]}: {ModelCommand.Text(training["tokens_per_second"]!.GetValue<double>(), "0")} tokens/s over {training["steps"]} steps");
            return 0;
        }));
        return command;
    }

    /// <summary>Trains the tiny preset for <paramref name="seconds"/> on a fixed pseudo-random token stream (after two untimed warm-up steps).</summary>
    private static JsonObject MeasureTraining(double seconds)
    {
        const int Batch = 8;
        var config = GptConfig.Tiny;
        var random = new Random(7);
        var tokens = new int[100_000];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = random.Next(config.VocabularySize);
        }

        var parameters = new GptParameters(config);
        parameters.Initialize(1);
        var model = new GptModel(parameters, Gemm.Default);
        var trainer = new GptTrainer(model, tokens, null, new GptTrainingOptions { BatchSize = Batch, ProgressEverySteps = 1_000_000 });
        trainer.TrainStep(1e-3f);
        trainer.TrainStep(1e-3f);
        trainer.TokensSeen = 0;
        var warmSteps = trainer.Step;
        var result = trainer.Train(GptTrainingBudget.Time(TimeSpan.FromSeconds(seconds)));
        return new JsonObject
        {
            ["config"] = "tiny",
            ["gemm"] = model.Gemm.Name,
            ["batch"] = Batch,
            ["sequence_length"] = trainer.Time,
            ["steps"] = result.Steps - warmSteps,
            ["seconds"] = result.Elapsed.TotalSeconds,
            ["tokens_per_second"] = Math.Round(result.TokensPerSecond, 1),
        };
    }
}
