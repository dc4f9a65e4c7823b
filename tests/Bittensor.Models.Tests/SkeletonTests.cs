using Bittensor.Models.Gpt;
using Bittensor.Models.Kernels;

namespace Bittensor.Models.Tests;

public sealed class SkeletonTests
{
    [Fact(Timeout = 10_000)]
    public async Task Reference_gemm_multiplies_and_transposes()
    {
        await Task.Yield();
        // A = [[1,2,3],[4,5,6]] (2×3), B = [[1,0],[0,1],[1,1]] (3×2) → A·B = [[4,5],[10,11]].
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [1, 0, 0, 1, 1, 1];
        var c = new float[] { 1, 1, 1, 1 };
        ReferenceGemm.Instance.Sgemm(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0.5f, c, 2);
        Assert.Equal([4.5f, 5.5f, 10.5f, 11.5f], c);

        // Aᵀ stored 3×2, Bᵀ stored 2×3: the same product.
        float[] at = [1, 4, 2, 5, 3, 6];
        float[] bt = [1, 0, 1, 0, 1, 1];
        var c2 = new float[4];
        ReferenceGemm.Instance.Sgemm(true, true, 2, 2, 3, 1f, at, 2, bt, 3, 0f, c2, 2);
        Assert.Equal([4f, 5f, 10f, 11f], c2);
    }

    [Fact(Timeout = 10_000)]
    public async Task Gemm_refuses_a_short_buffer_naming_the_matrix()
    {
        await Task.Yield();
        var error = Assert.Throws<ArgumentException>(() =>
            ReferenceGemm.Instance.Sgemm(false, false, 2, 2, 3, 1f, new float[5], 3, new float[6], 2, 0f, new float[4], 2));
        Assert.Contains("A is 2×3", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task Top_k_orders_by_probability_then_id_and_reports_the_remainder()
    {
        await Task.Yield();
        float[] p = [0.1f, 0.3f, 0.05f, 0.3f, 0.25f];
        var top = LanguageModelExtensions.TopK(p, 3);
        Assert.Equal([1, 3, 4], top.TokenIds);
        Assert.Equal(0.15f, top.Remainder, 1e-6f);
    }

    [Fact(Timeout = 10_000)]
    public async Task Gpt2_parameter_layout_has_the_published_count()
    {
        await Task.Yield();
        var parameters = new GptParameters(GptConfig.Gpt2);
        // GPT-2 small has 124,439,808 parameters (tied head, no separate lm_head).
        Assert.Equal(124_439_808, parameters.Count);
        Assert.Equal([768, 2304], parameters["h.11.attn.c_attn.weight"].Shape);
    }

    [Fact(Timeout = 10_000)]
    public async Task Initialization_is_deterministic_for_a_seed()
    {
        await Task.Yield();
        var one = new GptParameters(GptConfig.Tiny);
        var two = new GptParameters(GptConfig.Tiny);
        one.Initialize(7);
        two.Initialize(7);
        Assert.Equal(one.Values, two.Values);
        Assert.All(one.Value("h.0.ln_1.weight").ToArray(), v => Assert.Equal(1f, v));
        var wte = one.Value("wte.weight");
        double sumSquares = 0;
        foreach (var v in wte)
        {
            sumSquares += v * v;
        }

        Assert.InRange(Math.Sqrt(sumSquares / wte.Length), 0.019, 0.021);
    }

    [Fact(Timeout = 10_000)]
    public async Task Tensor_is_zeroed_and_checks_its_shape()
    {
        await Task.Yield();
        using var t = Tensor.Zeros(2, 3);
        Assert.Equal(6, t.Length);
        Assert.All(t.Span.ToArray(), v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, -1));
    }
}
