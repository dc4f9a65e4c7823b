using System.Buffers;
using System.Numerics;
using Bittensor.Models.Kernels;

namespace Bittensor.Models.Tests.Gpt;

/// <summary>
/// A plain cache-blocked SIMD GEMM for the GPT tests and the training-speed measurement, until the library's own
/// fast kernel is available: transposed operands are copied out, B is packed in panels of 16 columns, and a 4×16
/// register block is accumulated with FMAs; column blocks run in parallel.
/// </summary>
public sealed class BlockedTestGemm : IGemmBackend
{
    public static readonly BlockedTestGemm Instance = new();

    private const int Width = 16;
    private const int ColumnBlock = 256;

    public string Name => "blocked-test";

    public void Sgemm(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmArguments.Check(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        // op(A) as row-major m×k, op(B) as row-major k×n.
        var aRows = ArrayPool<float>.Shared.Rent(Math.Max(1, m * k));
        var bRows = ArrayPool<float>.Shared.Rent(Math.Max(1, k * n));
        var cRows = ArrayPool<float>.Shared.Rent(m * n);
        try
        {
            for (var i = 0; i < m; i++)
            {
                for (var p = 0; p < k; p++)
                {
                    aRows[(i * k) + p] = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                }
            }

            if (transposeB)
            {
                for (var j = 0; j < n; j++)
                {
                    var row = b.Slice(j * ldb, k);
                    for (var p = 0; p < k; p++)
                    {
                        bRows[(p * n) + j] = row[p];
                    }
                }
            }
            else
            {
                for (var p = 0; p < k; p++)
                {
                    b.Slice(p * ldb, n).CopyTo(bRows.AsSpan(p * n, n));
                }
            }

            var blocks = (n + ColumnBlock - 1) / ColumnBlock;
            void Block(int block)
            {
                Multiply(aRows, bRows, cRows, m, n, k, block * ColumnBlock, Math.Min(n, (block + 1) * ColumnBlock));
            }

            if ((long)m * n * k < 1 << 18)
            {
                for (var block = 0; block < blocks; block++)
                {
                    Block(block);
                }
            }
            else
            {
                Parallel.For(0, blocks, Block);
            }

            for (var i = 0; i < m; i++)
            {
                var target = c.Slice(i * ldc, n);
                var product = cRows.AsSpan(i * n, n);
                for (var j = 0; j < n; j++)
                {
                    target[j] = (alpha * product[j]) + (beta == 0 ? 0 : beta * target[j]);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(aRows);
            ArrayPool<float>.Shared.Return(bRows);
            ArrayPool<float>.Shared.Return(cRows);
        }
    }

    private static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k, int from, int to)
    {
        var panels = (to - from + Width - 1) / Width;
        var packed = ArrayPool<float>.Shared.Rent(panels * k * Width);
        try
        {
            for (var panel = 0; panel < panels; panel++)
            {
                var j0 = from + (panel * Width);
                var cols = Math.Min(Width, to - j0);
                for (var p = 0; p < k; p++)
                {
                    var dst = packed.AsSpan(((panel * k) + p) * Width, Width);
                    b.AsSpan((p * n) + j0, cols).CopyTo(dst);
                    dst[cols..].Clear();
                }
            }

            var vc = Vector<float>.Count;
            var perPanel = Width / vc;
            Span<float> tile = stackalloc float[4 * Width];
            for (var panel = 0; panel < panels; panel++)
            {
                var j0 = from + (panel * Width);
                var cols = Math.Min(Width, to - j0);
                var bp = packed.AsSpan(panel * k * Width, k * Width);
                var i = 0;
                for (; i + 4 <= m; i += 4)
                {
                    Kernel4(a, i, k, bp, perPanel, vc, tile);
                    for (var r = 0; r < 4; r++)
                    {
                        tile.Slice(r * Width, cols).CopyTo(c.AsSpan(((i + r) * n) + j0, cols));
                    }
                }

                for (; i < m; i++)
                {
                    var row = c.AsSpan((i * n) + j0, cols);
                    row.Clear();
                    for (var p = 0; p < k; p++)
                    {
                        var x = a[(i * k) + p];
                        for (var j = 0; j < cols; j++)
                        {
                            row[j] += x * bp[(p * Width) + j];
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packed);
        }
    }

    private static void Kernel4(float[] a, int i, int k, ReadOnlySpan<float> bp, int perPanel, int vc, Span<float> tile)
    {
        if (perPanel == 2)
        {
            Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
            int r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
            for (var p = 0; p < k; p++)
            {
                var b0 = new Vector<float>(bp.Slice(p * Width, vc));
                var b1 = new Vector<float>(bp.Slice((p * Width) + vc, vc));
                var x0 = new Vector<float>(a[r0 + p]);
                var x1 = new Vector<float>(a[r1 + p]);
                var x2 = new Vector<float>(a[r2 + p]);
                var x3 = new Vector<float>(a[r3 + p]);
                c00 = Vector.FusedMultiplyAdd(x0, b0, c00);
                c01 = Vector.FusedMultiplyAdd(x0, b1, c01);
                c10 = Vector.FusedMultiplyAdd(x1, b0, c10);
                c11 = Vector.FusedMultiplyAdd(x1, b1, c11);
                c20 = Vector.FusedMultiplyAdd(x2, b0, c20);
                c21 = Vector.FusedMultiplyAdd(x2, b1, c21);
                c30 = Vector.FusedMultiplyAdd(x3, b0, c30);
                c31 = Vector.FusedMultiplyAdd(x3, b1, c31);
            }

            c00.CopyTo(tile);
            c01.CopyTo(tile[vc..]);
            c10.CopyTo(tile[Width..]);
            c11.CopyTo(tile[(Width + vc)..]);
            c20.CopyTo(tile[(2 * Width)..]);
            c21.CopyTo(tile[((2 * Width) + vc)..]);
            c30.CopyTo(tile[(3 * Width)..]);
            c31.CopyTo(tile[((3 * Width) + vc)..]);
            return;
        }

        tile.Clear();
        for (var r = 0; r < 4; r++)
        {
            for (var p = 0; p < k; p++)
            {
                var x = a[((i + r) * k) + p];
                for (var j = 0; j < Width; j++)
                {
                    tile[(r * Width) + j] += x * bp[(p * Width) + j];
                }
            }
        }
    }
}
