namespace Bittensor.Neurons.Validators;

/// <summary>
/// Scores to weights, exactly as spec §4.1 "Weights from scores" (<c>calculate_weights</c> of v3.4–v3.6): keep the
/// positive scores, drop those below the exclude quantile (never below the minimum number of weights), cap every
/// weight at the max weight limit and normalise.
/// </summary>
public static class WeightCalculation
{
    private const double Epsilon = 1e-7;

    /// <summary>
    /// The weights to set from <paramref name="scores"/> (indexed by uid): uids with a positive score; if more than
    /// <paramref name="minAllowedWeights"/>, those below the <c>min(excludeQuantile, (count − min)/count)</c>-quantile
    /// are dropped; the rest go through <see cref="NormalizeMaxWeight"/> with <paramref name="maxWeightLimit"/>. Uids in
    /// ascending order; empty when no score is positive.
    /// </summary>
    public static (ushort[] Uids, double[] Weights) Calculate(IReadOnlyList<double> scores, int minAllowedWeights, double excludeQuantile, double maxWeightLimit)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var uids = new List<ushort>();
        var values = new List<double>();
        for (var uid = 0; uid < scores.Count; uid++)
        {
            if (scores[uid] > 0)
            {
                uids.Add((ushort)uid);
                values.Add(scores[uid]);
            }
        }

        if (uids.Count == 0)
        {
            return ([], []);
        }

        var maxExclude = (uids.Count - minAllowedWeights) / (double)uids.Count;
        if (maxExclude > 0)
        {
            var threshold = Quantile(values, Math.Min(excludeQuantile, maxExclude));
            for (var i = values.Count - 1; i >= 0; i--)
            {
                if (values[i] < threshold)
                {
                    values.RemoveAt(i);
                    uids.RemoveAt(i);
                }
            }
        }

        return ([.. uids], NormalizeMaxWeight(values, maxWeightLimit));
    }

    /// <summary>
    /// torch's default (linear interpolation) quantile: over the sorted values, position <c>q·(n − 1)</c>, interpolated
    /// between its neighbours.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The quantile of no values is undefined.", nameof(values));
        }

        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is between 0 and 1.");
        }

        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = (int)Math.Ceiling(position);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    /// <summary>
    /// <c>normalize_max_weight</c>: weights summing to 1 with none above <paramref name="limit"/>. Uniform when the sum
    /// is 0 or <c>count·limit ≤ 1</c>; plain normalisation when no share exceeds the limit; otherwise the values above a
    /// cutoff (found from the sorted shares) are clipped to it and the result renormalised.
    /// </summary>
    public static double[] NormalizeMaxWeight(IReadOnlyList<double> weights, double limit)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var count = weights.Count;
        var result = weights.ToArray();
        var sum = result.Sum();
        if (count == 0)
        {
            return result;
        }

        if (sum == 0 || count * limit <= 1)
        {
            Array.Fill(result, 1.0 / count);
            return result;
        }

        var sorted = result.Order().ToArray();
        var estimation = sorted.Select(v => v / sum).ToArray();
        if (estimation.Max() <= limit)
        {
            return [.. result.Select(w => w / sum)];
        }

        var cumulative = new double[count];
        double running = 0;
        for (var i = 0; i < count; i++)
        {
            running += estimation[i];
            cumulative[i] = running;
        }

        var uncapped = 0;
        for (var i = 0; i < count; i++)
        {
            if (estimation[i] / (((count - i - 1) * estimation[i]) + cumulative[i] + Epsilon) < limit)
            {
                uncapped++;
            }
        }

        // torch indexes cumsum[n − 1]; with n = 0 that is the last element (it cannot happen when count·limit > 1).
        var cutoff = ((limit * cumulative[uncapped > 0 ? uncapped - 1 : count - 1]) - Epsilon) / (1 - (limit * (count - uncapped))) * sum;
        for (var i = 0; i < count; i++)
        {
            result[i] = Math.Min(result[i], cutoff);
        }

        var clippedSum = result.Sum();
        return [.. result.Select(w => w / clippedSum)];
    }
}
