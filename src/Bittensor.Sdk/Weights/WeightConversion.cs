using Bittensor.Primitives.Linear;

namespace Bittensor.Sdk.Weights;

/// <summary>
/// Turns a validator's weights into what <c>set_weights</c> carries: u16 values, scaled so that the largest weight is
/// 65,535 (the Python SDK's <c>convert_weights_and_uids_for_emit</c>). The chain normalises the row itself, so only the
/// ratios matter.
/// </summary>
public static class WeightConversion
{
    /// <summary>
    /// Scales <paramref name="weights"/> so that the largest becomes 65,535, rounds each to the nearest integer (halves
    /// to even, as Python's <c>round</c>), and drops the uids whose value rounds to 0. All-zero weights give empty lists.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The lists differ in length, a uid repeats, or a weight is negative, infinite or not a number.
    /// </exception>
    public static (ushort[] Uids, ushort[] Values) ForEmit(IReadOnlyList<ushort> uids, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(weights);
        if (uids.Count != weights.Count)
        {
            throw new ArgumentException($"There are {uids.Count} uids but {weights.Count} weights; give one weight per uid.", nameof(weights));
        }

        var seen = new HashSet<ushort>();
        foreach (var uid in uids)
        {
            if (!seen.Add(uid))
            {
                throw new ArgumentException($"Uid {uid} appears more than once; give each uid one weight.", nameof(uids));
            }
        }

        var max = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i];
            if (double.IsNaN(w) || double.IsInfinity(w) || w < 0)
            {
                throw new ArgumentException($"The weight of uid {uids[i]} is {w}; weights must be finite and not negative.", nameof(weights));
            }

            max = Math.Max(max, w);
        }

        if (max == 0)
        {
            return ([], []);
        }

        var outUids = new List<ushort>(uids.Count);
        var outValues = new List<ushort>(uids.Count);
        for (var i = 0; i < weights.Count; i++)
        {
            var scaled = Math.Round(weights[i] / max * ushort.MaxValue, MidpointRounding.ToEven);
            if (scaled != 0)
            {
                outUids.Add(uids[i]);
                outValues.Add((ushort)scaled);
            }
        }

        return ([.. outUids], [.. outValues]);
    }

    /// <summary>
    /// As <see cref="ForEmit(IReadOnlyList{ushort}, IReadOnlyList{double})"/>, then made to pass the chain's max-weight
    /// check exactly (<see cref="WithinMaxWeightLimit"/>): the rounding to u16 can lift a weight capped at the limit just
    /// above it, and the chain then refuses the whole <c>set_weights</c> with <c>MaxWeightExceeded</c>. The largest
    /// values stay at 65,535 (lowering them changes nothing: the chain upscales them back and the others round to the
    /// same values); instead the values below the largest are raised, by the fewest units that bring the largest share
    /// to the limit, the larger values first, until the check passes. A limit of 65,535 means no limit, and a vector
    /// with no value below the largest, or a limit no vector of this length can meet (<c>count · limit &lt; 65,535</c>),
    /// is left as it is.
    /// </summary>
    /// <param name="uids">The uids, as in the two-argument overload.</param>
    /// <param name="weights">The weights, as in the two-argument overload.</param>
    /// <param name="maxWeightsLimit">The subnet's <c>max_weights_limit</c> hyperparameter (a share of 65,535).</param>
    /// <exception cref="ArgumentException">As the two-argument overload.</exception>
    public static (ushort[] Uids, ushort[] Values) ForEmit(IReadOnlyList<ushort> uids, IReadOnlyList<double> weights, ushort maxWeightsLimit)
    {
        var (outUids, values) = ForEmit(uids, weights);
        if (maxWeightsLimit == ushort.MaxValue || values.Length == 0 || (long)values.Length * maxWeightsLimit < ushort.MaxValue
            || WithinMaxWeightLimit(values, maxWeightsLimit))
        {
            return (outUids, values);
        }

        // ForEmit puts the largest at 65535; the others, largest first, are the ones to raise.
        var below = Enumerable.Range(0, values.Length).Where(i => values[i] < ushort.MaxValue).OrderByDescending(i => values[i]).ToArray();
        if (below.Length == 0)
        {
            return (outUids, values);
        }

        // With k values at 65535 and the rest summing to r, the largest share 65535 / (65535·k + r) is at most
        // limit / 65535 once r ≥ 65535² / limit − 65535·k.
        long atMax = values.Length - below.Length;
        long rest = below.Sum(i => (long)values[i]);
        var needed = ((((long)ushort.MaxValue * ushort.MaxValue) + maxWeightsLimit - 1) / maxWeightsLimit) - (ushort.MaxValue * atMax);
        var deficit = Math.Max(0, needed - rest);
        for (var j = 0; j < below.Length && deficit > 0; j++)
        {
            var share = (deficit + below.Length - j - 1) / (below.Length - j);
            var raised = Math.Min(ushort.MaxValue - 1, values[below[j]] + share);
            deficit -= raised - values[below[j]];
            values[below[j]] = (ushort)raised;
        }

        // The chain floors each share in I32F32: a unit more here and there until it agrees.
        for (var step = 0; step < below.Length && !WithinMaxWeightLimit(values, maxWeightsLimit); step++)
        {
            var i = below[step % below.Length];
            if (values[i] < ushort.MaxValue - 1)
            {
                values[i]++;
            }
        }

        return (outUids, values);
    }

    /// <summary>
    /// The chain's max-weight check on what <c>set_weights</c> carries: the values are max-upscaled to u16 and
    /// normalised in I32F32, and the largest share may not exceed <c>limit / 65535</c> (also in I32F32). A limit of
    /// 65,535 passes everything.
    /// </summary>
    public static bool WithinMaxWeightLimit(IReadOnlyList<ushort> values, ushort maxWeightsLimit)
    {
        ArgumentNullException.ThrowIfNull(values);
        return maxWeightsLimit == ushort.MaxValue || VectorMath.CheckMaxLimited(VectorMath.MaxUpscaleToU16([.. values]), maxWeightsLimit);
    }
}
