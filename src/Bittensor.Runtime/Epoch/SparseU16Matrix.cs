namespace Bittensor.Runtime.Epoch;

/// <summary>
/// A square sparse matrix of u16 entries in compressed-row form, as the chain stores weights and bonds: row i lists
/// (column, value) pairs in stored order. Columns within a row are unique.
/// </summary>
public sealed class SparseU16Matrix
{
    public SparseU16Matrix(int rows, int[] rowStart, ushort[] columns, ushort[] values)
    {
        ArgumentNullException.ThrowIfNull(rowStart);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (rowStart.Length != rows + 1 || rowStart[0] != 0 || rowStart[rows] != columns.Length || columns.Length != values.Length)
        {
            throw new ArgumentException("Row offsets do not describe the entry arrays.", nameof(rowStart));
        }

        for (var i = 0; i < rows; i++)
        {
            if (rowStart[i + 1] < rowStart[i])
            {
                throw new ArgumentException($"Row offsets decrease at row {i}.", nameof(rowStart));
            }
        }

        Rows = rows;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }

    /// <summary>Row i's entries are at [RowStart[i], RowStart[i + 1]).</summary>
    public int[] RowStart { get; }

    public ushort[] Columns { get; }

    public ushort[] Values { get; }

    public int NonZeroCount => Columns.Length;

    public ReadOnlySpan<ushort> RowColumns(int row) => Columns.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    public ReadOnlySpan<ushort> RowValues(int row) => Values.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    /// <summary>An n×n matrix with no entries.</summary>
    public static SparseU16Matrix Empty(int rows) => new(rows, new int[rows + 1], [], []);

    /// <summary>Builds a matrix from per-row (column, value) lists, keeping each row's order.</summary>
    public static SparseU16Matrix FromRows(IReadOnlyList<IReadOnlyList<(ushort Column, ushort Value)>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rowStart = new int[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            rowStart[i + 1] = rowStart[i] + rows[i].Count;
        }

        var columns = new ushort[rowStart[rows.Count]];
        var values = new ushort[columns.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            var offset = rowStart[i];
            foreach (var (column, value) in rows[i])
            {
                columns[offset] = column;
                values[offset] = value;
                offset++;
            }
        }

        return new SparseU16Matrix(rows.Count, rowStart, columns, values);
    }
}
