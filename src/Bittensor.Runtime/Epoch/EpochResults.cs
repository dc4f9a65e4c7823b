using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;

namespace Bittensor.Runtime.Epoch;

/// <summary>
/// Steps 17–19 and the per-uid writes of §6.3 in their reference form, for the epoch formulations built from the §6.5
/// helpers (dense, and the upstream-shaped sparse baseline). <see cref="YumaEpoch"/> does the same on raw bits.
/// </summary>
public static class EpochResults
{
    public static void Write(EpochInput input, EpochOutput output, EpochVectors v)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(v);
        var n = input.Count;
        var combined = new I32F32[n];
        for (var i = 0; i < n; i++)
        {
            combined[i] = v.Incentive[i] + v.Dividends[i];
        }

        var emissionSum = VectorMath.Sum(combined);
        var serverShare = (I32F32[])v.Incentive.Clone();
        var validatorShare = (I32F32[])v.Dividends.Clone();
        var combinedShare = (I32F32[])combined.Clone();
        VectorMath.NormalizeUsingSumInPlace(serverShare, emissionSum);
        VectorMath.NormalizeUsingSumInPlace(validatorShare, emissionSum);
        VectorMath.NormalizeInPlace(combinedShare);
        if (emissionSum == I32F32.Zero)
        {
            var fallback = VectorMath.IsZero(v.ActiveStake) ? v.Stake : v.ActiveStake;
            validatorShare = (I32F32[])fallback.Clone();
            combinedShare = (I32F32[])fallback.Clone();
        }

        var rao = I96F32.FromUInt(input.RaoEmission);
        for (var i = 0; i < n; i++)
        {
            output.Active[i] = !(unchecked(input.LastUpdate[i] + input.Parameters.ActivityCutoff) < input.Block);
            output.ServerEmission[i] = (I96F32.From(serverShare[i]) * rao).ToU64();
            output.ValidatorEmission[i] = (I96F32.From(validatorShare[i]) * rao).ToU64();
            output.Emission[i] = (I96F32.From(combinedShare[i]) * rao).ToU64();
            output.Rank[i] = v.Ranks[i].ToU16Proportion();
            output.Trust[i] = v.Trust[i].ToU16Proportion();
            output.Consensus[i] = v.Consensus[i].ToU16Proportion();
            output.Incentive[i] = v.Incentive[i].ToU16Proportion();
            output.Dividends[i] = v.Dividends[i].ToU16Proportion();
            output.ValidatorTrust[i] = v.ValidatorTrust[i].ToU16Proportion();
            output.ValidatorPermit[i] = v.NewValidatorPermits[i];
        }

        VectorMath.MaxUpscaleToU16(combinedShare, output.PruningScore);
    }

    /// <summary>
    /// Stores bond rows as §6.3 does: a uid with a new permit gets <paramref name="newRows"/>[i]; a uid that lost its
    /// permit gets an empty row; every other row is left as stored.
    /// </summary>
    public static void WriteBonds(EpochInput input, EpochOutput output, IReadOnlyList<(ushort Column, ushort Value)>[] newRows)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(newRows);
        var n = input.Count;
        var rows = new IReadOnlyList<(ushort, ushort)>[n];
        for (var i = 0; i < n; i++)
        {
            if (output.ValidatorPermit[i])
            {
                output.BondsWritten[i] = true;
                rows[i] = newRows[i];
            }
            else if (input.ValidatorPermit[i])
            {
                output.BondsWritten[i] = true;
                rows[i] = [];
            }
            else
            {
                var columns = input.Bonds.RowColumns(i).ToArray();
                var values = input.Bonds.RowValues(i).ToArray();
                rows[i] = [.. columns.Zip(values)];
            }
        }

        var matrix = SparseU16Matrix.FromRows(rows);
        output.EnsureBondCapacity(matrix.NonZeroCount);
        matrix.RowStart.CopyTo(output.BondRowStart, 0);
        matrix.Columns.CopyTo(output.BondColumns, 0);
        matrix.Values.CopyTo(output.BondValues, 0);
    }
}
