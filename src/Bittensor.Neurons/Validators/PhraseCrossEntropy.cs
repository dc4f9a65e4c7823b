namespace Bittensor.Neurons.Validators;

/// <summary>One candidate continuation a miner returned: its tokens (one for this network's TextCausalLMNext) and probability.</summary>
public readonly record struct Phrase(int[] Tokens, double Probability);

/// <summary>The two losses of one row: over the whole continuation and of its first token alone.</summary>
public readonly record struct PhraseLoss(double Loss, double ValidationLoss);

/// <summary>
/// The TextCausalLMNext loss of spec §4.1 (<c>phrase_cross_entropy</c>): a miner's top-k phrases and floor are
/// normalised so that the top-k plus the floor for every other token of the vocabulary sums to 1, then the true
/// continuation is scored.
/// </summary>
public static class PhraseCrossEntropy
{
    /// <summary>The standard vocabulary's size (GPT-2's 50,257 ids) the floor is counted over.</summary>
    public const int VocabularySize = 50257;

    /// <summary>The loss given to a row whose loss is not a number.</summary>
    public const double NaNLoss = 20;

    private const double Tiny = 1e-40;

    /// <summary>
    /// Scores one row. <c>total = Σ p_k + max(0, 50257 − k)·floor</c> (probabilities clamped to [0, 1] first);
    /// <see cref="PhraseLoss.ValidationLoss"/> = −ln(Σ p′ of phrases starting with <c>target[0]</c>, or floor′);
    /// <see cref="PhraseLoss.Loss"/> = −ln(Σ_{c=1..C} m_c) with <c>C = min(longest phrase, target length)</c> and
    /// <c>m_c</c> the p′ of phrases equal to the first c target tokens (floor′ when none is).
    /// </summary>
    public static PhraseLoss Row(ReadOnlySpan<int> target, IReadOnlyList<Phrase> phrases, double floor)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        if (target.IsEmpty)
        {
            throw new ArgumentException("The target continuation is empty; give at least one token.", nameof(target));
        }

        var total = Math.Max(0, VocabularySize - phrases.Count) * Clamp01(floor);
        var longest = 0;
        foreach (var phrase in phrases)
        {
            total += Clamp01(phrase.Probability);
            longest = Math.Max(longest, phrase.Tokens.Length);
        }

        var scaledFloor = Clamp01(floor) / total;
        double first = 0;
        var firstFound = false;
        foreach (var phrase in phrases)
        {
            if (phrase.Tokens.Length > 0 && phrase.Tokens[0] == target[0])
            {
                first += Clamp01(phrase.Probability) / total;
                firstFound = true;
            }
        }

        var validation = -Math.Log(Clamp01(firstFound ? first : scaledFloor) + Tiny);
        var positions = Math.Min(longest, target.Length);
        double matched = 0;
        for (var c = 1; c <= positions; c++)
        {
            double mass = 0;
            var found = false;
            foreach (var phrase in phrases)
            {
                if (phrase.Tokens.Length == c && target[..c].SequenceEqual(phrase.Tokens))
                {
                    mass += Clamp01(phrase.Probability) / total;
                    found = true;
                }
            }

            matched += found ? mass : scaledFloor;
        }

        var loss = -Math.Log(Clamp01(matched) + Tiny);
        return new PhraseLoss(double.IsNaN(loss) ? NaNLoss : loss, double.IsNaN(validation) ? NaNLoss : validation);
    }

    /// <summary>A single-token top-k answer (this network's TextCausalLMNext) as phrases.</summary>
    public static Phrase[] FromTopK(ReadOnlySpan<long> tokenIds, ReadOnlySpan<float> probabilities)
    {
        var phrases = new Phrase[tokenIds.Length];
        for (var k = 0; k < tokenIds.Length; k++)
        {
            phrases[k] = new Phrase([(int)tokenIds[k]], probabilities[k]);
        }

        return phrases;
    }

    /// <summary>Clamps to [0, 1]; NaN stays NaN (as torch's clamp), so it ends as <see cref="NaNLoss"/>.</summary>
    internal static double Clamp01(double value) => Math.Clamp(value, 0, 1);
}
