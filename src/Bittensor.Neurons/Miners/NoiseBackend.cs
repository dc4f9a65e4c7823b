using System.Runtime.CompilerServices;
using Bittensor.Models;
using Bittensor.Models.Tokenization;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A test miner that knows nothing: every answer is a fresh random distribution (k distinct random ids, random
/// weights, a random share of the mass in the top k), random hidden states and random tokens. Valid answers, worth
/// nothing; a validator must not reward it.
/// </summary>
public sealed class NoiseBackend : MinerBackend
{
    /// <summary>Width of the random hidden states.</summary>
    public const int HiddenSize = 64;

    private const int Vocabulary = Gpt2Tokenizer.Gpt2VocabularySize;

    public override string Description => "noise (random distributions)";

    public override bool Serves(string synapseName) => base.Serves(synapseName) || synapseName == TextLastHiddenState.RouteName;

    /// <summary>A random distribution over <paramref name="k"/> distinct ids.</summary>
    public static NextTokenDistribution Draw(int k)
    {
        var random = Random.Shared;
        k = Math.Clamp(k, 1, Vocabulary);
        var drawn = new HashSet<int>();
        while (drawn.Count < k)
        {
            drawn.Add(random.Next(Vocabulary));
        }

        var ids = drawn.ToArray();
        var weights = ids.Select(_ => random.NextSingle() + 1e-3f).ToArray();
        var inside = 0.5f + (0.5f * random.NextSingle());
        var sum = weights.Sum();
        var probabilities = weights.Select(w => w / sum * inside).ToArray();
        var order = Enumerable.Range(0, k).OrderByDescending(i => probabilities[i]).ToArray();
        var total = probabilities.Sum();
        return new NextTokenDistribution([.. order.Select(i => ids[i])], [.. order.Select(i => probabilities[i])], Math.Max(0, 1 - total));
    }

    public override ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        MinerAnswers.Fill(request, [.. rows.Select(_ => Draw(request.Topk))], MinerAnswers.NextPrefix(rows), Vocabulary);
        return ValueTask.FromResult(request);
    }

    public override ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        MinerAnswers.Fill(request, [.. rows.SelectMany(r => r.Select(_ => Draw(request.Topk)))], MinerAnswers.PositionPrefix(rows), Vocabulary);
        return ValueTask.FromResult(request);
    }

    public override ValueTask<TextLastHiddenState> HiddenStateAsync(TextLastHiddenState request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var sequence = rows.Length == 0 ? 0 : rows[0].Length;
        var values = new float[rows.Length * sequence * HiddenSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (Random.Shared.NextSingle() * 2) - 1;
        }

        request.HiddenStates = SynapseTensor.FromFloat32(values, rows.Length, sequence, HiddenSize);
        return ValueTask.FromResult(request);
    }

    public override async IAsyncEnumerable<string> GenerateAsync(TextGeneration request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new TokenTextStream(Gpt2Tokenizer.Standard);
        for (var i = 0; i < request.MaxTokens; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var piece = text.Add(Random.Shared.Next(Gpt2Tokenizer.Gpt2EndOfText));
            if (piece.Length > 0)
            {
                yield return piece;
            }
        }

        await Task.Yield();
        yield return text.Flush();
    }
}
