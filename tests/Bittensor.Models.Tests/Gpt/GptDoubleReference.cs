using Bittensor.Models.Gpt;

namespace Bittensor.Models.Tests.Gpt;

/// <summary>
/// A second, deliberately naive GPT-2 forward pass in double precision, written from the formulas: the oracle for the
/// model's loss and, by central differences, for its gradients.
/// </summary>
internal static class GptDoubleReference
{
    public static double Loss(GptParameters layout, double[] w, int[] inputs, int[] targets, int batch)
    {
        var config = layout.Config;
        int t = inputs.Length / batch, c = config.EmbeddingSize, nh = config.Heads, hs = config.HeadSize, v = config.VocabularySize;
        double Get(string name, int index) => w[layout[name].Offset + index];
        int Row(int id) => config.Vocabulary?.RowOf(id) ?? id;
        double total = 0;
        for (var b = 0; b < batch; b++)
        {
            var x = new double[t, c];
            for (var i = 0; i < t; i++)
            {
                var row = Row(inputs[(b * t) + i]);
                for (var j = 0; j < c; j++)
                {
                    x[i, j] = Get("wte.weight", (row * c) + j) + Get("wpe.weight", (i * c) + j);
                }
            }

            for (var l = 0; l < config.Layers; l++)
            {
                var h = $"h.{l}.";
                var ln1 = LayerNorm(x, k => Get(h + "ln_1.weight", k), k => Get(h + "ln_1.bias", k));
                var qkv = Linear(ln1, 3 * c, (i, o) => Get(h + "attn.c_attn.weight", (i * 3 * c) + o), o => Get(h + "attn.c_attn.bias", o));
                var y = new double[t, c];
                for (var head = 0; head < nh; head++)
                {
                    for (var i = 0; i < t; i++)
                    {
                        var scores = new double[i + 1];
                        var max = double.NegativeInfinity;
                        for (var j = 0; j <= i; j++)
                        {
                            double s = 0;
                            for (var d = 0; d < hs; d++)
                            {
                                s += qkv[i, (head * hs) + d] * qkv[j, c + (head * hs) + d];
                            }

                            scores[j] = s / Math.Sqrt(hs);
                            max = Math.Max(max, scores[j]);
                        }

                        double sum = 0;
                        for (var j = 0; j <= i; j++)
                        {
                            scores[j] = Math.Exp(scores[j] - max);
                            sum += scores[j];
                        }

                        for (var j = 0; j <= i; j++)
                        {
                            for (var d = 0; d < hs; d++)
                            {
                                y[i, (head * hs) + d] += scores[j] / sum * qkv[j, (2 * c) + (head * hs) + d];
                            }
                        }
                    }
                }

                var attn = Linear(y, c, (i, o) => Get(h + "attn.c_proj.weight", (i * c) + o), o => Get(h + "attn.c_proj.bias", o));
                Add(x, attn);
                var ln2 = LayerNorm(x, k => Get(h + "ln_2.weight", k), k => Get(h + "ln_2.bias", k));
                var fc = Linear(ln2, 4 * c, (i, o) => Get(h + "mlp.c_fc.weight", (i * 4 * c) + o), o => Get(h + "mlp.c_fc.bias", o));
                for (var i = 0; i < t; i++)
                {
                    for (var j = 0; j < 4 * c; j++)
                    {
                        var z = fc[i, j];
                        fc[i, j] = 0.5 * z * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (z + (0.044715 * z * z * z))));
                    }
                }

                var mlp = Linear(fc, c, (i, o) => Get(h + "mlp.c_proj.weight", (i * c) + o), o => Get(h + "mlp.c_proj.bias", o));
                Add(x, mlp);
            }

            var lnf = LayerNorm(x, k => Get("ln_f.weight", k), k => Get("ln_f.bias", k));
            for (var i = 0; i < t; i++)
            {
                var logits = new double[v];
                var max = double.NegativeInfinity;
                for (var r = 0; r < v; r++)
                {
                    double s = 0;
                    for (var j = 0; j < c; j++)
                    {
                        s += lnf[i, j] * Get("wte.weight", (r * c) + j);
                    }

                    logits[r] = s;
                    max = Math.Max(max, s);
                }

                double sum = 0;
                foreach (var z in logits)
                {
                    sum += Math.Exp(z - max);
                }

                var target = targets[(b * t) + i];
                var targetRow = Row(target);
                total += Math.Log(sum) + max - logits[targetRow];
                if (config.Vocabulary is { } vocabulary && targetRow == vocabulary.OtherRow)
                {
                    total += Math.Log(vocabulary.OtherCount);
                }
            }
        }

        return total / inputs.Length;
    }

    private static double[,] LayerNorm(double[,] x, Func<int, double> weight, Func<int, double> bias)
    {
        int rows = x.GetLength(0), c = x.GetLength(1);
        var y = new double[rows, c];
        for (var i = 0; i < rows; i++)
        {
            double mean = 0, variance = 0;
            for (var j = 0; j < c; j++)
            {
                mean += x[i, j];
            }

            mean /= c;
            for (var j = 0; j < c; j++)
            {
                variance += (x[i, j] - mean) * (x[i, j] - mean);
            }

            variance /= c;
            for (var j = 0; j < c; j++)
            {
                y[i, j] = ((x[i, j] - mean) / Math.Sqrt(variance + 1e-5) * weight(j)) + bias(j);
            }
        }

        return y;
    }

    private static double[,] Linear(double[,] x, int outputs, Func<int, int, double> weight, Func<int, double> bias)
    {
        int rows = x.GetLength(0), inputs = x.GetLength(1);
        var y = new double[rows, outputs];
        for (var i = 0; i < rows; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var s = bias(o);
                for (var k = 0; k < inputs; k++)
                {
                    s += x[i, k] * weight(k, o);
                }

                y[i, o] = s;
            }
        }

        return y;
    }

    private static void Add(double[,] x, double[,] y)
    {
        for (var i = 0; i < x.GetLength(0); i++)
        {
            for (var j = 0; j < x.GetLength(1); j++)
            {
                x[i, j] += y[i, j];
            }
        }
    }
}
