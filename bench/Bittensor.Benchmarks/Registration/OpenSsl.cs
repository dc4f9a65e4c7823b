using System.Runtime.InteropServices;

namespace Bittensor.Benchmarks.Registration;

/// <summary>
/// The few libcrypto (OpenSSL 3) functions the proof-of-work baseline calls, bound directly. The calls are short
/// and never call back, so they skip the GC transition: what is timed is OpenSSL, not the interop.
/// </summary>
internal static partial class OpenSsl
{
    private const string Library = "libcrypto.so.3";

    [LibraryImport(Library, EntryPoint = "OpenSSL_version")]
    private static partial IntPtr VersionText(int type);

    public static string Version => Marshal.PtrToStringUTF8(VersionText(0)) ?? "unknown";

    [LibraryImport(Library, EntryPoint = "EVP_MD_fetch", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr FetchDigest(IntPtr libraryContext, string algorithm, string? properties);

    [LibraryImport(Library, EntryPoint = "EVP_MD_free")]
    public static partial void FreeDigest(IntPtr digest);

    [LibraryImport(Library, EntryPoint = "ERR_clear_error")]
    public static partial void ClearErrors();

    [LibraryImport(Library, EntryPoint = "EVP_MD_CTX_new")]
    public static partial IntPtr NewContext();

    [LibraryImport(Library, EntryPoint = "EVP_MD_CTX_free")]
    public static partial void FreeContext(IntPtr context);

    [LibraryImport(Library, EntryPoint = "EVP_DigestInit_ex2")]
    [SuppressGCTransition]
    public static partial int DigestInit(IntPtr context, IntPtr digest, IntPtr parameters);

    [LibraryImport(Library, EntryPoint = "EVP_DigestUpdate")]
    [SuppressGCTransition]
    public static partial int DigestUpdate(IntPtr context, ReadOnlySpan<byte> data, nuint length);

    [LibraryImport(Library, EntryPoint = "EVP_DigestFinal_ex")]
    [SuppressGCTransition]
    public static partial int DigestFinal(IntPtr context, Span<byte> digest, IntPtr length);

    /// <summary>The low-level SHA-256 interface (deprecated in OpenSSL 3 but present): no provider dispatch per call.</summary>
    [LibraryImport(Library, EntryPoint = "SHA256_Init")]
    [SuppressGCTransition]
    public static partial int Sha256Init(Span<byte> state);

    [LibraryImport(Library, EntryPoint = "SHA256_Update")]
    [SuppressGCTransition]
    public static partial int Sha256Update(Span<byte> state, ReadOnlySpan<byte> data, nuint length);

    [LibraryImport(Library, EntryPoint = "SHA256_Final")]
    [SuppressGCTransition]
    public static partial int Sha256Final(Span<byte> digest, Span<byte> state);

    /// <summary>Room for OpenSSL's <c>SHA256_CTX</c> (112 bytes on 64-bit builds), with margin.</summary>
    public const int Sha256StateSize = 256;
}
