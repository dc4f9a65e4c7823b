using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Linear;

namespace Bittensor.Runtime.Epoch;

/// <summary>
/// The dense epoch (the reference's <c>epoch_dense</c>): the same steps as <see cref="YumaEpoch"/> on full n×n matrices,
/// written as a direct composition of the §6.5 helpers. It costs O(n²) time and memory and serves as an independent
/// check of the sparse implementation; both must agree on every input.
/// </summary>
/// <remarks>
/// The reference's dense version stores bond rows with every column, zeros included. Here a new bond row lists the
/// columns whose EMA bond is positive, exactly as the sparse epoch stores it, so the two outputs compare directly.
/// </remarks>
public static class DenseEpoch
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
        var inactive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            inactive[i] = unchecked(input.LastUpdate[i] + p.ActivityCutoff) < input.Block;
        }

        var stake64 = new I64F64[n];
        for (var i = 0; i < n; i++)
        {
            stake64[i] = I64F64.FromUInt(input.Stake[i]);
        }

        VectorMath.NormalizeInPlace(stake64.AsSpan());
        var stake = VectorMath.ToI32F32(stake64);
        var permits = input.ValidatorPermit;
        var forbids = Array.ConvertAll(permits, permit => !permit);
        var newPermits = VectorMath.IsTopK(stake, p.MaxAllowedValidators);

        var activeStake = (I32F32[])stake.Clone();
        VectorMath.MaskInPlace(inactive, activeStake);
        VectorMath.MaskInPlace(forbids, activeStake);
        VectorMath.NormalizeInPlace(activeStake);

        var outdated = new bool[n][];
        for (var i = 0; i < n; i++)
        {
            outdated[i] = new bool[n];
            for (var j = 0; j < n; j++)
            {
                outdated[i][j] = input.LastUpdate[i] <= input.BlockAtRegistration[j];
            }
        }

        var weights = ToDense(input.Weights);
        DenseMatrixMath.MaskRowsInPlace(forbids, weights);
        DenseMatrixMath.MaskDiagonalInPlace(weights);
        DenseMatrixMath.MaskInPlace(outdated, weights);
        DenseMatrixMath.RowNormalizeInPlace(weights);
        var preRanks = DenseMatrixMath.MatMul(weights, activeStake);

        var kappa = I32F32.FromU16Proportion(p.Kappa);
        var consensus = DenseMatrixMath.WeightedMedianCol(activeStake, weights, kappa);
        DenseMatrixMath.ColClipInPlace(weights, consensus);
        var validatorTrust = DenseMatrixMath.RowSum(weights);
        var ranks = DenseMatrixMath.MatMul(weights, activeStake);
        var trust = VectorMath.Divide(ranks, preRanks);
        VectorMath.NormalizeInPlace(ranks);
        var incentive = ranks;

        var bonds = ToDense(input.Bonds);
        DenseMatrixMath.MaskInPlace(outdated, bonds);
        DenseMatrixMath.ColNormalizeInPlace(bonds);
        var bondDeltas = DenseMatrixMath.RowHadamard(weights, activeStake);
        DenseMatrixMath.ColNormalizeInPlace(bondDeltas);

        var bondsMovingAverage = I64F64.FromUInt(p.BondsMovingAverage) / I64F64.FromUInt(1_000_000);
        var alpha = I32F32.One - I32F32.FromI64F64(bondsMovingAverage);
        var emaBonds = DenseMatrixMath.Ema(bondDeltas, bonds, alpha);
        var positive = Array.ConvertAll(emaBonds, row => Array.ConvertAll(row, value => value > I32F32.Zero));
        DenseMatrixMath.ColNormalizeInPlace(emaBonds);

        var dividends = DenseMatrixMath.MatMulTranspose(emaBonds, incentive);
        VectorMath.NormalizeInPlace(dividends);

        EpochResults.Write(
            input, output, new EpochVectors(stake, activeStake, ranks, trust, consensus, incentive, dividends, validatorTrust, newPermits));
        DenseMatrixMath.ColMaxUpscaleInPlace(emaBonds);
        var newRows = new IReadOnlyList<(ushort Column, ushort Value)>[n];
        for (var i = 0; i < n; i++)
        {
            var row = new List<(ushort, ushort)>();
            for (var j = 0; j < n; j++)
            {
                if (positive[i][j])
                {
                    row.Add(((ushort)j, emaBonds[i][j].ToU16Proportion()));
                }
            }

            newRows[i] = row;
        }

        EpochResults.WriteBonds(input, output, newRows);
        return output;
    }

    private static I32F32[][] ToDense(SparseU16Matrix matrix)
    {
        var n = matrix.Rows;
        var dense = new I32F32[n][];
        for (var i = 0; i < n; i++)
        {
            dense[i] = new I32F32[n];
            var columns = matrix.RowColumns(i);
            var values = matrix.RowValues(i);
            for (var k = 0; k < columns.Length; k++)
            {
                if (columns[k] < n)
                {
                    dense[i][columns[k]] = I32F32.FromU16(values[k]);
                }
            }
        }

        return dense;
    }
}
