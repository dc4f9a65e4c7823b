using System.Runtime.CompilerServices;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A test miner that answers too late: every request waits the caller's own timeout plus <see cref="Overshoot"/>, then
/// gets <see cref="Inner"/>'s answer, so the caller always sees a timeout (the axon cuts the request at its timeout and
/// answers 408).
/// </summary>
public sealed class SlowBackend(MinerBackend inner) : MinerBackend
{
    /// <summary>How long past the caller's timeout the answer comes.</summary>
    public static readonly TimeSpan Overshoot = TimeSpan.FromSeconds(1);

    public MinerBackend Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public override string Description => $"slow ({Inner.Description}, answered after the caller's timeout)";

    public override bool Serves(string synapseName) => Inner.Serves(synapseName);

    public override AxonOptions ConfigureAxon(AxonOptions options) => Inner.ConfigureAxon(options);

    public override async ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken)
    {
        await WaitAsync(request, cancellationToken).ConfigureAwait(false);
        return await Inner.NextAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken)
    {
        await WaitAsync(request, cancellationToken).ConfigureAwait(false);
        return await Inner.CausalLMAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<TextLastHiddenState> HiddenStateAsync(TextLastHiddenState request, CancellationToken cancellationToken)
    {
        await WaitAsync(request, cancellationToken).ConfigureAwait(false);
        return await Inner.HiddenStateAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public override async IAsyncEnumerable<string> GenerateAsync(TextGeneration request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await WaitAsync(request, cancellationToken).ConfigureAwait(false);
        await foreach (var piece in Inner.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return piece;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static Task WaitAsync(Synapse request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.Delay(TimeSpan.FromSeconds(request.Timeout) + Overshoot, cancellationToken);
    }
}
