using Bittensor.Models.Kernels;

namespace Bittensor.Models.Tests;

/// <summary>Each vectorised operation against a plain loop in double precision, on lengths that are not multiples of any vector width.</summary>
public sealed class OpsTests
{
    private static float[] Random(int seed, int length, double scale = 3)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }

    private static void Close(double expected, float actual, double tolerance, string what)
    {
        if (!(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected))))
        {
            Assert.Fail($"{what}: {actual}, expected {expected}");
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Add_scale_and_axpy_match_loops()
    {
        await Task.Yield();
        var x = Random(1, 1003);
        var y = Random(2, 1003);
        var sum = new float[x.Length];
        var scaled = new float[x.Length];
        var axpy = (float[])y.Clone();
        Ops.Add(x, y, sum);
        Ops.Scale(x, -0.37f, scaled);
        Ops.Axpy(1.5f, x, axpy);
        for (var i = 0; i < x.Length; i++)
        {
            Close((double)x[i] + y[i], sum[i], 1e-6, $"add[{i}]");
            Close(-0.37 * x[i], scaled[i], 1e-6, $"scale[{i}]");
            Close(y[i] + (1.5 * x[i]), axpy[i], 1e-6, $"axpy[{i}]");
        }

        Assert.Throws<ArgumentException>(() => Ops.Axpy(1f, x, new float[3]));
    }

    [Fact(Timeout = 10_000)]
    public async Task Softmax_rows_match_a_loop_and_survive_large_logits()
    {
        await Task.Yield();
        const int columns = 77;
        var x = Random(3, columns * 5, scale: 20);
        x[3] = 1000f; // exp would overflow without subtracting the row's maximum
        var y = new float[x.Length];
        Ops.SoftmaxRows(x, y, columns);
        for (var r = 0; r < 5; r++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < columns; j++)
            {
                max = Math.Max(max, x[(r * columns) + j]);
            }

            double total = 0;
            for (var j = 0; j < columns; j++)
            {
                total += Math.Exp(x[(r * columns) + j] - max);
            }

            for (var j = 0; j < columns; j++)
            {
                Close(Math.Exp(x[(r * columns) + j] - max) / total, y[(r * columns) + j], 1e-5, $"softmax[{r},{j}]");
            }
        }

        Assert.Throws<ArgumentException>(() => Ops.SoftmaxRows(x, y, 76));
    }

    private static double GeluLoop(double x) =>
        0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));

    [Fact(Timeout = 10_000)]
    public async Task Gelu_forward_and_backward_match_loops_and_finite_differences()
    {
        await Task.Yield();
        var x = Random(4, 1000, scale: 6);
        var dy = Random(5, 1000);
        var y = new float[x.Length];
        var dx = Random(6, 1000);
        var before = (float[])dx.Clone();
        Ops.Gelu(x, y);
        Ops.GeluBackward(x, dy, dx);
        for (var i = 0; i < x.Length; i++)
        {
            Close(GeluLoop(x[i]), y[i], 1e-5, $"gelu[{i}]");
            var h = 1e-4;
            var derivative = (GeluLoop(x[i] + h) - GeluLoop(x[i] - h)) / (2 * h);
            Close(before[i] + (dy[i] * derivative), dx[i], 1e-4, $"gelu'[{i}] at {x[i]}");
        }

        // In place.
        Ops.Gelu(x, x);
        Assert.Equal(y, x);
    }

    [Fact(Timeout = 10_000)]
    public async Task Layer_norm_forward_matches_a_loop()
    {
        await Task.Yield();
        const int rows = 6, columns = 37;
        var x = Random(7, rows * columns, scale: 4);
        var gamma = Random(8, columns);
        var beta = Random(9, columns);
        var y = new float[x.Length];
        var mean = new float[rows];
        var rstd = new float[rows];
        Ops.LayerNorm(x, gamma, beta, y, mean, rstd);
        for (var r = 0; r < rows; r++)
        {
            double m = 0, v = 0;
            for (var j = 0; j < columns; j++)
            {
                m += x[(r * columns) + j];
            }

            m /= columns;
            for (var j = 0; j < columns; j++)
            {
                v += Math.Pow(x[(r * columns) + j] - m, 2);
            }

            var s = 1 / Math.Sqrt((v / columns) + 1e-5);
            Close(m, mean[r], 1e-5, $"mean[{r}]");
            Close(s, rstd[r], 1e-5, $"rstd[{r}]");
            for (var j = 0; j < columns; j++)
            {
                Close(((x[(r * columns) + j] - m) * s * gamma[j]) + beta[j], y[(r * columns) + j], 1e-5, $"y[{r},{j}]");
            }
        }
    }

    /// <summary>
    /// The backward pass against central differences of L = Σ w·LayerNorm(x) (in double), for x, gamma and beta,
    /// and checks that it adds to the gradients it is given.
    /// </summary>
    [Fact(Timeout = 10_000)]
    public async Task Layer_norm_backward_matches_finite_differences_and_accumulates()
    {
        await Task.Yield();
        const int rows = 3, columns = 19;
        var x = Random(10, rows * columns, scale: 2);
        var gamma = Random(11, columns);
        var beta = Random(12, columns);
        var w = Random(13, rows * columns);
        var y = new float[x.Length];
        var mean = new float[rows];
        var rstd = new float[rows];
        Ops.LayerNorm(x, gamma, beta, y, mean, rstd);
        var dx = Enumerable.Repeat(0.25f, x.Length).ToArray();
        var dGamma = Enumerable.Repeat(-0.5f, columns).ToArray();
        var dBeta = Enumerable.Repeat(1f, columns).ToArray();
        Ops.LayerNormBackward(w, x, gamma, mean, rstd, dx, dGamma, dBeta);

        double Loss(double[] xs, double[] g, double[] b)
        {
            double loss = 0;
            for (var r = 0; r < rows; r++)
            {
                double m = 0, v = 0;
                for (var j = 0; j < columns; j++)
                {
                    m += xs[(r * columns) + j];
                }

                m /= columns;
                for (var j = 0; j < columns; j++)
                {
                    v += Math.Pow(xs[(r * columns) + j] - m, 2);
                }

                var s = 1 / Math.Sqrt((v / columns) + 1e-5);
                for (var j = 0; j < columns; j++)
                {
                    loss += w[(r * columns) + j] * ((((xs[(r * columns) + j] - m) * s * g[j]) + b[j]));
                }
            }

            return loss;
        }

        var xd = x.Select(v => (double)v).ToArray();
        var gd = gamma.Select(v => (double)v).ToArray();
        var bd = beta.Select(v => (double)v).ToArray();
        double Derivative(double[] values, int i)
        {
            const double h = 1e-6;
            var keep = values[i];
            values[i] = keep + h;
            var up = Loss(xd, gd, bd);
            values[i] = keep - h;
            var down = Loss(xd, gd, bd);
            values[i] = keep;
            return (up - down) / (2 * h);
        }

        for (var i = 0; i < x.Length; i++)
        {
            Close(0.25 + Derivative(xd, i), dx[i], 1e-3, $"dx[{i}]");
        }

        for (var j = 0; j < columns; j++)
        {
            Close(-0.5 + Derivative(gd, j), dGamma[j], 1e-3, $"dGamma[{j}]");
            Close(1 + Derivative(bd, j), dBeta[j], 1e-3, $"dBeta[{j}]");
        }
    }
}
