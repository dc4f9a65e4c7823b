using Bittensor.Models.Kernels;

namespace Bittensor.Models.Tests;

public sealed class GemmBackendTests
{
    /// <summary>Every managed kernel this processor runs, on one thread and on several.</summary>
    public static TheoryData<string> ManagedVariants()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in new[] { ManagedGemmKernel.Vector512, ManagedGemmKernel.Vector256, ManagedGemmKernel.Scalar })
        {
            if (ManagedGemm.IsSupported(kernel))
            {
                data.Add($"{kernel}/1");
                data.Add($"{kernel}/3");
            }
        }

        return data;
    }

    private static ManagedGemm Managed(string variant)
    {
        var parts = variant.Split('/');
        return new ManagedGemm(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<ManagedGemmKernel>(parts[0]));
    }

    /// <summary>
    /// Shapes that hit every edge: empty and single rows, columns and depths, sizes that are not multiples of any
    /// micro-tile, depths past one KC block, widths past one NC block, and products large enough to be split across
    /// threads by columns (wide) and by rows (tall).
    /// </summary>
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (0, 5, 3), (4, 0, 3), (3, 4, 0), (1, 1, 1), (1, 37, 1), (37, 1, 5), (1, 1, 300),
        (7, 9, 11), (8, 32, 16), (9, 33, 17), (6, 16, 5), (13, 70, 257),
        (65, 530, 40), (300, 41, 33), (130, 150, 70), (700, 30, 60), (33, 1100, 30),
    ];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ManagedVariants))]
    public async Task Managed_matches_the_reference_on_every_shape_and_transpose(string variant)
    {
        await Task.Yield();
        AgreesWithReference(Managed(variant), seed: 1);
    }

    [Fact(Timeout = 120_000)]
    public async Task OpenBlas_matches_the_reference_on_every_shape_and_transpose()
    {
        await Task.Yield();
        AgreesWithReference(RequireOpenBlas(), seed: 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenBlas_loads_here()
    {
        await Task.Yield();
        // Fails rather than skips where OpenBLAS is missing: install libopenblas0-pthread (see .ci/run).
        var backend = RequireOpenBlas();
        Assert.Equal("openblas", backend.Name);
        Assert.Contains("OpenBLAS", backend.Configuration, StringComparison.Ordinal);
        Assert.Contains(Gemm.Available, b => b.Name == "openblas");
        Assert.Same(backend, Gemm.Select(null));
        Assert.Same(backend, Gemm.Select("openblas"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ManagedVariants))]
    public async Task Managed_and_openblas_agree_on_transformer_shapes(string variant)
    {
        await Task.Yield();
        var managed = Managed(variant);
        var openBlas = RequireOpenBlas();
        var random = new Random(3);
        foreach (var (m, n, k) in new[] { (96, 576, 192), (257, 131, 520), (64, 1000, 48) })
        {
            foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
            {
                var a = Random(random, m * k);
                var b = Random(random, k * n);
                var c0 = Random(random, m * n);
                var c1 = (float[])c0.Clone();
                managed.Sgemm(ta, tb, m, n, k, 0.75f, a, ta ? m : k, b, tb ? k : n, 0.5f, c0, n);
                openBlas.Sgemm(ta, tb, m, n, k, 0.75f, a, ta ? m : k, b, tb ? k : n, 0.5f, c1, n);
                AssertClose(c1, c0, k, $"{variant} vs openblas, {m}×{n}×{k} ta={ta} tb={tb}");
            }
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(ManagedVariants))]
    public async Task Beta_zero_overwrites_even_nan_and_alpha_zero_only_scales(string variant)
    {
        await Task.Yield();
        var managed = Managed(variant);
        var a = new float[] { 1, 2, 3, 4 };
        var b = new float[] { 1, 0, 0, 1 };
        var c = new float[] { float.NaN, float.NaN, float.NaN, float.NaN };
        managed.Sgemm(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        Assert.Equal([1f, 2f, 3f, 4f], c);

        var d = new float[] { 1, 2, 3, 4 };
        managed.Sgemm(false, false, 2, 2, 2, 0f, a, 2, b, 2, 3f, d, 2);
        Assert.Equal([3f, 6f, 9f, 12f], d);

        var e = new float[] { 1, 2, 3, 4 };
        managed.Sgemm(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, e, 2);
        Assert.Equal([0.5f, 1f, 1.5f, 2f], e);
    }

    /// <summary>Products from several threads at once, each itself split across threads, share no packing buffer.</summary>
    [Fact(Timeout = 120_000)]
    public async Task Managed_products_running_concurrently_do_not_disturb_each_other()
    {
        var managed = new ManagedGemm(maxThreads: 2);
        var tasks = Enumerable.Range(0, 6).Select(seed => Task.Run(() =>
        {
            var random = new Random(100 + seed);
            var (m, n, k) = (120 + seed, 140 - seed, 90 + (7 * seed));
            var a = Random(random, m * k);
            var b = Random(random, k * n);
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var expected = new float[m * n];
                var actual = new float[m * n];
                ReferenceGemm.Instance.Sgemm(false, seed % 2 == 1, m, n, k, 1f, a, k, b, seed % 2 == 1 ? k : n, 0f, expected, n);
                managed.Sgemm(false, seed % 2 == 1, m, n, k, 1f, a, k, b, seed % 2 == 1 ? k : n, 0f, actual, n);
                AssertClose(expected, actual, k, $"concurrent product {seed}, repeat {repeat}");
            }
        }));
        await Task.WhenAll(tasks);
    }

    [Fact(Timeout = 60_000)]
    public async Task Managed_refuses_bad_arguments_like_the_reference()
    {
        await Task.Yield();
        var error = Assert.Throws<ArgumentException>(() =>
            ManagedGemm.Instance.Sgemm(false, false, 2, 2, 3, 1f, new float[6], 2, new float[6], 2, 0f, new float[4], 2));
        Assert.Contains("row stride of A is 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ManagedGemm.Instance.Sgemm(false, false, -1, 2, 3, 1f, [], 3, new float[6], 2, 0f, [], 2));
    }

    [Fact(Timeout = 60_000)]
    public async Task Selection_names_each_backend_and_refuses_unknown_names()
    {
        await Task.Yield();
        Assert.Same(ManagedGemm.Instance, Gemm.Select("managed"));
        Assert.Same(ManagedGemm.Instance, Gemm.Select(" Managed "));
        Assert.Same(ReferenceGemm.Instance, Gemm.Select("reference"));
        var error = Assert.Throws<ArgumentException>(() => Gemm.Select("cublas"));
        Assert.Contains("BITTENSOR_GEMM=cublas", error.Message, StringComparison.Ordinal);
        Assert.Contains(Gemm.Available, b => b.Name == "managed");
        Assert.StartsWith("GEMM backend: " + Gemm.Default.Name, Gemm.Describe(), StringComparison.Ordinal);
        Assert.Contains(ManagedGemm.Widest.ToString(), Gemm.Describe(ManagedGemm.Instance), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Benchmark_measures_a_positive_rate()
    {
        await Task.Yield();
        var rate = GemmBenchmark.Measure(ManagedGemm.Instance, 64, 64, 64, seconds: 0, minCalls: 2);
        Assert.True(rate > 0 && double.IsFinite(rate), $"rate {rate}");
    }

    private static OpenBlasGemm RequireOpenBlas() =>
        OpenBlasGemm.TryCreate() ?? throw new InvalidOperationException(
            $"The OpenBLAS backend is under test but cannot load: {OpenBlasGemm.LoadProblem}");

    /// <summary>
    /// Each shape in all four transpose combinations, with row strides wider than the rows (padding filled with
    /// garbage that must not leak in), and several alpha/beta pairs; C starts with values so beta matters.
    /// </summary>
    private static void AgreesWithReference(IGemmBackend backend, int seed)
    {
        var random = new Random(seed);
        var scalings = new (float Alpha, float Beta)[] { (1f, 0f), (0.5f, 1f), (-1.25f, 0.75f), (0f, 2f) };
        var index = 0;
        foreach (var (m, n, k) in Shapes)
        {
            foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
            {
                var (alpha, beta) = scalings[index++ % scalings.Length];
                var pad = index % 3;
                var (aRows, aCols) = ta ? (k, m) : (m, k);
                var (bRows, bCols) = tb ? (n, k) : (k, n);
                var lda = aCols + pad;
                var ldb = bCols + (2 * pad);
                var ldc = n + pad + 1;
                var a = Random(random, Math.Max(0, (aRows * lda) - pad));
                var b = Random(random, bRows * ldb);
                var c = Random(random, m * ldc);
                var expected = (float[])c.Clone();
                ReferenceGemm.Instance.Sgemm(ta, tb, m, n, k, alpha, a, Math.Max(1, lda), b, Math.Max(1, ldb), beta, expected, ldc);
                backend.Sgemm(ta, tb, m, n, k, alpha, a, Math.Max(1, lda), b, Math.Max(1, ldb), beta, c, ldc);
                AssertClose(expected, c, k, $"{backend.Name} {m}×{n}×{k} ta={ta} tb={tb} alpha={alpha} beta={beta} pad={pad}");
            }
        }
    }

    private static float[] Random(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    /// <summary>
    /// Within float rounding of a k-term sum of products of values in [−1, 1]; the padding columns of C (and every
    /// element) are compared, so a write outside the m×n block fails too.
    /// </summary>
    private static void AssertClose(float[] expected, float[] actual, int k, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var tolerance = 1e-5f * (k + 8);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]} (tolerance {tolerance}).");
            }
        }
    }
}
