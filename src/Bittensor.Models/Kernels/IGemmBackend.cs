namespace Bittensor.Models.Kernels;

/// <summary>
/// A single-precision matrix multiply in BLAS's shape, row-major:
/// <c>C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C</c>, where <c>op(X)</c> is X or its transpose.
/// <c>lda</c>, <c>ldb</c> and <c>ldc</c> are row strides in elements of the
/// matrices as stored (A is stored k×m when transposed, and so on).
/// </summary>
public interface IGemmBackend
{
    /// <summary>A short stable name: <c>managed</c>, <c>openblas</c>, <c>reference</c>.</summary>
    string Name { get; }

    void Sgemm(
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
        int ldc);
}
