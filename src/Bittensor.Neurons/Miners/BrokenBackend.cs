using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A test miner whose answers break the synapses' rules, in turn: token ids outside the vocabulary with probabilities
/// summing past 1, tensors of the wrong shape, tensor buffers that are not base64; hidden states full of NaN;
/// TextGeneration without a completion (and a plain JSON body where a stream was asked for). Its axon sends them
/// unchecked, so callers see status 200 with an invalid body.
/// </summary>
public sealed class BrokenBackend : MinerBackend
{
    private int _calls;

    public override string Description => "broken (malformed responses)";

    public override bool Serves(string synapseName) => base.Serves(synapseName) || synapseName == TextLastHiddenState.RouteName;

    public override AxonOptions ConfigureAxon(AxonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { CheckResponses = false };
    }

    public override void Attach(AxonServer axon, Action<string, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(axon);
        axon.Attach<TextCausalLMNext>(NextAsync);
        axon.Attach<TextCausalLM>(CausalLMAsync);
        axon.Attach<TextLastHiddenState>(HiddenStateAsync);
        axon.Attach<TextGeneration>((s, _) =>
        {
            s.Completion = null;
            return ValueTask.FromResult(s);
        });
    }

    public override ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Break(request, MinerAnswers.NextPrefix(MinerAnswers.Rows(request.TokenIds)));
        return ValueTask.FromResult(request);
    }

    public override ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Break(request, MinerAnswers.PositionPrefix(MinerAnswers.Rows(request.TokenIds)));
        return ValueTask.FromResult(request);
    }

    public override ValueTask<TextLastHiddenState> HiddenStateAsync(TextLastHiddenState request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var sequence = rows.Length == 0 ? 0 : rows[0].Length;
        var values = new float[rows.Length * sequence * 8];
        Array.Fill(values, float.NaN);
        request.HiddenStates = SynapseTensor.FromFloat32(values, rows.Length, sequence, 8);
        return ValueTask.FromResult(request);
    }

    private void Break(TopKSynapse synapse, long[] prefix)
    {
        var rows = (int)prefix.Aggregate(1L, (a, d) => a * d);
        var k = Math.Max(1, synapse.Topk);
        switch (Interlocked.Increment(ref _calls) % 3)
        {
            case 0:
                // Ids past the vocabulary, and every row's probabilities add up to about 0.9 k.
                synapse.TopkTokenIds = SynapseTensor.FromInt64([.. Enumerable.Range(0, rows * k).Select(i => 60_000L + i)], [.. prefix, k]);
                synapse.TopkProbabilities = SynapseTensor.FromFloat32([.. Enumerable.Repeat(0.9f, rows * k)], [.. prefix, k]);
                synapse.FloorProbabilities = SynapseTensor.FromFloat32(new float[rows], prefix);
                break;
            case 1:
                // One row too few.
                synapse.TopkTokenIds = SynapseTensor.FromInt64(new long[(rows + 1) * k], rows + 1, k);
                synapse.TopkProbabilities = SynapseTensor.FromFloat32(new float[rows * k], rows, k);
                synapse.FloorProbabilities = SynapseTensor.FromFloat32(new float[rows], rows);
                break;
            default:
                synapse.TopkTokenIds = new SynapseTensor { Buffer = "not base64!", Dtype = "torch.int64", Shape = [.. prefix, k] };
                synapse.TopkProbabilities = new SynapseTensor { Buffer = "%%%", Dtype = "torch.float32", Shape = [.. prefix, k] };
                synapse.FloorProbabilities = new SynapseTensor { Buffer = string.Empty, Dtype = "torch.float32", Shape = prefix };
                break;
        }
    }
}
