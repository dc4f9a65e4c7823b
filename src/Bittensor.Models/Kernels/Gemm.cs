namespace Bittensor.Models.Kernels;

/// <summary>
/// Chooses the GEMM backend the models use. By default OpenBLAS where <c>libopenblas.so.0</c> loads and the managed
/// kernel otherwise; the environment variable <c>BITTENSOR_GEMM</c> (<c>managed</c>, <c>openblas</c> or
/// <c>reference</c>) forces one.
/// </summary>
public static class Gemm
{
    /// <summary>The environment variable that forces a backend.</summary>
    public const string EnvironmentVariable = "BITTENSOR_GEMM";

    private static readonly Lazy<(IGemmBackend Backend, string Why)> DefaultBackend = new(() =>
    {
        var forced = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var backend = Select(forced);
        var why = !string.IsNullOrWhiteSpace(forced) ? $"forced by {EnvironmentVariable}={forced.Trim()}"
            : backend is OpenBlasGemm ? $"{OpenBlasGemm.LibraryName} found"
            : $"{OpenBlasGemm.LibraryName} not found; install libopenblas0-pthread for the faster backend";
        return (backend, why);
    });

    /// <summary>
    /// The backend chosen for this process, on first use; an invalid <c>BITTENSOR_GEMM</c> throws here, with a
    /// message naming the variable.
    /// </summary>
    public static IGemmBackend Default => DefaultBackend.Value.Backend;

    /// <summary>Every backend that can run here, fastest first: OpenBLAS when it loads, then managed, then reference.</summary>
    public static IReadOnlyList<IGemmBackend> Available
    {
        get
        {
            var list = new List<IGemmBackend>();
            if (OpenBlasGemm.TryCreate() is { } openBlas)
            {
                list.Add(openBlas);
            }

            list.Add(ManagedGemm.Instance);
            list.Add(ReferenceGemm.Instance);
            return list;
        }
    }

    /// <summary>
    /// The backend a value of <c>BITTENSOR_GEMM</c> names; null or empty picks OpenBLAS when it loads, else managed.
    /// </summary>
    /// <exception cref="InvalidOperationException">OpenBLAS is named but cannot be loaded.</exception>
    /// <exception cref="ArgumentException">The value names no backend.</exception>
    public static IGemmBackend Select(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => (IGemmBackend?)OpenBlasGemm.TryCreate() ?? ManagedGemm.Instance,
        "managed" => ManagedGemm.Instance,
        "openblas" => OpenBlasGemm.TryCreate() ?? throw new InvalidOperationException(
            $"{EnvironmentVariable}=openblas, but {OpenBlasGemm.LoadProblem["GEMM: ".Length..]}"),
        "reference" => ReferenceGemm.Instance,
        _ => throw new ArgumentException(
            $"{EnvironmentVariable}={name} names no GEMM backend; use managed, openblas or reference, or unset it to pick automatically.",
            nameof(name)),
    };

    /// <summary>One line naming the active backend and why it was chosen, e.g. for logs and <c>btcli model bench</c>.</summary>
    public static string Describe() => $"GEMM backend: {Describe(Default)} ({DefaultBackend.Value.Why})";

    /// <summary>A backend's name with its settings: the managed kernel and threads, OpenBLAS's build and threads.</summary>
    public static string Describe(IGemmBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend switch
        {
            ManagedGemm or OpenBlasGemm => backend.ToString()!,
            _ => backend.Name,
        };
    }
}
