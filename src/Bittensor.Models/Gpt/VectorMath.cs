using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bittensor.Models.Gpt;

/// <summary>
/// The vectorised vector and matrix–vector helpers of inference: dot products, axpy, softmax, and the
/// matrix–vector products single-token decoding needs (weights streamed once, split across cores when large).
/// </summary>
internal static class VectorMath
{
    /// <summary>Below this many multiply-adds a product runs on the calling thread.</summary>
    private const int ParallelThreshold = 1 << 17;

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        if (b.Length < n)
        {
            throw new ArgumentException($"Dot product of {n} elements with a vector of {b.Length}.", nameof(b));
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var width = Vector<float>.Count;
        var i = 0;
        var s0 = Vector<float>.Zero;
        var s1 = Vector<float>.Zero;
        var s2 = Vector<float>.Zero;
        var s3 = Vector<float>.Zero;
        for (; i <= n - (4 * width); i += 4 * width)
        {
            s0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            s1 += Vector.LoadUnsafe(ref ra, (nuint)(i + width)) * Vector.LoadUnsafe(ref rb, (nuint)(i + width));
            s2 += Vector.LoadUnsafe(ref ra, (nuint)(i + (2 * width))) * Vector.LoadUnsafe(ref rb, (nuint)(i + (2 * width)));
            s3 += Vector.LoadUnsafe(ref ra, (nuint)(i + (3 * width))) * Vector.LoadUnsafe(ref rb, (nuint)(i + (3 * width)));
        }

        for (; i <= n - width; i += width)
        {
            s0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
        }

        var sum = Vector.Sum((s0 + s1) + (s2 + s3));
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }

        return sum;
    }

    /// <summary><c>y += alpha · x</c>.</summary>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        var n = y.Length;
        if (x.Length < n)
        {
            throw new ArgumentException($"Axpy into {n} elements from a vector of {x.Length}.", nameof(x));
        }

        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        var a = new Vector<float>(alpha);
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= n - width; i += width)
        {
            (Vector.LoadUnsafe(ref ry, (nuint)i) + (a * Vector.LoadUnsafe(ref rx, (nuint)i))).StoreUnsafe(ref ry, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ry, i) += alpha * Unsafe.Add(ref rx, i);
        }
    }

    /// <summary><c>y += x</c>.</summary>
    public static void Add(ReadOnlySpan<float> x, Span<float> y) => Axpy(1f, x, y);

    /// <summary>
    /// <c>y[N] = x[K] · W[K×N] + bias</c> with W row-major (GPT-2's [in, out] layout): one pass over W, rows of W
    /// added into y scaled by x; large products split y's columns across cores.
    /// </summary>
    public static void RowTimesMatrix(ReadOnlySpan<float> x, float[] weights, int weightOffset, int k, int n, ReadOnlySpan<float> bias, Span<float> y)
    {
        if ((long)k * n < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            RowTimesMatrixColumns(x, weights.AsSpan(weightOffset, k * n), k, n, 0, n, bias, y);
            return;
        }

        var width = Vector<float>.Count;
        var blocks = Math.Min(Environment.ProcessorCount * 2, Math.Max(1, n / (4 * width)));
        var blockSize = ((n + blocks - 1) / blocks + width - 1) / width * width;
        var xs = x.ToArray();
        var biasArray = bias.IsEmpty ? null : bias.ToArray();
        var result = new float[n];
        Parallel.For(0, (n + blockSize - 1) / blockSize, block =>
        {
            var start = block * blockSize;
            var count = Math.Min(blockSize, n - start);
            RowTimesMatrixColumns(xs, weights.AsSpan(weightOffset, k * n), k, n, start, count, biasArray, result);
        });
        result.CopyTo(y);
    }

    private static void RowTimesMatrixColumns(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> w,
        int k,
        int n,
        int start,
        int count,
        ReadOnlySpan<float> bias,
        Span<float> y)
    {
        var target = y.Slice(start, count);
        if (bias.IsEmpty)
        {
            target.Clear();
        }
        else
        {
            bias.Slice(start, count).CopyTo(target);
        }

        for (var row = 0; row < k; row++)
        {
            Axpy(x[row], w.Slice((row * n) + start, count), target);
        }
    }

    /// <summary><c>y[r] = M[r,:] · x</c> for the <paramref name="rows"/> rows of M (the tied head: wte · x).</summary>
    public static void MatrixTimesVector(float[] matrix, int matrixOffset, int rows, int columns, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length < columns || y.Length < rows || matrixOffset < 0 || matrixOffset + ((long)rows * columns) > matrix.Length)
        {
            throw new ArgumentException($"Matrix–vector product: a {rows}×{columns} matrix at {matrixOffset} in {matrix.Length}, x of {x.Length}, y of {y.Length}.");
        }

        if ((long)rows * columns < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            MatrixTimesVectorRows(matrix, matrixOffset, columns, x, y, 0, rows);
            return;
        }

        var xs = x.ToArray();
        var result = new float[rows];
        var blocks = Environment.ProcessorCount * 4;
        var blockSize = (rows + blocks - 1) / blocks;
        Parallel.For(0, blocks, block =>
        {
            var start = block * blockSize;
            var end = Math.Min(rows, start + blockSize);
            if (start < end)
            {
                MatrixTimesVectorRows(matrix, matrixOffset, columns, xs, result, start, end);
            }
        });
        result.CopyTo(y);
    }

    private static void MatrixTimesVectorRows(float[] matrix, int offset, int columns, ReadOnlySpan<float> x, Span<float> y, int start, int end)
    {
        var width = Vector<float>.Count;
        var vectorEnd = columns - (columns % width);
        ref var rx = ref MemoryMarshal.GetReference(x);
        var r = start;

        // Four rows per pass over x: each x vector is loaded once for four products.
        for (; r + 4 <= end; r += 4)
        {
            ref var r0 = ref matrix[offset + (r * columns)];
            ref var r1 = ref Unsafe.Add(ref r0, columns);
            ref var r2 = ref Unsafe.Add(ref r1, columns);
            ref var r3 = ref Unsafe.Add(ref r2, columns);
            if (offset + ((r + 4) * columns) > matrix.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(end));
            }

            var s0 = Vector<float>.Zero;
            var s1 = Vector<float>.Zero;
            var s2 = Vector<float>.Zero;
            var s3 = Vector<float>.Zero;
            for (var i = 0; i < vectorEnd; i += width)
            {
                var xv = Vector.LoadUnsafe(ref rx, (nuint)i);
                s0 += Vector.LoadUnsafe(ref r0, (nuint)i) * xv;
                s1 += Vector.LoadUnsafe(ref r1, (nuint)i) * xv;
                s2 += Vector.LoadUnsafe(ref r2, (nuint)i) * xv;
                s3 += Vector.LoadUnsafe(ref r3, (nuint)i) * xv;
            }

            float t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
            for (var i = vectorEnd; i < columns; i++)
            {
                var xi = Unsafe.Add(ref rx, i);
                t0 += Unsafe.Add(ref r0, i) * xi;
                t1 += Unsafe.Add(ref r1, i) * xi;
                t2 += Unsafe.Add(ref r2, i) * xi;
                t3 += Unsafe.Add(ref r3, i) * xi;
            }

            y[r] = t0;
            y[r + 1] = t1;
            y[r + 2] = t2;
            y[r + 3] = t3;
        }

        for (; r < end; r++)
        {
            y[r] = Dot(matrix.AsSpan(offset + (r * columns), columns), x);
        }
    }

    /// <summary>Softmax in place, accumulated in double.</summary>
    public static void Softmax(Span<float> x)
    {
        var max = float.NegativeInfinity;
        foreach (var v in x)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var e = MathF.Exp(x[i] - max);
            x[i] = e;
            sum += e;
        }

        var inverse = (float)(1.0 / sum);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= inverse;
        }
    }

    /// <summary>log softmax(x)[target], accumulated in double.</summary>
    public static double LogSoftmaxAt(ReadOnlySpan<float> x, int target)
    {
        var max = float.NegativeInfinity;
        foreach (var v in x)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (var v in x)
        {
            sum += Math.Exp(v - max);
        }

        return x[target] - max - Math.Log(sum);
    }
}
