namespace Bittensor.Neurons.Validators;

/// <summary>What the pairwise Shapley approximation gives each responder.</summary>
/// <param name="Synergy">The responder's synergy share, in scaling-law parameters^s.</param>
/// <param name="LossDifference">The matching loss improvement share, for display.</param>
public readonly record struct SynergyShare(double Synergy, double LossDifference);

/// <summary>
/// The pairwise approximation of a Shapley value of spec §4.1: for every unordered pair of responders, the loss of
/// their 50/50 mixture is compared with the better of the two; what the mixture gains (in scaling-law parameters to
/// the synergy power) is split between them.
/// </summary>
public static class ShapleySynergy
{
    private const double Tiny = 1e-40;

    /// <summary>
    /// <paramref name="rowLosses"/>[r][b] is responder r's loss on row b (all rows of equal count). For each pair (i, j):
    /// <c>expected = min(L_i, L_j)</c> (L the mean of a responder's row losses), <c>measured = mean_b −ln((e^−l_ib +
    /// e^−l_jb)/2 + 1e−40)</c>, and <c>max(params(measured)^s − params(expected)^s, 0) / 2 / R</c> is added to both, as
    /// is <c>max(expected − measured, 0) / 2 / R</c> for the loss difference.
    /// </summary>
    public static SynergyShare[] Compute(IReadOnlyList<double[]> rowLosses, double synergyPower)
    {
        ArgumentNullException.ThrowIfNull(rowLosses);
        var count = rowLosses.Count;
        var synergy = new double[count];
        var difference = new double[count];
        var means = new double[count];
        for (var r = 0; r < count; r++)
        {
            if (r > 0 && rowLosses[r].Length != rowLosses[0].Length)
            {
                throw new ArgumentException($"Responder {r} has {rowLosses[r].Length} row losses, responder 0 has {rowLosses[0].Length}; every responder answers the same rows.", nameof(rowLosses));
            }

            means[r] = rowLosses[r].Length == 0 ? double.NaN : rowLosses[r].Average();
        }

        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                var expected = Math.Min(means[i], means[j]);
                double measured = 0;
                var rows = rowLosses[i].Length;
                for (var b = 0; b < rows; b++)
                {
                    measured -= Math.Log(((Math.Exp(-rowLosses[i][b]) + Math.Exp(-rowLosses[j][b])) / 2) + Tiny);
                }

                measured /= rows;
                var share = Math.Max(ScalingLaw.Base(measured, synergyPower) - ScalingLaw.Base(expected, synergyPower), 0) / 2 / count;
                var lossShare = Math.Max(expected - measured, 0) / 2 / count;
                synergy[i] += share;
                synergy[j] += share;
                difference[i] += lossShare;
                difference[j] += lossShare;
            }
        }

        var result = new SynergyShare[count];
        for (var r = 0; r < count; r++)
        {
            result[r] = new SynergyShare(synergy[r], difference[r]);
        }

        return result;
    }
}
