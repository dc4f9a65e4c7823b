namespace Bittensor.Models.Sampling;

/// <summary>
/// Draws token ids from logits under <see cref="SamplingOptions"/> with its own seeded
/// <see cref="Xoshiro256StarStar"/>, so a seed always gives the same draws. Ordering is by probability, ties to the
/// lower id. Reuses its buffers between draws; not thread-safe.
/// </summary>
public sealed class Sampler
{
    private readonly Xoshiro256StarStar _random;
    private double[] _weights = [];
    private int[] _order = [];

    public Sampler(SamplingOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _random = new Xoshiro256StarStar(seed);
    }

    public SamplingOptions Options { get; }

    /// <summary>Draws the next token id after <paramref name="logits"/>.</summary>
    public int Next(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("Sampling needs at least one logit.", nameof(logits));
        }

        if (Options.IsGreedy)
        {
            return ArgMax(logits);
        }

        EnsureBuffers(logits.Length);
        var total = Weigh(logits, Options.Temperature, _weights);
        if (Options.TopK == 0 && Options.TopP >= 1f)
        {
            // The full distribution: no ordering needed.
            var u = _random.NextDouble() * total;
            var cumulative = 0.0;
            for (var id = 0; id < logits.Length; id++)
            {
                cumulative += _weights[id];
                if (u < cumulative)
                {
                    return id;
                }
            }

            return LastPositive(_weights, logits.Length);
        }

        var kept = Filter(_weights, logits.Length, total, Options, _order, out var keptTotal);
        var draw = _random.NextDouble() * keptTotal;
        var sum = 0.0;
        for (var i = 0; i < kept; i++)
        {
            sum += _weights[_order[i]];
            if (draw < sum)
            {
                return _order[i];
            }
        }

        return _order[kept - 1];
    }

    /// <summary>
    /// A uniform index in [0, <paramref name="count"/>) from the same seeded generator as the draws (the high half of a
    /// 64 × 32-bit product, so no division), e.g. to pick one of the ids a restricted vocabulary's other row stands for.
    /// </summary>
    public int NextIndex(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)Math.BigMul(_random.NextUInt64(), (ulong)count, out _);
    }

    /// <summary>
    /// The tokens a draw can return under <paramref name="options"/>, most likely first (ties to the lower id), with
    /// their renormalised probabilities; <see cref="NextTokenDistribution.Remainder"/> is the mass of the tempered
    /// distribution that the filters removed.
    /// </summary>
    public static NextTokenDistribution Candidates(ReadOnlySpan<float> logits, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (logits.IsEmpty)
        {
            throw new ArgumentException("Sampling needs at least one logit.", nameof(logits));
        }

        if (options.Temperature == 0f)
        {
            return new NextTokenDistribution([ArgMax(logits)], [1f], 0f);
        }

        var weights = new double[logits.Length];
        var order = new int[logits.Length];
        var total = Weigh(logits, options.Temperature, weights);
        var kept = Filter(weights, logits.Length, total, options, order, out var keptTotal);
        var ids = order.AsSpan(0, kept).ToArray();
        var probabilities = new float[kept];
        for (var i = 0; i < kept; i++)
        {
            probabilities[i] = (float)(weights[ids[i]] / keptTotal);
        }

        return new NextTokenDistribution(ids, probabilities, (float)Math.Max(0, 1 - (keptTotal / total)));
    }

    /// <summary>The index of the largest logit, the lowest on ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }

    private void EnsureBuffers(int length)
    {
        if (_weights.Length != length)
        {
            _weights = new double[length];
            _order = new int[length];
        }
    }

    /// <summary>Unnormalised probabilities exp((logit − max)/T); returns their sum.</summary>
    private static double Weigh(ReadOnlySpan<float> logits, float temperature, double[] weights)
    {
        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            if (float.IsNaN(v))
            {
                throw new ArgumentException("Sampling: the logits contain NaN; the model's output is broken.", nameof(logits));
            }

            max = Math.Max(max, v);
        }

        if (float.IsNegativeInfinity(max))
        {
            throw new ArgumentException("Sampling: every logit is −∞; no token can be drawn.", nameof(logits));
        }

        double total = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var w = Math.Exp((logits[i] - (double)max) / temperature);
            weights[i] = w;
            total += w;
        }

        return total;
    }

    /// <summary>
    /// Orders the kept token ids into <paramref name="order"/> (most likely first): the top-k, then the smallest prefix
    /// whose mass reaches top-p of what top-k kept. Returns how many are kept and their total weight.
    /// </summary>
    private static int Filter(double[] weights, int length, double total, SamplingOptions options, int[] order, out double keptTotal)
    {
        int count;
        var k = options.TopK == 0 ? length : Math.Min(options.TopK, length);
        if (k <= 256 && k < length)
        {
            count = SelectTop(weights, length, k, order);
        }
        else
        {
            SortDescending(weights, length, order);
            count = k;
        }

        keptTotal = 0;
        for (var i = 0; i < count; i++)
        {
            keptTotal += weights[order[i]];
        }

        if (options.TopK == 0)
        {
            keptTotal = total;
        }

        if (options.TopP < 1f)
        {
            var threshold = options.TopP * keptTotal;
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += weights[order[i]];
                if (sum >= threshold)
                {
                    count = i + 1;
                    keptTotal = sum;
                    break;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Every id into <paramref name="order"/> by weight, largest first, equal weights by lower id: a primitive-key sort
    /// (fast, but unstable) followed by re-ordering each run of equal weights by id.
    /// </summary>
    private static void SortDescending(double[] weights, int length, int[] order)
    {
        var keys = new double[length];
        for (var i = 0; i < length; i++)
        {
            order[i] = i;
            keys[i] = -weights[i];
        }

        Array.Sort(keys, order, 0, length);
        for (var run = 0; run < length;)
        {
            var end = run + 1;
            while (end < length && keys[end] == keys[run])
            {
                end++;
            }

            if (end - run > 1)
            {
                Array.Sort(order, run, end - run);
            }

            run = end;
        }
    }

    /// <summary>The k largest weights' ids into order[0..k), sorted, by insertion into a running top list.</summary>
    private static int SelectTop(double[] weights, int length, int k, int[] order)
    {
        var count = 0;
        for (var id = 0; id < length; id++)
        {
            var w = weights[id];
            if (count == k && w <= weights[order[k - 1]])
            {
                continue;
            }

            var at = count < k ? count++ : k - 1;
            while (at > 0 && weights[order[at - 1]] < w)
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = id;
        }

        return count;
    }

    private static int LastPositive(double[] weights, int length)
    {
        for (var i = length - 1; i > 0; i--)
        {
            if (weights[i] > 0)
            {
                return i;
            }
        }

        return 0;
    }
}
