using Bittensor.Models.Gpt;

namespace Bittensor.Cli.Commands.Model;

/// <summary>
/// A resumable GPT training checkpoint as <c>btcli model train</c> writes it: the weights, the restricted vocabulary if
/// any, and the trainer state (<see cref="GptCheckpoint.SaveTraining"/>), plus the run's settings and held-out history
/// under <c>btcli.</c> metadata keys.
/// </summary>
internal sealed record TrainingCheckpoint(GptParameters Parameters, GptTrainerState? State, IReadOnlyDictionary<string, string> Metadata)
{
    public const string ConfigKey = "btcli.config";
    public const string SeedKey = "btcli.seed";
    public const string BatchKey = "btcli.batch";
    public const string HistoryKey = "btcli.held_out_history";

    /// <summary>Writes the trainer's model and state to <paramref name="path"/>, replacing the file only once the new one is complete.</summary>
    public static void Save(string path, GptTrainer trainer, IReadOnlyDictionary<string, string> metadata) =>
        GptCheckpoint.SaveTraining(path, trainer, metadata);

    /// <summary>Reads a checkpoint; <see cref="State"/> is null when the file holds weights only.</summary>
    public static TrainingCheckpoint Load(string path)
    {
        var checkpoint = GptCheckpoint.Load(path);
        return new TrainingCheckpoint(checkpoint.Parameters, checkpoint.TrainerState, checkpoint.Metadata);
    }
}
