using System.Buffers;
using System.Numerics.Tensors;

namespace Bittensor.Models.Kernels;

/// <summary>
/// The elementwise and row-wise operations of a transformer, vectorised through
/// <see cref="TensorPrimitives"/>. Matrices are row-major with <c>columns</c> elements per row and no padding.
/// Outputs may be the same span as an input (in place) but must not partly overlap one. Backward functions
/// <em>add</em> to the gradients they are given, so gradients from several uses of a value accumulate.
/// </summary>
public static class Ops
{
    /// <summary>√(2/π), the scale inside GELU's tanh approximation.</summary>
    private const float GeluScale = 0.7978845608028654f;

    /// <summary>The cubic coefficient of GELU's tanh approximation.</summary>
    private const float GeluCubic = 0.044715f;

    private const int Chunk = 256;

    /// <summary>destination = x + y.</summary>
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) =>
        TensorPrimitives.Add(x, y, destination);

    /// <summary>destination = scale · x.</summary>
    public static void Scale(ReadOnlySpan<float> x, float scale, Span<float> destination) =>
        TensorPrimitives.Multiply(x, scale, destination);

    /// <summary>y += alpha · x (BLAS's axpy).</summary>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        SameLength(x.Length, y.Length, nameof(y));
        TensorPrimitives.MultiplyAdd(x, alpha, y, y);
    }

    /// <summary>
    /// Each row of <paramref name="x"/> (length a multiple of <paramref name="columns"/>) becomes a probability
    /// distribution: exp(x − max) / Σ exp(x − max), so large logits do not overflow.
    /// </summary>
    public static void SoftmaxRows(ReadOnlySpan<float> x, Span<float> destination, int columns)
    {
        var rows = Rows(x.Length, columns);
        SameLength(x.Length, destination.Length, nameof(destination));
        for (var r = 0; r < rows; r++)
        {
            var input = x.Slice(r * columns, columns);
            var output = destination.Slice(r * columns, columns);
            var max = TensorPrimitives.Max(input);
            TensorPrimitives.Subtract(input, max, output);
            TensorPrimitives.Exp(output, output);
            TensorPrimitives.Multiply(output, 1f / TensorPrimitives.Sum(output), output);
        }
    }

    /// <summary>GELU, GPT-2's tanh approximation: y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    public static void Gelu(ReadOnlySpan<float> x, Span<float> y)
    {
        SameLength(x.Length, y.Length, nameof(y));
        Span<float> t = stackalloc float[Chunk];
        for (var start = 0; start < x.Length; start += Chunk)
        {
            var count = Math.Min(Chunk, x.Length - start);
            var input = x.Slice(start, count);
            var output = y.Slice(start, count);
            var tanh = t[..count];
            GeluTanh(input, tanh);

            // y = ½x · (1 + t)
            TensorPrimitives.Add(tanh, 1f, tanh);
            TensorPrimitives.Multiply(input, tanh, output);
            TensorPrimitives.Multiply(output, 0.5f, output);
        }
    }

    /// <summary>
    /// dx += dy · GELU′(x) for the tanh approximation (see <see cref="GeluDerivative"/>).
    /// </summary>
    public static void GeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        SameLength(x.Length, dy.Length, nameof(dy));
        SameLength(x.Length, dx.Length, nameof(dx));
        Span<float> derivative = stackalloc float[Chunk];
        for (var start = 0; start < x.Length; start += Chunk)
        {
            var count = Math.Min(Chunk, x.Length - start);
            var d = derivative[..count];
            GeluDerivative(x.Slice(start, count), d);
            var gradient = dx.Slice(start, count);
            TensorPrimitives.MultiplyAdd(dy.Slice(start, count), d, gradient, gradient);
        }
    }

    /// <summary>
    /// GELU′(x) of the tanh approximation into <paramref name="d"/>: ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²),
    /// with t = tanh(√(2/π)(x + 0.044715x³)). The one place the derivative is written; both backward passes use it.
    /// </summary>
    public static void GeluDerivative(ReadOnlySpan<float> x, Span<float> d)
    {
        SameLength(x.Length, d.Length, nameof(d));
        Span<float> scratch = stackalloc float[2 * Chunk];
        for (var start = 0; start < x.Length; start += Chunk)
        {
            var count = Math.Min(Chunk, x.Length - start);
            var input = x.Slice(start, count);
            var t = scratch[..count];
            var v = scratch.Slice(Chunk, count);
            var u = d.Slice(start, count);
            GeluTanh(input, t);

            // u = x · √(2/π)(1 + 3·0.044715x²)
            TensorPrimitives.Multiply(input, input, u);
            TensorPrimitives.Multiply(u, 3 * GeluCubic * GeluScale, u);
            TensorPrimitives.Add(u, GeluScale, u);
            TensorPrimitives.Multiply(u, input, u);

            // u = ½(1 + t + u(1 − t²)) = GELU′(x)
            TensorPrimitives.Multiply(t, t, v);
            TensorPrimitives.Multiply(u, v, v);
            TensorPrimitives.Subtract(u, v, u);
            TensorPrimitives.Add(u, t, u);
            TensorPrimitives.Add(u, 1f, u);
            TensorPrimitives.Multiply(u, 0.5f, u);
        }
    }

    /// <summary>
    /// Layer normalisation of each row (GPT-2's, with the population variance):
    /// y = (x − mean) · rstd · gamma + beta with rstd = 1/√(var + epsilon). Writes each row's mean and rstd for
    /// <see cref="LayerNormBackward"/>.
    /// </summary>
    public static void LayerNorm(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta,
        Span<float> y,
        Span<float> mean,
        Span<float> rstd,
        float epsilon = 1e-5f)
    {
        var columns = gamma.Length;
        var rows = Rows(x.Length, columns);
        SameLength(columns, beta.Length, nameof(beta));
        SameLength(x.Length, y.Length, nameof(y));
        SameLength(rows, mean.Length, nameof(mean));
        SameLength(rows, rstd.Length, nameof(rstd));
        for (var r = 0; r < rows; r++)
        {
            var input = x.Slice(r * columns, columns);
            var output = y.Slice(r * columns, columns);
            var m = TensorPrimitives.Sum(input) / columns;
            TensorPrimitives.Subtract(input, m, output);
            var s = 1f / MathF.Sqrt((TensorPrimitives.SumOfSquares(output) / columns) + epsilon);
            TensorPrimitives.Multiply(output, s, output);
            TensorPrimitives.MultiplyAdd(output, gamma, beta, output);
            mean[r] = m;
            rstd[r] = s;
        }
    }

    /// <summary>
    /// The gradients of <see cref="LayerNorm"/>, added to <paramref name="dx"/>, <paramref name="dGamma"/> and
    /// <paramref name="dBeta"/>: with x̂ = (x − mean)·rstd and g = dy·gamma,
    /// dx += rstd · (g − mean(g) − x̂ · mean(g·x̂)), dGamma += Σ dy·x̂, dBeta += Σ dy over the rows.
    /// </summary>
    public static void LayerNormBackward(
        ReadOnlySpan<float> dy,
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> mean,
        ReadOnlySpan<float> rstd,
        Span<float> dx,
        Span<float> dGamma,
        Span<float> dBeta)
    {
        var columns = gamma.Length;
        var rows = Rows(x.Length, columns);
        SameLength(x.Length, dy.Length, nameof(dy));
        SameLength(x.Length, dx.Length, nameof(dx));
        SameLength(columns, dGamma.Length, nameof(dGamma));
        SameLength(columns, dBeta.Length, nameof(dBeta));
        SameLength(rows, mean.Length, nameof(mean));
        SameLength(rows, rstd.Length, nameof(rstd));
        var rented = ArrayPool<float>.Shared.Rent(2 * columns);
        try
        {
            var xHat = rented.AsSpan(0, columns);
            var g = rented.AsSpan(columns, columns);
            for (var r = 0; r < rows; r++)
            {
                var gradOut = dy.Slice(r * columns, columns);
                TensorPrimitives.Subtract(x.Slice(r * columns, columns), mean[r], xHat);
                TensorPrimitives.Multiply(xHat, rstd[r], xHat);
                TensorPrimitives.MultiplyAdd(gradOut, xHat, dGamma, dGamma);
                TensorPrimitives.Add(dBeta, gradOut, dBeta);

                TensorPrimitives.Multiply(gradOut, gamma, g);
                var meanG = TensorPrimitives.Sum(g) / columns;
                var meanGx = TensorPrimitives.Dot(g, xHat) / columns;

                // g ← (g − mean(g) − x̂·mean(g·x̂)) · rstd, then added to dx.
                TensorPrimitives.Subtract(g, meanG, g);
                TensorPrimitives.MultiplyAdd(xHat, -meanGx, g, g);
                var gradIn = dx.Slice(r * columns, columns);
                TensorPrimitives.MultiplyAdd(g, rstd[r], gradIn, gradIn);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>t = tanh(√(2/π)(x + 0.044715x³)).</summary>
    private static void GeluTanh(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, GeluCubic, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Multiply(t, GeluScale, t);
        TensorPrimitives.Tanh(t, t);
    }

    private static int Rows(int length, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (length % columns != 0)
        {
            throw new ArgumentException($"Ops: {length} elements are not a whole number of rows of {columns} columns.");
        }

        return length / columns;
    }

    private static void SameLength(int expected, int actual, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Ops: {name} holds {actual} elements but the input holds {expected}; pass spans of equal length.", name);
        }
    }
}
