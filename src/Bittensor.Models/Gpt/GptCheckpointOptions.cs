namespace Bittensor.Models.Gpt;

/// <summary>How <see cref="GptCheckpoint.Load"/> reads a file.</summary>
public sealed record GptCheckpointOptions
{
    /// <summary>
    /// The attention head count when the file's metadata does not give one (GPT-2 files converted by common tools
    /// carry none, and shapes cannot tell it). Overrides the metadata when set. Without either, the loader assumes
    /// GPT-2's 64-wide heads: embedding/64 (12 for 768).
    /// </summary>
    public int? Heads { get; init; }

    /// <summary>Whether tensors that are not model weights (optimizer state and the like) are read. Default true.</summary>
    public bool LoadExtraTensors { get; init; } = true;
}
