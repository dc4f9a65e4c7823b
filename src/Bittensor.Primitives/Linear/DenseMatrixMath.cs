using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Primitives.Linear;

/// <summary>
/// Dense matrix helpers of the epoch (chain spec §6.5) over row-major jagged arrays, bit-exact with the reference
/// <c>math.rs</c>. Rows are validators (i), columns are miners (j).
/// </summary>
public static class DenseMatrixMath
{
    public static I32F32[] RowSum(I32F32[][] x)
    {
        var result = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = VectorMath.Sum(x[i]);
        }

        return result;
    }

    public static I32F32[] ColSum(I32F32[][] x)
    {
        var result = new I32F32[Columns(x)];
        foreach (var row in x)
        {
            for (var j = 0; j < row.Length; j++)
            {
                result[j] += row[j];
            }
        }

        return result;
    }

    /// <summary>Divides each row by its sum when the sum is positive.</summary>
    public static void RowNormalizeInPlace(I32F32[][] x)
    {
        foreach (var row in x)
        {
            var sum = VectorMath.Sum(row);
            if (sum > I32F32.Zero)
            {
                VectorMath.NormalizeUsingSumInPlace(row, sum);
            }
        }
    }

    /// <summary>Divides each column by its sum when the sum is non-zero.</summary>
    public static void ColNormalizeInPlace(I32F32[][] x)
    {
        var sums = ColSum(x);
        foreach (var row in x)
        {
            for (var j = 0; j < row.Length; j++)
            {
                if (sums[j] != I32F32.Zero)
                {
                    row[j] /= sums[j];
                }
            }
        }
    }

    /// <summary>Divides each column by its maximum when the maximum is non-zero.</summary>
    public static void ColMaxUpscaleInPlace(I32F32[][] x)
    {
        var max = new I32F32[Columns(x)];
        foreach (var row in x)
        {
            for (var j = 0; j < row.Length; j++)
            {
                if (max[j] < row[j])
                {
                    max[j] = row[j];
                }
            }
        }

        foreach (var row in x)
        {
            for (var j = 0; j < row.Length; j++)
            {
                if (max[j] != I32F32.Zero)
                {
                    row[j] /= max[j];
                }
            }
        }
    }

    /// <summary>Zeroes the rows whose mask entry is true.</summary>
    public static void MaskRowsInPlace(ReadOnlySpan<bool> mask, I32F32[][] x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (mask[i])
            {
                Array.Clear(x[i]);
            }
        }
    }

    /// <summary>Zeroes the diagonal.</summary>
    public static void MaskDiagonalInPlace(I32F32[][] x)
    {
        for (var i = 0; i < x.Length && i < x[i].Length; i++)
        {
            x[i][i] = I32F32.Zero;
        }
    }

    /// <summary>Zeroes the entries whose mask entry is true.</summary>
    public static void MaskInPlace(bool[][] mask, I32F32[][] x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x[i].Length; j++)
            {
                if (mask[i][j])
                {
                    x[i][j] = I32F32.Zero;
                }
            }
        }
    }

    /// <summary>result[j] = Σ_i v[i] × x[i][j].</summary>
    public static I32F32[] MatMul(I32F32[][] x, ReadOnlySpan<I32F32> v)
    {
        var result = new I32F32[Columns(x)];
        for (var i = 0; i < x.Length; i++)
        {
            var row = x[i];
            for (var j = 0; j < row.Length; j++)
            {
                result[j] += v[i] * row[j];
            }
        }

        return result;
    }

    /// <summary>result[i] = Σ_j v[j] × x[i][j].</summary>
    public static I32F32[] MatMulTranspose(I32F32[][] x, ReadOnlySpan<I32F32> v)
    {
        var result = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var row = x[i];
            for (var j = 0; j < row.Length; j++)
            {
                result[i] += v[j] * row[j];
            }
        }

        return result;
    }

    /// <summary>result[i][j] = x[i][j] × v[i].</summary>
    public static I32F32[][] RowHadamard(I32F32[][] x, ReadOnlySpan<I32F32> v)
    {
        var result = new I32F32[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = new I32F32[x[i].Length];
            for (var j = 0; j < x[i].Length; j++)
            {
                result[i][j] = x[i][j] * v[i];
            }
        }

        return result;
    }

    /// <summary>Element-wise product.</summary>
    public static I32F32[][] Hadamard(I32F32[][] a, I32F32[][] b)
    {
        VectorMath.RequireSameLength(a.Length, b.Length);
        var result = new I32F32[a.Length][];
        for (var i = 0; i < a.Length; i++)
        {
            VectorMath.RequireSameLength(a[i].Length, b[i].Length);
            result[i] = new I32F32[a[i].Length];
            for (var j = 0; j < a[i].Length; j++)
            {
                result[i][j] = a[i][j] * b[i][j];
            }
        }

        return result;
    }

    /// <summary>Exponential moving average: α × new + (1 − α) × old, each product rounded down.</summary>
    public static I32F32[][] Ema(I32F32[][] newValues, I32F32[][] oldValues, I32F32 alpha)
    {
        var oneMinusAlpha = I32F32.One - alpha;
        var result = new I32F32[newValues.Length][];
        for (var i = 0; i < newValues.Length; i++)
        {
            result[i] = new I32F32[newValues[i].Length];
            for (var j = 0; j < newValues[i].Length; j++)
            {
                result[i][j] = (alpha * newValues[i][j]) + (oneMinusAlpha * oldValues[i][j]);
            }
        }

        return result;
    }

    /// <summary>Each entry becomes <paramref name="upper"/> when it is at least the threshold, else <paramref name="lower"/>.</summary>
    public static I32F32[][] Clip(I32F32[][] x, I32F32 threshold, I32F32 upper, I32F32 lower)
    {
        var result = new I32F32[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = (I32F32[])x[i].Clone();
        }

        ClipInPlace(result, threshold, upper, lower);
        return result;
    }

    /// <summary>In-place <see cref="Clip"/>.</summary>
    public static void ClipInPlace(I32F32[][] x, I32F32 threshold, I32F32 upper, I32F32 lower)
    {
        foreach (var row in x)
        {
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = row[j] < threshold ? lower : upper;
            }
        }
    }

    /// <summary>x[i][j] = min(x[i][j], threshold[j]).</summary>
    public static void ColClipInPlace(I32F32[][] x, ReadOnlySpan<I32F32> threshold)
    {
        foreach (var row in x)
        {
            for (var j = 0; j < row.Length; j++)
            {
                if (threshold[j] < row[j])
                {
                    row[j] = threshold[j];
                }
            }
        }
    }

    /// <summary>
    /// Per column, the stake-weighted median of the scores of the rows with positive stake (stake renormalised over
    /// those rows); <paramref name="majority"/> is κ, so the level reached by at least κ of the stake.
    /// </summary>
    public static I32F32[] WeightedMedianCol(ReadOnlySpan<I32F32> stake, I32F32[][] score, I32F32 majority)
    {
        var columns = Columns(score);
        var median = new I32F32[columns];
        var useStake = new List<I32F32>();
        var rows = new List<int>();
        for (var i = 0; i < stake.Length; i++)
        {
            if (stake[i] > I32F32.Zero)
            {
                useStake.Add(stake[i]);
                rows.Add(i);
            }
        }

        if (rows.Count == 0)
        {
            return median;
        }

        var normalized = useStake.ToArray();
        VectorMath.NormalizeInPlace(normalized);
        var total = VectorMath.Sum(normalized);
        var minority = total - majority;
        var partition = new int[rows.Count];
        for (var k = 0; k < partition.Length; k++)
        {
            partition[k] = k;
        }

        var columnScore = new I32F32[rows.Count];
        var scratch = new int[rows.Count * 2];
        for (var j = 0; j < columns; j++)
        {
            for (var k = 0; k < rows.Count; k++)
            {
                columnScore[k] = score[rows[k]][j];
            }

            median[j] = WeightedMedian.Compute(normalized, columnScore, partition, minority, I32F32.Zero, total, scratch);
        }

        return median;
    }

    private static int Columns(I32F32[][] x) => x.Length == 0 ? 0 : x[0].Length;
}
