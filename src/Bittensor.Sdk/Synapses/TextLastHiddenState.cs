namespace Bittensor.Sdk.Synapses;

/// <summary>Token ids → the model's last hidden state at every position.</summary>
public sealed class TextLastHiddenState : Synapse
{
    public const string RouteName = nameof(TextLastHiddenState);

    public override string SynapseName => RouteName;

    /// <summary>Request: int64 [batch, sequence].</summary>
    public SynapseTensor? TokenIds { get; set; }

    /// <summary>Response: float32 [batch, sequence, hidden], finite.</summary>
    public SynapseTensor? HiddenStates { get; set; }

    protected internal override IEnumerable<string> HashFieldValues() => [TokenIds?.PythonRepr() ?? "None"];

    protected internal override IEnumerable<(string Field, string EmptyJson)> RequiredFields() => [("token_ids", "{}")];

    protected internal override void RestoreRequestFields(Synapse request)
    {
        if (request is TextLastHiddenState r)
        {
            TokenIds = r.TokenIds;
        }
    }

    public override void ValidateRequest(SynapseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RequireTokens(TokenIds, "token_ids", limits);
    }

    public override void ValidateResponse(SynapseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (HiddenStates is null)
        {
            throw new SynapseException("the response lacks hidden_states");
        }

        HiddenStates.Validate("hidden_states", TensorDtype.Float32, 3, limits.MaxTensorElements);
        var shape = HiddenStates.Shape;
        if (TokenIds is not { Shape.Length: 2 } t || shape[0] != t.Shape[0] || shape[1] != t.Shape[1] || shape[2] < 1 || shape[2] > limits.MaxHiddenSize)
        {
            throw new SynapseException($"hidden_states: shape [{string.Join(", ", shape)}] does not match the request's [batch, sequence] with 1 ≤ hidden ≤ {limits.MaxHiddenSize}");
        }

        foreach (var value in HiddenStates.ToFloat32())
        {
            if (!float.IsFinite(value))
            {
                throw new SynapseException("hidden_states holds a NaN or an infinity");
            }
        }
    }
}
