namespace Bittensor.Models;

/// <summary>
/// A model over the standard (GPT-2) token ids that answers "what comes next?". Implemented by the n-gram baseline
/// and the GPT; miners serve it and evaluation measures it.
/// </summary>
public interface ILanguageModel
{
    /// <summary>A one-line description for logs: kind, size, vocabulary.</summary>
    string Description { get; }

    /// <summary>The number of token ids the model distributes probability over (50257 for GPT-2's vocabulary).</summary>
    int VocabularySize { get; }

    /// <summary>The most context tokens the model looks at; longer contexts are cut to their last tokens.</summary>
    int ContextLength { get; }

    /// <summary>
    /// Writes the probability of every token id following <paramref name="context"/> into
    /// <paramref name="probabilities"/> (length <see cref="VocabularySize"/>); the values are non-negative and sum
    /// to 1 within float rounding.
    /// </summary>
    void NextTokenProbabilities(ReadOnlySpan<int> context, Span<float> probabilities);

    /// <summary>
    /// The mean negative log-likelihood in nats per token of <paramref name="tokens"/>[1..]. Models with a faster
    /// evaluation (the n-gram's direct lookups, the GPT's windows) implement it; the default is the generic per-token
    /// definition, <see cref="LanguageModelExtensions.CrossEntropy"/>.
    /// </summary>
    double CrossEntropy(ReadOnlySpan<int> tokens) => LanguageModelExtensions.CrossEntropy(this, tokens);
}

/// <summary>
/// The k most likely next tokens, most likely first (ties by lower id), with their probabilities,
/// and the probability mass left over for every other token (<see cref="Remainder"/>, the synapse's floor).
/// </summary>
public sealed record NextTokenDistribution(int[] TokenIds, float[] Probabilities, float Remainder);

public static class LanguageModelExtensions
{
    /// <summary>The top-k next tokens of <paramref name="model"/> after <paramref name="context"/>.</summary>
    public static NextTokenDistribution NextTokenTopK(this ILanguageModel model, ReadOnlySpan<int> context, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        var probabilities = new float[model.VocabularySize];
        model.NextTokenProbabilities(context, probabilities);
        return TopK(probabilities, k);
    }

    /// <summary>The top-k entries of a full distribution (ties by lower id) and the mass outside them.</summary>
    public static NextTokenDistribution TopK(ReadOnlySpan<float> probabilities, int k)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "top-k needs k ≥ 1.");
        }

        k = Math.Min(k, probabilities.Length);
        var ids = new int[k];
        var values = new float[k];
        var count = 0;
        for (var id = 0; id < probabilities.Length; id++)
        {
            var p = probabilities[id];
            if (count == k && p <= values[k - 1])
            {
                continue;
            }

            // Insert into the sorted prefix; equal values keep the earlier (lower) id first.
            var at = count < k ? count++ : k - 1;
            while (at > 0 && values[at - 1] < p)
            {
                values[at] = values[at - 1];
                ids[at] = ids[at - 1];
                at--;
            }

            values[at] = p;
            ids[at] = id;
        }

        double inside = 0;
        foreach (var p in values)
        {
            inside += p;
        }

        return new NextTokenDistribution(ids, values, (float)Math.Max(0, 1 - inside));
    }

    /// <summary>
    /// The mean negative log-likelihood in nats of <paramref name="tokens"/>[1..] given what precedes each (cut to
    /// <see cref="ILanguageModel.ContextLength"/>). Models with a faster batched evaluation provide their own.
    /// </summary>
    public static double CrossEntropy(this ILanguageModel model, ReadOnlySpan<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (tokens.Length < 2)
        {
            throw new ArgumentException("Cross-entropy needs at least two tokens: a context and a target.", nameof(tokens));
        }

        var probabilities = new float[model.VocabularySize];
        double total = 0;
        for (var i = 1; i < tokens.Length; i++)
        {
            var start = Math.Max(0, i - model.ContextLength);
            model.NextTokenProbabilities(tokens[start..i], probabilities);
            total -= Math.Log(Math.Max(probabilities[tokens[i]], 1e-30f));
        }

        return total / (tokens.Length - 1);
    }
}
