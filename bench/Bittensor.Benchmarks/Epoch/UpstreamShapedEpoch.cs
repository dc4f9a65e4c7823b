using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;
using Bittensor.Runtime.Epoch;

namespace Bittensor.Benchmarks.Epoch;

/// <summary>
/// The reference's sparse <c>epoch()</c> transcribed step by step onto the §6.5 helpers, with the same data shapes
/// (a list of rows per matrix, new vectors at every step, bond EMA over rows densified to n). It is the in-run baseline
/// against which <see cref="YumaEpoch"/>'s speed is reported as a ratio, and a third formulation the tests check
/// against the vectors.
/// </summary>
public static class UpstreamShapedEpoch
{
    public static EpochOutput Compute(EpochInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var n = input.Count;
        var output = new EpochOutput(n);
        if (n == 0)
        {
            return output;
        }

        var p = input.Parameters;
        var lastUpdate = input.LastUpdate;
        var inactive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            inactive[i] = unchecked(lastUpdate[i] + p.ActivityCutoff) < input.Block;
        }

        var stake64 = Array.ConvertAll(input.Stake, s => I64F64.FromUInt(s));
        VectorMath.NormalizeInPlace(stake64.AsSpan());
        var stake = VectorMath.ToI32F32(stake64);
        var forbids = Array.ConvertAll(input.ValidatorPermit, permit => !permit);
        var newPermits = VectorMath.IsTopK(stake, p.MaxAllowedValidators);
        var activeStake = (I32F32[])stake.Clone();
        VectorMath.MaskInPlace(inactive, activeStake);
        VectorMath.MaskInPlace(forbids, activeStake);
        VectorMath.NormalizeInPlace(activeStake);

        static bool Outdated(ulong updated, ulong registered) => updated <= registered;
        var weights = ToSparse(input.Weights, n);
        weights = SparseMatrixMath.MaskRows(forbids, weights);
        weights = SparseMatrixMath.MaskDiagonal(weights);
        weights = SparseMatrixMath.MaskByVectors(weights, lastUpdate, input.BlockAtRegistration, Outdated);
        SparseMatrixMath.RowNormalizeInPlace(weights);
        var preRanks = SparseMatrixMath.MatMul(weights, activeStake, n);
        var consensus = SparseMatrixMath.WeightedMedianCol(activeStake, weights, n, I32F32.FromU16Proportion(p.Kappa));
        weights = SparseMatrixMath.ColClip(weights, consensus);
        var validatorTrust = SparseMatrixMath.RowSum(weights);
        var ranks = SparseMatrixMath.MatMul(weights, activeStake, n);
        var trust = VectorMath.Divide(ranks, preRanks);
        VectorMath.NormalizeInPlace(ranks);
        var incentive = (I32F32[])ranks.Clone();

        var bonds = ToSparse(input.Bonds, n);
        bonds = SparseMatrixMath.MaskByVectors(bonds, lastUpdate, input.BlockAtRegistration, Outdated);
        SparseMatrixMath.ColNormalizeInPlace(bonds, n);
        var bondDeltas = SparseMatrixMath.RowHadamard(weights, activeStake);
        SparseMatrixMath.ColNormalizeInPlace(bondDeltas, n);
        var bondsMovingAverage = I64F64.FromUInt(p.BondsMovingAverage) / I64F64.FromUInt(1_000_000);
        var alpha = I32F32.One - I32F32.FromI64F64(bondsMovingAverage);
        var emaBonds = SparseMatrixMath.Ema(bondDeltas, bonds, alpha);
        SparseMatrixMath.ColNormalizeInPlace(emaBonds, n);
        var dividends = SparseMatrixMath.MatMulTranspose(emaBonds, incentive);
        VectorMath.NormalizeInPlace(dividends);

        EpochResults.Write(
            input, output, new EpochVectors(stake, activeStake, ranks, trust, consensus, incentive, dividends, validatorTrust, newPermits));
        SparseMatrixMath.ColMaxUpscaleInPlace(emaBonds, n);
        var newRows = Array.ConvertAll(
            emaBonds,
            row => (IReadOnlyList<(ushort Column, ushort Value)>)Array.ConvertAll(row, e => ((ushort)e.Column, e.Value.ToU16Proportion())));
        EpochResults.WriteBonds(input, output, newRows);
        return output;
    }

    private static SparseEntry[][] ToSparse(SparseU16Matrix matrix, int n)
    {
        var rows = new SparseEntry[n][];
        for (var i = 0; i < n; i++)
        {
            var columns = matrix.RowColumns(i);
            var values = matrix.RowValues(i);
            var row = new List<SparseEntry>(columns.Length);
            for (var k = 0; k < columns.Length; k++)
            {
                if (columns[k] < n)
                {
                    row.Add(new SparseEntry(columns[k], I32F32.FromU16(values[k])));
                }
            }

            rows[i] = [.. row];
        }

        return rows;
    }
}
