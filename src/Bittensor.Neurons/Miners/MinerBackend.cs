using System.Runtime.CompilerServices;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// What a miner answers with: one forward function per text synapse. A backend that cannot give what a synapse needs
/// does not serve it (<see cref="Serves"/>), so the axon refuses that route with 404 and the list of routes it does
/// serve, instead of answering with something made up.
/// </summary>
public abstract class MinerBackend : IAsyncDisposable
{
    /// <summary>A one-line description for the miner's log.</summary>
    public abstract string Description { get; }

    /// <summary>Whether this backend answers the synapse named <paramref name="synapseName"/> (its route).</summary>
    public virtual bool Serves(string synapseName) => synapseName is TextCausalLMNext.RouteName or TextCausalLM.RouteName or TextGeneration.RouteName;

    /// <summary>The axon settings this backend needs (a test miner that sends malformed answers switches response checks off).</summary>
    public virtual AxonOptions ConfigureAxon(AxonOptions options) => options;

    /// <summary>Fills the top-k next tokens of every batch item.</summary>
    public abstract ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken);

    /// <summary>Fills the top-k next tokens at every position.</summary>
    public virtual ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Description} does not answer {TextCausalLM.RouteName}.");

    /// <summary>Fills the last hidden state at every position.</summary>
    public virtual ValueTask<TextLastHiddenState> HiddenStateAsync(TextLastHiddenState request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Description} has no hidden states.");

    /// <summary>The generated text, piece by piece.</summary>
    public virtual IAsyncEnumerable<string> GenerateAsync(TextGeneration request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Description} does not generate text.");

    /// <summary>
    /// Attaches a route to <paramref name="axon"/> for every synapse this backend serves. A forward function that fails
    /// is reported to <paramref name="onError"/> (synapse name and exception) before the axon answers 500.
    /// </summary>
    public virtual void Attach(AxonServer axon, Action<string, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(axon);
        axon.Attach<TextCausalLMNext>((s, ct) => Guard(TextCausalLMNext.RouteName, s, NextAsync, onError, ct));
        if (Serves(TextCausalLM.RouteName))
        {
            axon.Attach<TextCausalLM>((s, ct) => Guard(TextCausalLM.RouteName, s, CausalLMAsync, onError, ct));
        }

        if (Serves(TextLastHiddenState.RouteName))
        {
            axon.Attach<TextLastHiddenState>((s, ct) => Guard(TextLastHiddenState.RouteName, s, HiddenStateAsync, onError, ct));
        }

        if (Serves(TextGeneration.RouteName))
        {
            axon.AttachStreaming((s, ct) => GuardStream(s, onError, ct));
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static async ValueTask<T> Guard<T>(string name, T synapse, Func<T, CancellationToken, ValueTask<T>> forward, Action<string, Exception>? onError, CancellationToken cancellationToken)
    {
        try
        {
            return await forward(synapse, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            onError?.Invoke(name, e);
            throw;
        }
    }

    private async IAsyncEnumerable<string> GuardStream(TextGeneration synapse, Action<string, Exception>? onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pieces = GenerateAsync(synapse, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await pieces.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                onError?.Invoke(TextGeneration.RouteName, e);
                throw;
            }

            yield return pieces.Current;
        }
    }
}
