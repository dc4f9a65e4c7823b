using System.Runtime.CompilerServices;
using Bittensor.Models;
using Bittensor.Models.Gpt;
using Bittensor.Models.NGram;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A miner over a local <see cref="ILanguageModel"/> (an n-gram model or a GPT checkpoint), in the standard GPT-2 token
/// ids, so no token translation is needed (spec §4.2). TextCausalLMNext: the model's top k after each batch item;
/// TextCausalLM: the top k after every prefix; TextLastHiddenState: the GPT's final LayerNorm output (an n-gram model
/// has no hidden state, so it does not serve that synapse); TextGeneration: sampled with the request's temperature,
/// top-k and top-p from seed <see cref="GenerationSeed"/>, so the same request gives the same text (as core_server
/// seeds every forward with 0).
/// </summary>
public sealed class LanguageModelBackend : MinerBackend
{
    /// <summary>The sampler's seed for every TextGeneration request.</summary>
    public const ulong GenerationSeed = 0;

    private readonly Gpt2Tokenizer _tokenizer;

    public LanguageModelBackend(ILanguageModel model, Gpt2Tokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _tokenizer = tokenizer ?? Gpt2Tokenizer.Standard;
    }

    public ILanguageModel Model { get; }

    public override string Description => Model.Description;

    public override bool Serves(string synapseName) =>
        base.Serves(synapseName) || (synapseName == TextLastHiddenState.RouteName && Model is GptInference);

    /// <summary>The model's top <paramref name="k"/> after <paramref name="context"/>, through the model's own fast path when it has one.</summary>
    public NextTokenDistribution TopK(ReadOnlySpan<int> context, int k)
    {
        if (context.Length > Model.ContextLength)
        {
            context = context[^Model.ContextLength..];
        }

        return Model switch
        {
            KneserNeyModel ngram => ngram.NextTokenTopK(context, k),
            GptInference gpt => gpt.NextTokenTopK(context, k),
            _ => Model.NextTokenTopK(context, k),
        };
    }

    public override async ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var answers = await Task.Run(() => rows.Select(r => TopK(r, request.Topk)).ToArray(), cancellationToken).ConfigureAwait(false);
        MinerAnswers.Fill(request, answers, MinerAnswers.NextPrefix(rows), Model.VocabularySize);
        return request;
    }

    public override async ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var answers = await Task.Run(
            () =>
            {
                var all = new List<NextTokenDistribution>();
                foreach (var row in rows)
                {
                    for (var i = 1; i <= row.Length; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        all.Add(TopK(row.AsSpan(0, i), request.Topk));
                    }
                }

                return all;
            },
            cancellationToken).ConfigureAwait(false);
        MinerAnswers.Fill(request, answers, MinerAnswers.PositionPrefix(rows), Model.VocabularySize);
        return request;
    }

    /// <remarks>
    /// A sequence longer than the GPT's context is read in consecutive windows of the context length, each from a
    /// fresh start.
    /// </remarks>
    public override async ValueTask<TextLastHiddenState> HiddenStateAsync(TextLastHiddenState request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Model is not GptInference gpt)
        {
            return await base.HiddenStateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var rows = MinerAnswers.Rows(request.TokenIds);
        var sequence = rows.Length == 0 ? 0 : rows[0].Length;
        var width = gpt.Config.EmbeddingSize;
        var hidden = await Task.Run(
            () =>
            {
                var all = new float[rows.Length * sequence * width];
                for (var b = 0; b < rows.Length; b++)
                {
                    for (var start = 0; start < sequence; start += gpt.ContextLength)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var length = Math.Min(gpt.ContextLength, sequence - start);
                        gpt.LastHiddenState(rows[b].AsSpan(start, length), all.AsSpan(((b * sequence) + start) * width, length * width));
                    }
                }

                return all;
            },
            cancellationToken).ConfigureAwait(false);
        request.HiddenStates = SynapseTensor.FromFloat32(hidden, rows.Length, sequence, width);
        return request;
    }

    public override async IAsyncEnumerable<string> GenerateAsync(TextGeneration request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new SamplingOptions { Temperature = (float)request.Temperature, TopK = request.TopK, TopP = (float)request.TopP };
        var prompt = _tokenizer.Encode(request.Prompt ?? string.Empty);
        if (prompt.Length > Model.ContextLength && Model is not GptInference)
        {
            prompt = prompt[^Model.ContextLength..];
        }

        var text = new TokenTextStream(_tokenizer);
        using var tokens = LanguageModels.Generate(Model, prompt, request.MaxTokens, options, GenerationSeed).GetEnumerator();
        while (await Task.Run(tokens.MoveNext, cancellationToken).ConfigureAwait(false))
        {
            var piece = text.Add(tokens.Current);
            if (piece.Length > 0)
            {
                yield return piece;
            }
        }

        var rest = text.Flush();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
