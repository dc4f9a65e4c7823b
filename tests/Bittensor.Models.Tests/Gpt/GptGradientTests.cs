using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;
using Xunit.Abstractions;

namespace Bittensor.Models.Tests.Gpt;

public sealed class GptGradientTests(ITestOutputHelper output)
{
    private static readonly GptConfig TinyCheck = new(37, 8, 2, 2, 16);

    /// <summary>Initialised, then pushed away from GPT-2's near-zero start so every path carries a real gradient.</summary>
    internal static GptParameters Perturbed(GptConfig config, int seed)
    {
        var parameters = new GptParameters(config);
        parameters.Initialize(seed);
        var random = new Random(seed + 1);
        foreach (var p in parameters.All)
        {
            var values = parameters.Value(p);
            var spread = p.Shape.Length == 2 ? 0.25f : 0.2f;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] += spread * (float)((random.NextDouble() * 2) - 1);
            }
        }

        return parameters;
    }

    internal static (int[] Inputs, int[] Targets) Batch(int batch, int time, int vocabulary, int seed)
    {
        var random = new Random(seed);
        var stream = new int[(batch * time) + 1];
        for (var i = 0; i < stream.Length; i++)
        {
            stream[i] = random.Next(vocabulary);
        }

        var inputs = new int[batch * time];
        var targets = new int[batch * time];
        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < time; i++)
            {
                inputs[(b * time) + i] = stream[(b * time) + i];
                targets[(b * time) + i] = stream[(b * time) + i + 1];
            }
        }

        return (inputs, targets);
    }

    public static TheoryData<string> Backends => new() { "reference", "blocked" };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Backends))]
    public async Task Analytic_gradients_match_central_differences_of_the_double_precision_forward(string backend)
    {
        await Task.Yield();
        IGemmBackend gemm = backend == "reference" ? ReferenceGemm.Instance : BlockedTestGemm.Instance;
        CheckGradients(TinyCheck, gemm, seed: 3);
    }

    [Fact(Timeout = 120_000)]
    public async Task Gradients_are_right_with_a_restricted_vocabulary_and_short_rows()
    {
        await Task.Yield();
        // Keep 20 of 37 ids; the batch draws from all 37, so inputs and targets hit the other row.
        var vocabulary = new GptVocabulary(37, Enumerable.Range(0, 20).Select(i => i * 37 / 20).Distinct().ToArray());
        var config = TinyCheck.WithVocabulary(vocabulary);
        CheckGradients(config, ReferenceGemm.Instance, seed: 5, time: 5);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_gradient_is_caught()
    {
        await Task.Yield();
        // The check itself must be able to fail: corrupt one analytic gradient tensor and expect a mismatch.
        var error = Assert.ThrowsAny<Exception>(() => CheckGradients(TinyCheck, ReferenceGemm.Instance, seed: 3, corrupt: "h.1.mlp.c_fc.bias"));
        Assert.Contains("h.1.mlp.c_fc.bias", error.Message, StringComparison.Ordinal);
    }

    private void CheckGradients(GptConfig config, IGemmBackend gemm, int seed, int time = 8, string? corrupt = null)
    {
        const int batch = 2;
        var parameters = Perturbed(config, seed);
        var model = new GptModel(parameters, gemm);
        var (inputs, targets) = Batch(batch, time, config.TokenVocabularySize, seed);
        var loss = model.ForwardBackward(inputs, targets, batch);
        var analytic = (float[])parameters.Gradients.Clone();
        if (corrupt is not null)
        {
            var p = parameters[corrupt];
            for (var i = 0; i < p.Length; i++)
            {
                analytic[p.Offset + i] *= 1.05f;
            }
        }

        var w = parameters.Values.Select(x => (double)x).ToArray();
        var exact = GptDoubleReference.Loss(parameters, w, inputs, targets, batch);
        Assert.True(Math.Abs(loss - exact) < 2e-5, $"forward: float loss {loss} vs double {exact}");

        var random = new Random(seed);
        const double h = 1e-5;
        var worst = 0.0;
        foreach (var p in parameters.All)
        {
            var samples = Enumerable.Range(0, 8).Select(_ => p.Offset + random.Next(p.Length)).ToList();
            if (p.Name == "wte.weight")
            {
                // Rows that are used as inputs and as targets, not only rows that only the softmax touches.
                var c = config.EmbeddingSize;
                var row = config.Vocabulary?.RowOf(inputs[0]) ?? inputs[0];
                samples.Add(p.Offset + (row * c) + random.Next(c));
                var targetRow = config.Vocabulary?.RowOf(targets[3]) ?? targets[3];
                samples.Add(p.Offset + (targetRow * c) + random.Next(c));
            }

            var largest = 0.0;
            foreach (var index in samples)
            {
                var saved = w[index];
                w[index] = saved + h;
                var up = GptDoubleReference.Loss(parameters, w, inputs, targets, batch);
                w[index] = saved - h;
                var down = GptDoubleReference.Loss(parameters, w, inputs, targets, batch);
                w[index] = saved;
                var numeric = (up - down) / (2 * h);
                var error = Math.Abs(analytic[index] - numeric);
                worst = Math.Max(worst, error / (1e-3 + Math.Abs(numeric)));
                largest = Math.Max(largest, Math.Abs(numeric));
                if (error > 2e-5 + (2e-3 * Math.Abs(numeric)))
                {
                    throw new InvalidOperationException(
                        $"{p.Name}[{index - p.Offset}]: analytic {analytic[index]:G6} but central difference {numeric:G6}");
                }
            }

            // A tensor whose sampled gradients are all ~0 checks nothing; the perturbed start avoids that.
            Assert.True(largest > 1e-4, $"{p.Name}: sampled gradients are all below 1e-4 ({largest:G3}); the check would be vacuous.");
        }

        output.WriteLine($"{gemm.Name}: loss {loss:F6} (double {exact:F6}); worst relative gradient error {worst:G3}");
    }
}
