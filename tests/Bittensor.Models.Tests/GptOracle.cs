using Bittensor.Models.Gpt;

namespace Bittensor.Models.Tests;

/// <summary>
/// GPT-2's forward pass written as plainly as possible in double precision, straight from the definition, as an
/// independent check of the inference code: logits [T, V] and the final LayerNorm output [T, C].
/// </summary>
internal static class GptOracle
{
    public static (double[,] Logits, double[,] Hidden) Forward(GptParameters p, int[] tokens)
    {
        var config = p.Config;
        int t = tokens.Length, c = config.EmbeddingSize, heads = config.Heads, hs = c / heads, v = config.VocabularySize;
        var wte = p.Value("wte.weight");
        var wpe = p.Value("wpe.weight");
        var x = new double[t, c];
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j < c; j++)
            {
                x[i, j] = wte[(tokens[i] * c) + j] + wpe[(i * c) + j];
            }
        }

        for (var l = 0; l < config.Layers; l++)
        {
            var h = $"h.{l}.";
            var a = LayerNorm(x, p, h + "ln_1");
            var qkv = Linear(a, p, h + "attn.c_attn", 3 * c);
            var attended = new double[t, c];
            for (var head = 0; head < heads; head++)
            {
                for (var i = 0; i < t; i++)
                {
                    var scores = new double[i + 1];
                    for (var s = 0; s <= i; s++)
                    {
                        double dot = 0;
                        for (var d = 0; d < hs; d++)
                        {
                            dot += qkv[i, (head * hs) + d] * qkv[s, c + (head * hs) + d];
                        }

                        scores[s] = dot / Math.Sqrt(hs);
                    }

                    var max = scores.Max();
                    var sum = scores.Sum(z => Math.Exp(z - max));
                    for (var s = 0; s <= i; s++)
                    {
                        var weight = Math.Exp(scores[s] - max) / sum;
                        for (var d = 0; d < hs; d++)
                        {
                            attended[i, (head * hs) + d] += weight * qkv[s, (2 * c) + (head * hs) + d];
                        }
                    }
                }
            }

            Accumulate(x, Linear(attended, p, h + "attn.c_proj", c));
            var m = Linear(LayerNorm(x, p, h + "ln_2"), p, h + "mlp.c_fc", 4 * c);
            for (var i = 0; i < t; i++)
            {
                for (var j = 0; j < 4 * c; j++)
                {
                    var z = m[i, j];
                    m[i, j] = 0.5 * z * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (z + (0.044715 * z * z * z))));
                }
            }

            Accumulate(x, Linear(m, p, h + "mlp.c_proj", c));
        }

        var hidden = LayerNorm(x, p, "ln_f");
        var logits = new double[t, v];
        for (var i = 0; i < t; i++)
        {
            for (var token = 0; token < v; token++)
            {
                double dot = 0;
                for (var j = 0; j < c; j++)
                {
                    dot += hidden[i, j] * wte[(token * c) + j];
                }

                logits[i, token] = dot;
            }
        }

        return (logits, hidden);
    }

    private static void Accumulate(double[,] x, double[,] y)
    {
        for (var i = 0; i < x.GetLength(0); i++)
        {
            for (var j = 0; j < x.GetLength(1); j++)
            {
                x[i, j] += y[i, j];
            }
        }
    }

    private static double[,] LayerNorm(double[,] x, GptParameters p, string prefix)
    {
        int t = x.GetLength(0), c = x.GetLength(1);
        var gain = p.Value(prefix + ".weight");
        var bias = p.Value(prefix + ".bias");
        var y = new double[t, c];
        for (var i = 0; i < t; i++)
        {
            double mean = 0, variance = 0;
            for (var j = 0; j < c; j++)
            {
                mean += x[i, j] / c;
            }

            for (var j = 0; j < c; j++)
            {
                variance += (x[i, j] - mean) * (x[i, j] - mean) / c;
            }

            for (var j = 0; j < c; j++)
            {
                y[i, j] = ((x[i, j] - mean) / Math.Sqrt(variance + 1e-5) * gain[j]) + bias[j];
            }
        }

        return y;
    }

    private static double[,] Linear(double[,] x, GptParameters p, string prefix, int outputs)
    {
        int t = x.GetLength(0), inputs = x.GetLength(1);
        var w = p.Value(prefix + ".weight");
        var b = p.Value(prefix + ".bias");
        var y = new double[t, outputs];
        for (var i = 0; i < t; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                double sum = b[o];
                for (var k = 0; k < inputs; k++)
                {
                    sum += x[i, k] * w[(k * outputs) + o];
                }

                y[i, o] = sum;
            }
        }

        return y;
    }
}
