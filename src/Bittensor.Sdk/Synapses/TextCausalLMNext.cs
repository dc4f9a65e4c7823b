using System.Globalization;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// Context token ids → the top-k next tokens with their probabilities and the floor probability (the probability of
/// each token outside the top k), per batch item. GPT-2 token ids travel directly, rather than §2A's phrase encoding:
/// both ends share the tokenizer.
/// </summary>
public sealed class TextCausalLMNext : Synapse
{
    public const string RouteName = nameof(TextCausalLMNext);

    public override string SynapseName => RouteName;

    /// <summary>Request: int64 [batch, sequence].</summary>
    public SynapseTensor? TokenIds { get; set; }

    /// <summary>Request: how many tokens to return (§2A's default 4096).</summary>
    public int Topk { get; set; } = 4096;

    /// <summary>Response: int64 [batch, k], most probable first.</summary>
    public SynapseTensor? TopkTokenIds { get; set; }

    /// <summary>Response: float32 [batch, k].</summary>
    public SynapseTensor? TopkProbabilities { get; set; }

    /// <summary>Response: float32 [batch]: (1 − Σ top-k) / (vocabulary − k).</summary>
    public SynapseTensor? FloorProbabilities { get; set; }

    protected internal override IEnumerable<string> HashFieldValues() =>
        [TokenIds?.PythonRepr() ?? "None", Topk.ToString(CultureInfo.InvariantCulture)];

    protected internal override IEnumerable<(string Field, string EmptyJson)> RequiredFields() => [("token_ids", "{}")];

    protected internal override void RestoreRequestFields(Synapse request)
    {
        if (request is TextCausalLMNext r)
        {
            TokenIds = r.TokenIds;
            Topk = r.Topk;
        }
    }

    public override void ValidateRequest(SynapseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RequireTokens(TokenIds, "token_ids", limits);
        RequireTopK(Topk, limits);
    }

    public override void ValidateResponse(SynapseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RequireTopKResponse(TopkTokenIds, TopkProbabilities, FloorProbabilities, [TokenIds?.Shape[0] ?? 0], Topk, limits);
    }
}
