namespace Bittensor.Models.Kernels;

/// <summary>Argument checks shared by every GEMM backend, so each refuses bad shapes with the same message.</summary>
public static class GemmArguments
{
    public static void Check(
        bool transposeA,
        bool transposeB,
        int m,
        int n,
        int k,
        int aLength,
        int lda,
        int bLength,
        int ldb,
        int cLength,
        int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var (aRows, aCols) = transposeA ? (k, m) : (m, k);
        var (bRows, bCols) = transposeB ? (n, k) : (k, n);
        Require("A", aRows, aCols, aLength, lda);
        Require("B", bRows, bCols, bLength, ldb);
        Require("C", m, n, cLength, ldc);
    }

    private static void Require(string matrix, int rows, int cols, int length, int stride)
    {
        if (stride < Math.Max(1, cols))
        {
            throw new ArgumentException(
                $"GEMM: the row stride of {matrix} is {stride} but a row holds {cols} elements; pass a stride of at least {Math.Max(1, cols)}.");
        }

        var needed = rows == 0 || cols == 0 ? 0L : ((long)(rows - 1) * stride) + cols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"GEMM: {matrix} is {rows}×{cols} with row stride {stride}, which needs {needed} elements, but its buffer holds {length}.");
        }
    }
}
