using System.Buffers;
using System.Numerics.Tensors;

using Bittensor.Models.Kernels;

namespace Bittensor.Models.Gpt;

/// <summary>
/// The GPT's vectorised row operations (LayerNorm, GELU, bias) and the row-parallel loop they share; the single-row
/// LayerNorm and the GELU serve inference (<see cref="GptInference"/>) too, so both compute the same function.
/// </summary>
internal static class Elementwise
{

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) in chunks, in parallel when it pays.</summary>
    public static void ForRows(int count, long workPerRow, Action<int, int> body)
    {
        var threads = Environment.ProcessorCount;
        if (threads <= 1 || count < 2 || workPerRow * count < 1 << 15)
        {
            body(0, count);
            return;
        }

        var chunks = Math.Min(count, threads * 4);
        Parallel.For(0, chunks, chunk =>
        {
            var start = (int)((long)count * chunk / chunks);
            var end = (int)((long)count * (chunk + 1) / chunks);
            body(start, end);
        });
    }

    /// <summary>out = LayerNorm(x)·w + b per row of width c; saves each row's mean and 1/σ.</summary>
    public static void LayerNormForward(
        float[] x, int xOffset, float[] output, int outOffset, float[] mean, float[] rstd, int statsOffset,
        float[] parameters, int weightOffset, int biasOffset, int rows, int c)
    {
        ForRows(rows, 8L * c, (start, end) =>
        {
            var w = parameters.AsSpan(weightOffset, c);
            var b = parameters.AsSpan(biasOffset, c);
            for (var r = start; r < end; r++)
            {
                var (m, s) = LayerNorm(x.AsSpan(xOffset + (r * c), c), w, b, output.AsSpan(outOffset + (r * c), c));
                mean[statsOffset + r] = m;
                rstd[statsOffset + r] = s;
            }
        });
    }

    /// <summary>
    /// GPT-2's LayerNorm of one row through <see cref="Ops.LayerNorm"/>; returns the mean and 1/σ for a backward pass.
    /// Training and inference both normalise here.
    /// </summary>
    public static (float Mean, float Rstd) LayerNorm(ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias, Span<float> y)
    {
        Span<float> mean = stackalloc float[1];
        Span<float> rstd = stackalloc float[1];
        Ops.LayerNorm(x, gain, bias, y, mean, rstd);
        return (mean[0], rstd[0]);
    }

    /// <summary>
    /// LayerNorm's backward through <see cref="Ops.LayerNormBackward"/>: adds ∂L/∂x into <paramref name="dx"/> and
    /// ∂L/∂w, ∂L/∂b into the gradient array, given ∂L/∂out in <paramref name="dout"/>. One thread (the weight gradients
    /// are shared by every row).
    /// </summary>
    public static void LayerNormBackward(
        float[] dout, int doutOffset, float[] x, int xOffset, float[] mean, float[] rstd, int statsOffset,
        float[] parameters, float[] gradients, int weightOffset, int biasOffset, float[] dx, int dxOffset, int rows, int c) =>
        Ops.LayerNormBackward(
            dout.AsSpan(doutOffset, rows * c),
            x.AsSpan(xOffset, rows * c),
            parameters.AsSpan(weightOffset, c),
            mean.AsSpan(statsOffset, rows),
            rstd.AsSpan(statsOffset, rows),
            dx.AsSpan(dxOffset, rows * c),
            gradients.AsSpan(weightOffset, c),
            gradients.AsSpan(biasOffset, c));

    /// <summary>Each row (as wide as the bias) set to the bias.</summary>
    public static void FillRows(float[] output, int offset, int rows, ReadOnlySpan<float> bias)
    {
        var c = bias.Length;
        for (var r = 0; r < rows; r++)
        {
            bias.CopyTo(output.AsSpan(offset + (r * c), c));
        }
    }

    /// <summary>Each row of <paramref name="output"/> = the matching row of <paramref name="x"/> + the bias.</summary>
    public static void AddBiasRows(float[] x, int xOffset, float[] output, int offset, int rows, ReadOnlySpan<float> bias)
    {
        var c = bias.Length;
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(x.AsSpan(xOffset + (r * c), c), bias, output.AsSpan(offset + (r * c), c));
        }
    }

    /// <summary>Adds the column sums of a rows×c matrix into <paramref name="sums"/>.</summary>
    public static void AddColumnSums(float[] matrix, int offset, int rows, Span<float> sums)
    {
        var c = sums.Length;
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, matrix.AsSpan(offset + (r * c), c), sums);
        }
    }

    /// <summary>GPT-2's GELU, tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
    public static void GeluForward(float[] x, int xOffset, float[] output, int outOffset, int rows, int c)
    {
        ForRows(rows, 16L * c, (start, end) =>
        {
            var n = (end - start) * c;
            Gelu(x.AsSpan(xOffset + (start * c), n), output.AsSpan(outOffset + (start * c), n));
        });
    }

    /// <summary>
    /// GPT-2's GELU through <see cref="Ops.Gelu"/> (in place when <paramref name="x"/> and <paramref name="output"/> are
    /// the same span). Training and inference both use it.
    /// </summary>
    public static void Gelu(ReadOnlySpan<float> x, Span<float> output) => Ops.Gelu(x, output);

    /// <summary>
    /// GELU's backward in place: <paramref name="grad"/> holds ∂L/∂out on entry and ∂L/∂x on exit, for inputs
    /// <paramref name="x"/> (the derivative is <see cref="Ops.GeluDerivative"/>).
    /// </summary>
    public static void GeluBackward(float[] x, int xOffset, float[] grad, int gradOffset, int rows, int c)
    {
        ForRows(rows, 24L * c, (start, end) =>
        {
            var input = x.AsSpan(xOffset + (start * c), (end - start) * c);
            var g = grad.AsSpan(gradOffset + (start * c), (end - start) * c);
            var size = Math.Min(input.Length, 1 << 14);
            var scratch = ArrayPool<float>.Shared.Rent(size);
            for (var from = 0; from < input.Length; from += size)
            {
                var n = Math.Min(size, input.Length - from);
                var d = scratch.AsSpan(0, n);
                Ops.GeluDerivative(input.Slice(from, n), d);
                var gi = g.Slice(from, n);
                TensorPrimitives.Multiply(gi, d, gi);
            }

            ArrayPool<float>.Shared.Return(scratch);
        });
    }
}
