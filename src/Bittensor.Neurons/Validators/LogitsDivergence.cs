namespace Bittensor.Neurons.Validators;

/// <summary>
/// The anti-copy check of spec §4.1: each responder's next-token distribution (first tokens of its phrases, normalised
/// as in <see cref="PhraseCrossEntropy"/>; the floor mass is not spread) is compared with the responders' average by
/// the Hellinger distance; a responder far above the others (more than one standard deviation above the mean) gets an
/// excess that later divides its Shapley value.
/// </summary>
public static class LogitsDivergence
{
    private const double MaxExcess = 10;

    /// <summary>
    /// <paramref name="distributions"/>[r][b] is responder r's sparse probability vector on row b (token id →
    /// probability). Per row: <c>d_r = sqrt(0.5 Σ (√p_r − √p_avg)²)</c>, μ and the sample σ (n − 1) of d over
    /// responders, <c>excess = clamp(((d − (μ + σ))₊ / (σ + 1e−9))³, 0, 10)</c>; the result is each responder's mean
    /// excess over rows (NaN with a single responder: σ is undefined).
    /// </summary>
    public static double[] Excess(IReadOnlyList<IReadOnlyList<IReadOnlyDictionary<int, double>>> distributions)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        var count = distributions.Count;
        var result = new double[count];
        if (count == 0)
        {
            return result;
        }

        var rows = distributions[0].Count;
        var distances = new double[count];
        for (var b = 0; b < rows; b++)
        {
            var average = new Dictionary<int, double>();
            foreach (var responder in distributions)
            {
                foreach (var (id, p) in responder[b])
                {
                    average[id] = average.GetValueOrDefault(id) + (p / count);
                }
            }

            for (var r = 0; r < count; r++)
            {
                double sum = 0;
                var own = distributions[r][b];
                foreach (var (id, avg) in average)
                {
                    var difference = Math.Sqrt(own.GetValueOrDefault(id)) - Math.Sqrt(avg);
                    sum += difference * difference;
                }

                distances[r] = Math.Sqrt(0.5 * sum);
            }

            var mean = distances.Average();
            var sigma = count > 1 ? Math.Sqrt(distances.Sum(d => (d - mean) * (d - mean)) / (count - 1)) : double.NaN;
            for (var r = 0; r < count; r++)
            {
                var above = Math.Max(distances[r] - (mean + sigma), 0);
                result[r] += Math.Clamp(Math.Pow(above / (sigma + 1e-9), 3), 0, MaxExcess) / rows;
            }
        }

        return result;
    }

    /// <summary>A row's normalised first-token distribution from phrases and floor (as <see cref="PhraseCrossEntropy"/> normalises them).</summary>
    public static Dictionary<int, double> FirstTokenDistribution(IReadOnlyList<Phrase> phrases, double floor)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var total = Math.Max(0, PhraseCrossEntropy.VocabularySize - phrases.Count) * PhraseCrossEntropy.Clamp01(floor);
        foreach (var phrase in phrases)
        {
            total += PhraseCrossEntropy.Clamp01(phrase.Probability);
        }

        var vector = new Dictionary<int, double>();
        foreach (var phrase in phrases)
        {
            if (phrase.Tokens.Length > 0)
            {
                vector[phrase.Tokens[0]] = vector.GetValueOrDefault(phrase.Tokens[0]) + (PhraseCrossEntropy.Clamp01(phrase.Probability) / total);
            }
        }

        return vector;
    }
}
