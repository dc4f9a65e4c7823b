namespace Bittensor.Sdk.Synapses;

/// <summary>
/// Bounds both ends enforce on the text synapses: a request or response outside them is refused with a message
/// naming the field, before a forward function runs (axon) or before the caller sees it (dendrite).
/// </summary>
public sealed record SynapseLimits
{
    /// <summary>Most elements in any one tensor.</summary>
    public long MaxTensorElements { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most token ids in a request (batch × sequence).</summary>
    public long MaxRequestTokens { get; init; } = 64 * 1024;

    /// <summary>Token ids must be below this (GPT-2's vocabulary plus one, the Nakamoto constant).</summary>
    public long VocabularySize { get; init; } = 50258;

    /// <summary>Largest top-k a request may ask for.</summary>
    public int MaxTopK { get; init; } = 4096;

    /// <summary>Largest hidden size a TextLastHiddenState response may carry.</summary>
    public int MaxHiddenSize { get; init; } = 16384;

    /// <summary>Longest TextGeneration prompt, in UTF-16 code units.</summary>
    public int MaxPromptLength { get; init; } = 64 * 1024;

    /// <summary>Most tokens a TextGeneration request may ask for.</summary>
    public int MaxGenerationTokens { get; init; } = 4096;

    /// <summary>Slack on "probabilities sum to at most 1".</summary>
    public double ProbabilityTolerance { get; init; } = 1e-3;

    public static SynapseLimits Default { get; } = new();
}
