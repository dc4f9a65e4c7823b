namespace Bittensor.Models.Kernels;

/// <summary>
/// The plain triple loop, accumulated in double: slow, obviously right, and the oracle the fast backends are tested
/// against.
/// </summary>
public sealed class ReferenceGemm : IGemmBackend
{
    public static readonly ReferenceGemm Instance = new();

    public string Name => "reference";

    public void Sgemm(
        bool transposeA,
        bool transposeB,
        int m,
        int n,
        int k,
        float alpha,
        ReadOnlySpan<float> a,
        int lda,
        ReadOnlySpan<float> b,
        int ldb,
        float beta,
        Span<float> c,
        int ldc)
    {
        GemmArguments.Check(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var x = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var y = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += (double)x * y;
                }

                ref var target = ref c[(i * ldc) + j];
                target = (float)((alpha * sum) + (beta == 0 ? 0 : beta * (double)target));
            }
        }
    }
}
