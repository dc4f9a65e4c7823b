using Bittensor.Models;
using Bittensor.Models.Corpus;
using Bittensor.Models.Sampling;
using Bittensor.Models.Tokenization;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A test miner that ignores its input: every next-token answer is the unigram distribution of a corpus's train split
/// (the default corpus unless told otherwise), the same for every request and position, and generation samples from
/// it. Better than noise, but context-free; a validator must rank it below any real model.
/// </summary>
public sealed class ConstantBackend : MinerBackend
{
    private readonly float[] _frequencies;

    /// <param name="frequencies">Probability of every GPT-2 id (the vocabulary's length).</param>
    /// <param name="source">Where the frequencies came from, for the description.</param>
    public ConstantBackend(float[] frequencies, string source)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        _frequencies = frequencies;
        Source = source;
    }

    public string Source { get; }

    public override string Description => $"constant (unigram frequencies of {Source})";

    /// <summary>Unigram frequencies of the train split of <paramref name="corpus"/> in standard tokens.</summary>
    public static ConstantBackend FromCorpus(TextCorpus corpus, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tokens = corpus.Tokenize(CorpusPart.Train, cacheDirectory: cacheDirectory);
        if (tokens.Length == 0)
        {
            throw new InvalidDataException($"The corpus {corpus.Name} has no training text to count unigrams in.");
        }

        return new ConstantBackend(UnigramFrequencies(tokens), corpus.Name);
    }

    /// <summary>Count of every id divided by the number of tokens.</summary>
    public static float[] UnigramFrequencies(ReadOnlySpan<int> tokens)
    {
        var counts = new long[Gpt2Tokenizer.Gpt2VocabularySize];
        foreach (var t in tokens)
        {
            counts[t]++;
        }

        var total = (double)tokens.Length;
        return [.. counts.Select(c => (float)(c / total))];
    }

    /// <summary>The top <paramref name="k"/> of the unigram distribution.</summary>
    public NextTokenDistribution TopK(int k) => LanguageModelExtensions.TopK(_frequencies, k);

    public override ValueTask<TextCausalLMNext> NextAsync(TextCausalLMNext request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var answer = TopK(request.Topk);
        MinerAnswers.Fill(request, [.. rows.Select(_ => answer)], MinerAnswers.NextPrefix(rows), _frequencies.Length);
        return ValueTask.FromResult(request);
    }

    public override ValueTask<TextCausalLM> CausalLMAsync(TextCausalLM request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = MinerAnswers.Rows(request.TokenIds);
        var answer = TopK(request.Topk);
        MinerAnswers.Fill(request, [.. rows.SelectMany(r => r.Select(_ => answer))], MinerAnswers.PositionPrefix(rows), _frequencies.Length);
        return ValueTask.FromResult(request);
    }

    public override IAsyncEnumerable<string> GenerateAsync(TextGeneration request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var logits = _frequencies.Select(f => MathF.Log(f)).ToArray();
        var sampler = new Sampler(new SamplingOptions { Temperature = (float)request.Temperature, TopK = request.TopK, TopP = (float)request.TopP }, LanguageModelBackend.GenerationSeed);
        var text = new TokenTextStream(Gpt2Tokenizer.Standard);
        var pieces = new List<string>();
        for (var i = 0; i < request.MaxTokens; i++)
        {
            var token = sampler.Next(logits);
            if (token == Gpt2Tokenizer.Gpt2EndOfText)
            {
                break;
            }

            pieces.Add(text.Add(token));
        }

        pieces.Add(text.Flush());
        return pieces.Where(p => p.Length > 0).ToAsyncEnumerable();
    }
}
