using Bittensor.Models.Gpt;

namespace Bittensor.Models.Tests;

/// <summary>Small random GPTs and scratch folders for the inference and checkpoint tests.</summary>
internal static class TestModels
{
    /// <summary>Vocabulary 97, context 16, 2 layers, 2 heads of 8.</summary>
    public static GptConfig Tiny { get; } = new(97, 16, 2, 2, 16);

    /// <summary>
    /// A model whose every weight, LayerNorm gains and biases included, is random and large enough (σ 0.3) that the
    /// logits differ strongly between tokens and positions, so a wrong index or a skipped term shows.
    /// </summary>
    public static GptParameters Random(GptConfig config, int seed)
    {
        var parameters = new GptParameters(config);
        var random = new Random(seed);
        foreach (var parameter in parameters.All)
        {
            var values = parameters.Value(parameter);
            var gain = parameter.Name.Contains("ln_", StringComparison.Ordinal) && parameter.Name.EndsWith(".weight", StringComparison.Ordinal);
            for (var i = 0; i < values.Length; i++)
            {
                var noise = (float)(0.3 * ((random.NextDouble() * 2) - 1) * Math.Sqrt(3));
                values[i] = gain ? 1f + noise : noise;
            }
        }

        return parameters;
    }

    public static int[] Tokens(int count, int vocabulary, int seed)
    {
        var random = new Random(seed);
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = random.Next(vocabulary);
        }

        return tokens;
    }
}
