namespace Bittensor.Sdk.Synapses;

/// <summary>
/// Token ids → the top-k next tokens at every position, with probabilities and a floor per position: responses are
/// [batch, sequence, k] and [batch, sequence]. k defaults to §2A's 512.
/// </summary>
public sealed class TextCausalLM() : TopKSynapse(512)
{
    public const string RouteName = nameof(TextCausalLM);

    public override string SynapseName => RouteName;

    protected override long[] ResponsePrefix() => TokenIds is { Shape.Length: 2 } t ? [t.Shape[0], t.Shape[1]] : [0, 0];
}
