using System.Globalization;
using Bittensor.Models.Gpt;

namespace Bittensor.Cli.Commands.Model;

/// <summary>
/// A resumable GPT training checkpoint as <c>btcli model train</c> writes it: the weights and the trainer state
/// (<see cref="GptCheckpoint"/>), plus the run's settings and held-out history under <c>btcli.</c> metadata keys.
/// </summary>
internal sealed record TrainingCheckpoint(GptParameters Parameters, GptTrainerState? State, IReadOnlyDictionary<string, string> Metadata)
{
    public const string ConfigKey = "btcli.config";
    public const string SeedKey = "btcli.seed";
    public const string BatchKey = "btcli.batch";
    public const string HistoryKey = "btcli.held_out_history";

    private const string StepKey = "optimizer.step";
    private const string TokensSeenKey = "trainer.tokens_seen";
    private const string TrainedTicksKey = "trainer.trained_ticks";
    private const string FirstMoments = "optimizer.m.";
    private const string SecondMoments = "optimizer.v.";

    /// <summary>Writes the trainer's model and state to <paramref name="path"/>, replacing the file only once the new one is complete.</summary>
    public static void Save(string path, GptTrainer trainer, IReadOnlyDictionary<string, string> metadata)
    {
        var state = trainer.ExportState();
        var parameters = trainer.Model.Parameters;
        var header = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [StepKey] = state.Optimizer.Step.ToString(CultureInfo.InvariantCulture),
            [TokensSeenKey] = state.TokensSeen.ToString(CultureInfo.InvariantCulture),
            [TrainedTicksKey] = state.TrainedTime.Ticks.ToString(CultureInfo.InvariantCulture),
        };
        var extra = GptCheckpoint.SplitByParameter(FirstMoments, parameters, state.Optimizer.M);
        foreach (var (name, values) in GptCheckpoint.SplitByParameter(SecondMoments, parameters, state.Optimizer.V))
        {
            extra.Add(name, values);
        }

        GptCheckpoint.Save(path, parameters, header, extra);
    }

    /// <summary>Reads a checkpoint; <see cref="State"/> is null when the file holds weights only.</summary>
    public static TrainingCheckpoint Load(string path)
    {
        var checkpoint = GptCheckpoint.Load(path);
        var parameters = checkpoint.Parameters;
        GptTrainerState? state = null;
        if (checkpoint.Metadata.TryGetValue(StepKey, out var stepText))
        {
            var m = new float[parameters.Count];
            var v = new float[parameters.Count];
            if (GptCheckpoint.TryGatherByParameter(checkpoint.ExtraTensors, FirstMoments, parameters, m) &&
                GptCheckpoint.TryGatherByParameter(checkpoint.ExtraTensors, SecondMoments, parameters, v))
            {
                state = new GptTrainerState(
                    new AdamW.State(Long(checkpoint.Metadata, StepKey, stepText, path), m, v),
                    checkpoint.Metadata.TryGetValue(TokensSeenKey, out var tokens) ? Long(checkpoint.Metadata, TokensSeenKey, tokens, path) : 0,
                    TimeSpan.FromTicks(checkpoint.Metadata.TryGetValue(TrainedTicksKey, out var ticks) ? Long(checkpoint.Metadata, TrainedTicksKey, ticks, path) : 0));
            }
        }

        return new TrainingCheckpoint(parameters, state, checkpoint.Metadata);
    }

    private static long Long(IReadOnlyDictionary<string, string> metadata, string key, string text, string path) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}: metadata '{key}' is '{metadata[key]}', not a non-negative integer; the checkpoint is damaged.");
}
