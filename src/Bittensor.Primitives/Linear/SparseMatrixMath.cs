using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Primitives.Linear;

/// <summary>
/// Sparse matrix helpers of the epoch (chain spec §6.5), bit-exact with the reference <c>math.rs</c>. A matrix is an
/// array of rows; a row lists (column, value) entries. Functions that build new rows keep the input's entry order,
/// except where the reference rebuilds a row densely (EMA, Hadamard), which yields ascending columns.
/// </summary>
public static class SparseMatrixMath
{
    public static I32F32[] RowSum(SparseEntry[][] x)
    {
        var result = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            foreach (var entry in x[i])
            {
                result[i] += entry.Value;
            }
        }

        return result;
    }

    public static I32F32[] ColSum(SparseEntry[][] x, int columns)
    {
        var result = new I32F32[columns];
        foreach (var row in x)
        {
            foreach (var entry in row)
            {
                result[entry.Column] += entry.Value;
            }
        }

        return result;
    }

    /// <summary>Divides each row by its sum when the sum is positive.</summary>
    public static void RowNormalizeInPlace(SparseEntry[][] x)
    {
        foreach (var row in x)
        {
            var sum = I32F32.Zero;
            foreach (var entry in row)
            {
                sum += entry.Value;
            }

            if (sum > I32F32.Zero)
            {
                for (var k = 0; k < row.Length; k++)
                {
                    row[k] = row[k] with { Value = row[k].Value / sum };
                }
            }
        }
    }

    /// <summary>Divides each entry by its column's sum when that sum is non-zero.</summary>
    public static void ColNormalizeInPlace(SparseEntry[][] x, int columns)
    {
        var sums = ColSum(x, columns);
        foreach (var row in x)
        {
            for (var k = 0; k < row.Length; k++)
            {
                var sum = sums[row[k].Column];
                if (sum != I32F32.Zero)
                {
                    row[k] = row[k] with { Value = row[k].Value / sum };
                }
            }
        }
    }

    /// <summary>Divides each entry by its column's maximum (starting from 0) when that maximum is non-zero.</summary>
    public static void ColMaxUpscaleInPlace(SparseEntry[][] x, int columns)
    {
        var max = new I32F32[columns];
        foreach (var row in x)
        {
            foreach (var entry in row)
            {
                if (max[entry.Column] < entry.Value)
                {
                    max[entry.Column] = entry.Value;
                }
            }
        }

        foreach (var row in x)
        {
            for (var k = 0; k < row.Length; k++)
            {
                var columnMax = max[row[k].Column];
                if (columnMax != I32F32.Zero)
                {
                    row[k] = row[k] with { Value = row[k].Value / columnMax };
                }
            }
        }
    }

    /// <summary>Empties the rows whose mask entry is true.</summary>
    public static SparseEntry[][] MaskRows(ReadOnlySpan<bool> mask, SparseEntry[][] x)
    {
        var result = new SparseEntry[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = mask[i] ? [] : (SparseEntry[])x[i].Clone();
        }

        return result;
    }

    /// <summary>Removes diagonal entries.</summary>
    public static SparseEntry[][] MaskDiagonal(SparseEntry[][] x) => Filter(x, (i, entry) => entry.Column != i);

    /// <summary>Removes the entries (i, j) for which <paramref name="mask"/>(first[i], second[j]) is true.</summary>
    public static SparseEntry[][] MaskByVectors(
        SparseEntry[][] x,
        ulong[] first,
        ulong[] second,
        Func<ulong, ulong, bool> mask) =>
        Filter(x, (i, entry) => !mask(first[i], second[entry.Column]));

    /// <summary>result[j] = Σ_i v[i] × x[i][j].</summary>
    public static I32F32[] MatMul(SparseEntry[][] x, ReadOnlySpan<I32F32> v, int columns)
    {
        var result = new I32F32[columns];
        for (var i = 0; i < x.Length; i++)
        {
            foreach (var entry in x[i])
            {
                result[entry.Column] += v[i] * entry.Value;
            }
        }

        return result;
    }

    /// <summary>result[i] = Σ_j v[j] × x[i][j].</summary>
    public static I32F32[] MatMulTranspose(SparseEntry[][] x, ReadOnlySpan<I32F32> v)
    {
        var result = new I32F32[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            foreach (var entry in x[i])
            {
                result[i] += v[entry.Column] * entry.Value;
            }
        }

        return result;
    }

    /// <summary>result[i][j] = x[i][j] × v[i], keeping every entry.</summary>
    public static SparseEntry[][] RowHadamard(SparseEntry[][] x, ReadOnlySpan<I32F32> v)
    {
        var result = new SparseEntry[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = new SparseEntry[x[i].Length];
            for (var k = 0; k < x[i].Length; k++)
            {
                result[i][k] = x[i][k] with { Value = x[i][k].Value * v[i] };
            }
        }

        return result;
    }

    /// <summary>Element-wise product over rows densified to <paramref name="columns"/>; keeps positive products.</summary>
    public static SparseEntry[][] Hadamard(SparseEntry[][] a, SparseEntry[][] b, int columns)
    {
        VectorMath.RequireSameLength(a.Length, b.Length);
        var result = new SparseEntry[a.Length][];
        var rowA = new I32F32[columns];
        var rowB = new I32F32[columns];
        for (var i = 0; i < a.Length; i++)
        {
            Densify(a[i], rowA);
            Densify(b[i], rowB);
            var kept = new List<SparseEntry>();
            for (var j = 0; j < columns; j++)
            {
                var product = rowA[j] * rowB[j];
                if (product > I32F32.Zero)
                {
                    kept.Add(new SparseEntry(j, product));
                }
            }

            result[i] = [.. kept];
        }

        return result;
    }

    /// <summary>
    /// Exponential moving average α × new + (1 − α) × old over rows densified to the row count (the matrix is square);
    /// keeps positive results in ascending column order.
    /// </summary>
    public static SparseEntry[][] Ema(SparseEntry[][] newValues, SparseEntry[][] oldValues, I32F32 alpha)
    {
        var n = newValues.Length;
        var oneMinusAlpha = I32F32.One - alpha;
        var result = new SparseEntry[n][];
        var row = new I32F32[n];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(row);
            foreach (var entry in newValues[i])
            {
                row[entry.Column] += alpha * entry.Value;
            }

            foreach (var entry in oldValues[i])
            {
                row[entry.Column] += oneMinusAlpha * entry.Value;
            }

            var kept = new List<SparseEntry>();
            for (var j = 0; j < n; j++)
            {
                if (row[j] > I32F32.Zero)
                {
                    kept.Add(new SparseEntry(j, row[j]));
                }
            }

            result[i] = [.. kept];
        }

        return result;
    }

    /// <summary>Each stored entry becomes <paramref name="upper"/> when it is at least the threshold, else <paramref name="lower"/>.</summary>
    public static SparseEntry[][] Clip(SparseEntry[][] x, I32F32 threshold, I32F32 upper, I32F32 lower) =>
        Map(x, entry => entry with { Value = entry.Value < threshold ? lower : upper });

    /// <summary>
    /// Clips each entry to its column's threshold: an entry above a positive threshold becomes the threshold, an entry
    /// above a zero (or negative) threshold is removed.
    /// </summary>
    public static SparseEntry[][] ColClip(SparseEntry[][] x, I32F32[] threshold)
    {
        var result = new SparseEntry[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            var kept = new List<SparseEntry>(x[i].Length);
            foreach (var entry in x[i])
            {
                var limit = threshold[entry.Column];
                if (limit < entry.Value)
                {
                    if (I32F32.Zero < limit)
                    {
                        kept.Add(entry with { Value = limit });
                    }
                }
                else
                {
                    kept.Add(entry);
                }
            }

            result[i] = [.. kept];
        }

        return result;
    }

    /// <summary>Sparse version of <see cref="DenseMatrixMath.WeightedMedianCol"/>; missing entries count as 0.</summary>
    public static I32F32[] WeightedMedianCol(ReadOnlySpan<I32F32> stake, SparseEntry[][] score, int columns, I32F32 majority)
    {
        var useStake = new List<I32F32>();
        foreach (var s in stake)
        {
            if (s > I32F32.Zero)
            {
                useStake.Add(s);
            }
        }

        var normalized = useStake.ToArray();
        VectorMath.NormalizeInPlace(normalized);
        var total = VectorMath.Sum(normalized);
        var minority = total - majority;
        var useScore = new I32F32[columns][];
        for (var j = 0; j < columns; j++)
        {
            useScore[j] = new I32F32[normalized.Length];
        }

        var k = 0;
        for (var i = 0; i < stake.Length; i++)
        {
            if (stake[i] <= I32F32.Zero)
            {
                continue;
            }

            foreach (var entry in score[i])
            {
                useScore[entry.Column][k] = entry.Value;
            }

            k++;
        }

        var partition = new int[normalized.Length];
        for (var m = 0; m < partition.Length; m++)
        {
            partition[m] = m;
        }

        var median = new I32F32[columns];
        var scratch = new int[normalized.Length * 2];
        for (var j = 0; j < columns; j++)
        {
            median[j] = WeightedMedian.Compute(normalized, useScore[j], partition, minority, I32F32.Zero, total, scratch);
        }

        return median;
    }

    private static void Densify(SparseEntry[] row, I32F32[] dense)
    {
        Array.Clear(dense);
        foreach (var entry in row)
        {
            dense[entry.Column] += entry.Value;
        }
    }

    private static SparseEntry[][] Filter(SparseEntry[][] x, Func<int, SparseEntry, bool> keep)
    {
        var result = new SparseEntry[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            var kept = new List<SparseEntry>(x[i].Length);
            foreach (var entry in x[i])
            {
                if (keep(i, entry))
                {
                    kept.Add(entry);
                }
            }

            result[i] = [.. kept];
        }

        return result;
    }

    private static SparseEntry[][] Map(SparseEntry[][] x, Func<SparseEntry, SparseEntry> map)
    {
        var result = new SparseEntry[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = Array.ConvertAll(x[i], entry => map(entry));
        }

        return result;
    }
}
