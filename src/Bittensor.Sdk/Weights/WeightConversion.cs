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
}
