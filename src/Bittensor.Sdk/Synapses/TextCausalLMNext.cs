namespace Bittensor.Sdk.Synapses;

/// <summary>
/// Context token ids → the top-k next tokens with their probabilities and the floor probability (the probability of
/// each token outside the top k), per batch item: responses are [batch, k] and [batch]. GPT-2 token ids travel
/// directly, rather than §2A's phrase encoding: both ends share the tokenizer. k defaults to §2A's 4096.
/// </summary>
public sealed class TextCausalLMNext() : TopKSynapse(4096)
{
    public const string RouteName = nameof(TextCausalLMNext);

    public override string SynapseName => RouteName;

    protected override long[] ResponsePrefix() => [TokenIds?.Shape[0] ?? 0];
}
