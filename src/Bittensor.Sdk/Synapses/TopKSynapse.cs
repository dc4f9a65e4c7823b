using System.Globalization;

namespace Bittensor.Sdk.Synapses;

/// <summary>
/// What <see cref="TextCausalLMNext"/> and <see cref="TextCausalLM"/> share: token ids in, the top-k token ids with
/// their probabilities and a floor out. They differ in the default k and in the leading shape of the response (per
/// batch item, or per batch item and position).
/// </summary>
public abstract class TopKSynapse : Synapse
{
    protected TopKSynapse(int defaultTopk) => Topk = defaultTopk;

    /// <summary>Request: int64 [batch, sequence].</summary>
    public SynapseTensor? TokenIds { get; set; }

    /// <summary>Request: how many tokens to return (per position for <see cref="TextCausalLM"/>).</summary>
    public int Topk { get; set; }

    /// <summary>Response: int64 [leading shape…, k], most probable first.</summary>
    public SynapseTensor? TopkTokenIds { get; set; }

    /// <summary>Response: float32 [leading shape…, k].</summary>
    public SynapseTensor? TopkProbabilities { get; set; }

    /// <summary>Response: float32 [leading shape…]: (1 − Σ top-k) / (vocabulary − k).</summary>
    public SynapseTensor? FloorProbabilities { get; set; }

    /// <summary>The leading dimensions every response tensor must have, read off the request's token ids.</summary>
    protected abstract long[] ResponsePrefix();

    protected internal override IEnumerable<string> HashFieldValues() =>
        [TokenIds?.PythonRepr() ?? "None", Topk.ToString(CultureInfo.InvariantCulture)];

    protected internal override IEnumerable<(string Field, string EmptyJson)> RequiredFields() => [("token_ids", "{}")];

    protected internal override void RestoreRequestFields(Synapse request)
    {
        if (request is TopKSynapse r && r.GetType() == GetType())
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
        RequireTopKResponse(TopkTokenIds, TopkProbabilities, FloorProbabilities, ResponsePrefix(), Topk, limits);
    }
}
