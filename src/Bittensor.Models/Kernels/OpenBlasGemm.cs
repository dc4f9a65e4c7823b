using System.Runtime.InteropServices;

namespace Bittensor.Models.Kernels;

/// <summary>
/// <c>cblas_sgemm</c> from OpenBLAS (Debian and Ubuntu: the package <c>libopenblas0-pthread</c>, which provides
/// <c>libopenblas.so.0</c>), row-major. <see cref="TryCreate"/> returns null where the library cannot be loaded.
/// OpenBLAS sizes its own thread pool: <c>OPENBLAS_NUM_THREADS</c> in the environment, or <see cref="SetThreads"/>.
/// </summary>
public sealed partial class OpenBlasGemm : IGemmBackend
{
    /// <summary>The file name the dynamic loader is asked for.</summary>
    public const string LibraryName = "libopenblas.so.0";

    private const int RowMajor = 101;
    private const int NoTranspose = 111;
    private const int Transpose = 112;

    private static readonly Lazy<(OpenBlasGemm? Backend, string Problem)> Loaded = new(Load);

    private OpenBlasGemm(string configuration) => Configuration = configuration;

    public string Name => "openblas";

    /// <summary>OpenBLAS's own description of its build and the core it chose, e.g. <c>OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64</c>.</summary>
    public string Configuration { get; }

    /// <summary>The threads OpenBLAS uses for one call.</summary>
    public static int Threads => GetThreads();

    /// <summary>The backend, or null where <see cref="LibraryName"/> or its <c>cblas_sgemm</c> is missing.</summary>
    public static OpenBlasGemm? TryCreate() => Loaded.Value.Backend;

    /// <summary>Why <see cref="TryCreate"/> returned null (empty when it did not).</summary>
    public static string LoadProblem => Loaded.Value.Problem;

    /// <summary>The backend, or an exception that says how to install OpenBLAS.</summary>
    public static OpenBlasGemm Create() => TryCreate() ?? throw new InvalidOperationException(LoadProblem);

    /// <summary>Sets the number of threads OpenBLAS uses for every later call in this process.</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Create();
        SetNumThreads(threads);
    }

    public override string ToString() => $"openblas ({Configuration}, {Threads} threads)";

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
        if (m == 0 || n == 0)
        {
            return;
        }

        CblasSgemm(
            RowMajor,
            transposeA ? Transpose : NoTranspose,
            transposeB ? Transpose : NoTranspose,
            m,
            n,
            k,
            alpha,
            a,
            lda,
            b,
            ldb,
            beta,
            c,
            ldc);
    }

    private static (OpenBlasGemm?, string) Load()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var handle))
        {
            return (null, $"GEMM: OpenBLAS ({LibraryName}) could not be loaded; install it (Debian/Ubuntu: apt-get install libopenblas0-pthread) or use the managed backend (BITTENSOR_GEMM=managed).");
        }

        if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out _))
        {
            return (null, $"GEMM: {LibraryName} was loaded but has no cblas_sgemm; install OpenBLAS with its CBLAS interface (Debian/Ubuntu: libopenblas0-pthread) or use BITTENSOR_GEMM=managed.");
        }

        var configuration = NativeLibrary.TryGetExport(handle, "openblas_get_config", out _)
            ? Marshal.PtrToStringUTF8(GetConfig()) ?? "OpenBLAS"
            : "OpenBLAS";
        return (new OpenBlasGemm(configuration.Trim()), string.Empty);
    }

    [LibraryImport(LibraryName, EntryPoint = "cblas_sgemm")]
    private static partial void CblasSgemm(
        int order,
        int transposeA,
        int transposeB,
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

    [LibraryImport(LibraryName, EntryPoint = "openblas_get_config")]
    private static partial IntPtr GetConfig();

    [LibraryImport(LibraryName, EntryPoint = "openblas_get_num_threads")]
    private static partial int GetNumThreads();

    [LibraryImport(LibraryName, EntryPoint = "openblas_set_num_threads")]
    private static partial void SetNumThreads(int threads);

    private static int GetThreads()
    {
        Create();
        return GetNumThreads();
    }
}
