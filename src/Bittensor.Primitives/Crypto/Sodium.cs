using System.Runtime.InteropServices;

namespace Bittensor.Primitives.Crypto;

/// <summary>
/// The few libsodium functions this project calls, bound directly (the native library ships in the <c>libsodium</c>
/// package for every common runtime). Spans are pinned for the call; nothing is allocated on the managed heap.
/// </summary>
internal static partial class Sodium
{
    private const string Library = "libsodium";

    private static readonly bool Ready = Initialize();

    /// <summary>Throws unless libsodium loaded and initialised; every entry point below calls it first.</summary>
    public static void EnsureReady()
    {
        if (!Ready)
        {
            throw new InvalidOperationException("libsodium could not be initialised (sodium_init failed).");
        }
    }

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    private static partial int SodiumInit();

    private static bool Initialize()
    {
        // 0: initialised now; 1: already initialised; -1: failure.
        return SodiumInit() >= 0;
    }

    [LibraryImport(Library, EntryPoint = "crypto_generichash")]
    public static partial int GenericHash(Span<byte> output, nuint outputLength, ReadOnlySpan<byte> input, ulong inputLength, ReadOnlySpan<byte> key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "crypto_sign_ed25519_seed_keypair")]
    public static partial int Ed25519SeedKeypair(Span<byte> publicKey, Span<byte> secretKey, ReadOnlySpan<byte> seed);

    [LibraryImport(Library, EntryPoint = "crypto_sign_ed25519_detached")]
    public static partial int Ed25519SignDetached(Span<byte> signature, IntPtr signatureLength, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> secretKey);

    [LibraryImport(Library, EntryPoint = "crypto_sign_ed25519_verify_detached")]
    public static partial int Ed25519VerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> publicKey);

    [LibraryImport(Library, EntryPoint = "crypto_pwhash")]
    public static partial int PasswordHash(Span<byte> output, ulong outputLength, ReadOnlySpan<byte> password, ulong passwordLength, ReadOnlySpan<byte> salt, ulong opsLimit, nuint memLimit, int algorithm);

    [LibraryImport(Library, EntryPoint = "crypto_secretbox_easy")]
    public static partial int SecretBoxEasy(Span<byte> cipherText, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key);

    [LibraryImport(Library, EntryPoint = "crypto_secretbox_open_easy")]
    public static partial int SecretBoxOpenEasy(Span<byte> message, ReadOnlySpan<byte> cipherText, ulong cipherTextLength, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key);
}
