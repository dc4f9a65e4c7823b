using System.Globalization;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// Prompt → generated text. With <see cref="Stream"/> the axon answers <c>text/event-stream</c>: one
/// <c>data: "&lt;chunk&gt;"</c> event per piece of text (a JSON string), then an <c>event: done</c> whose data is the
/// final synapse (or an <c>event: error</c> with <c>{"message": …}</c>).
/// </summary>
public sealed class TextGeneration : Synapse
{
    public const string RouteName = nameof(TextGeneration);

    public override string SynapseName => RouteName;

    /// <summary>Request: the text to continue.</summary>
    public string? Prompt { get; set; }

    /// <summary>Request: most tokens to generate.</summary>
    public int MaxTokens { get; set; } = 64;

    /// <summary>Request: sampling temperature (0 = greedy).</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Request: nucleus mass (1 = off).</summary>
    public double TopP { get; set; } = 1.0;

    /// <summary>Request: keep the k most probable tokens (0 = off).</summary>
    public int TopK { get; set; }

    /// <summary>Request: answer as an event stream.</summary>
    public bool Stream { get; set; }

    /// <summary>Response: the generated text.</summary>
    public string? Completion { get; set; }

    protected internal override IEnumerable<string> HashFieldValues() =>
        [Prompt ?? "None", MaxTokens.ToString(CultureInfo.InvariantCulture)];

    protected internal override IEnumerable<(string Field, string EmptyJson)> RequiredFields() => [("prompt", "\"\"")];

    protected internal override void RestoreRequestFields(Synapse request)
    {
        if (request is TextGeneration r)
        {
            Prompt = r.Prompt;
            MaxTokens = r.MaxTokens;
        }
    }

    public override void ValidateRequest(SynapseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RequireLength(Prompt, "prompt", limits.MaxPromptLength);
        if (MaxTokens < 1 || MaxTokens > limits.MaxGenerationTokens)
        {
            throw new SynapseException($"max_tokens {MaxTokens} is outside [1, {limits.MaxGenerationTokens}]");
        }

        if (!(Temperature >= 0 && Temperature <= 100) || !(TopP > 0 && TopP <= 1) || TopK < 0)
        {
            throw new SynapseException("temperature must be in [0, 100], top_p in (0, 1] and top_k at least 0");
        }
    }

    public override void ValidateResponse(SynapseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RequireLength(Completion, "completion", limits.MaxPromptLength + (limits.MaxGenerationTokens * 64));
    }
}
