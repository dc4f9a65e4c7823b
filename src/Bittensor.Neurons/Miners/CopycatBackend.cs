using System.Runtime.CompilerServices;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A test miner that does no work: it forwards every request, signed with its own hotkey, to the axon of
/// <see cref="TargetUid"/> on the same subnet (found in the miner's current metagraph) and returns that axon's answer
/// as its own. A validator must not pay twice for one model's answers.
/// </summary>
public sealed class CopycatBackend : MinerBackend
{
    /// <summary>Time kept back from the caller's timeout for the copy itself.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    private readonly DendriteClient _dendrite;
    private readonly Func<Metagraph?> _metagraph;

    /// <param name="targetUid">The miner to copy.</param>
    /// <param name="dendrite">Signs the forwarded requests (the miner's own hotkey, registered on the subnet).</param>
    /// <param name="metagraph">The miner's latest metagraph, read at every request.</param>
    public CopycatBackend(ushort targetUid, DendriteClient dendrite, Func<Metagraph?> metagraph)
    {
        ArgumentNullException.ThrowIfNull(dendrite);
        ArgumentNullException.ThrowIfNull(metagraph);
        TargetUid = targetUid;
        _dendrite = dendrite;
        _metagraph = metagraph;
    }

    public ushort TargetUid { get; }

    public override string Description => $"copycat of uid {TargetUid}";

    public override bool Serves(string synapseName) => base.Serves(synapseName) || synapseName == TextLastHiddenState.RouteName;

    public override async ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken) =>
        await CopyTopKAsync(request, cancellationToken).ConfigureAwait(false);

    public override async ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken) =>
        await CopyTopKAsync(request, cancellationToken).ConfigureAwait(false);

    public override async ValueTask<TextLastHiddenState> HiddenStateAsync(TextLastHiddenState request, CancellationToken cancellationToken)
    {
        var answer = await CopyAsync(request, cancellationToken).ConfigureAwait(false);
        request.HiddenStates = answer.HiddenStates;
        return request;
    }

    public override async IAsyncEnumerable<string> GenerateAsync(TextGeneration request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var copy = new TextGeneration
        {
            Prompt = request.Prompt,
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            TopK = request.TopK,
        };
        await foreach (var piece in _dendrite.StreamAsync(Target(), copy, Budget(request), cancellationToken).ConfigureAwait(false))
        {
            yield return piece;
        }
    }

    /// <summary>Fills <paramref name="request"/>'s top-k answer (ids, probabilities, floor) with the copied miner's.</summary>
    private async Task<T> CopyTopKAsync<T>(T request, CancellationToken cancellationToken)
        where T : TopKSynapse
    {
        var answer = await CopyAsync(request, cancellationToken).ConfigureAwait(false);
        request.TopkTokenIds = answer.TopkTokenIds;
        request.TopkProbabilities = answer.TopkProbabilities;
        request.FloorProbabilities = answer.FloorProbabilities;
        return request;
    }

    private async Task<T> CopyAsync<T>(T request, CancellationToken cancellationToken)
        where T : Synapse
    {
        ArgumentNullException.ThrowIfNull(request);
        var copy = SynapseJson.Deserialize<T>(SynapseJson.Serialize(request));
        var result = await _dendrite.CallAsync(Target(), copy, Budget(request), cancellationToken).ConfigureAwait(false);
        return result.Response ?? throw new InvalidOperationException($"uid {TargetUid} did not answer the copied {request.SynapseName}: {result.Outcome} {result.StatusCode} {result.Message}");
    }

    private AxonTarget Target()
    {
        var metagraph = _metagraph() ?? throw new InvalidOperationException("The copycat has no metagraph yet.");
        if (TargetUid >= metagraph.N || !metagraph.Axons[TargetUid].IsServing)
        {
            throw new InvalidOperationException($"uid {TargetUid} does not serve an axon on subnet {metagraph.Netuid}; nothing to copy.");
        }

        return AxonTarget.FromAxonInfo(metagraph.Axons[TargetUid], metagraph.Info.Hotkeys[TargetUid]);
    }

    private static TimeSpan Budget(Synapse request)
    {
        var seconds = TimeSpan.FromSeconds(request.Timeout) - Margin;
        return seconds > TimeSpan.FromMilliseconds(100) ? seconds : TimeSpan.FromMilliseconds(100);
    }
}
