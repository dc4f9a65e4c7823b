using System.Globalization;

namespace Bittensor.Sdk.Synapses;

/// <summary>Token ids → the top-k next tokens at every position, with probabilities and a floor per position.</summary>
public sealed class TextCausalLM : Synapse
{
    public const string RouteName = nameof(TextCausalLM);

    public override string SynapseName => RouteName;

    /// <summary>Request: int64 [batch, sequence].</summary>
    public SynapseTensor? TokenIds { get; set; }

    /// <summary>Request: how many tokens per position (§2A's default 512).</summary>
    public int Topk { get; set; } = 512;

    /// <summary>Response: int64 [batch, sequence, k].</summary>
    public SynapseTensor? TopkTokenIds { get; set; }

    /// <summary>Response: float32 [batch, sequence, k].</summary>
    public SynapseTensor? TopkProbabilities { get; set; }

    /// <summary>Response: float32 [batch, sequence].</summary>
    public SynapseTensor? FloorProbabilities { get; set; }

    protected internal override IEnumerable<string> HashFieldValues() =>
        [TokenIds?.PythonRepr() ?? "None", Topk.ToString(CultureInfo.InvariantCulture)];

    protected internal override IEnumerable<(string Field, string EmptyJson)> RequiredFields() => [("token_ids", "{}")];

    protected internal override void RestoreRequestFields(Synapse request)
    {
        if (request is TextCausalLM r)
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
        long[] prefix = TokenIds is { Shape.Length: 2 } t ? [t.Shape[0], t.Shape[1]] : [0, 0];
        RequireTopKResponse(TopkTokenIds, TopkProbabilities, FloorProbabilities, prefix, Topk, limits);
    }
}
