namespace Bittensor.Primitives.Crypto;

/// <summary>
/// Password-based key derivation with libsodium's <c>crypto_pwhash</c>, Argon2i version 1.3 (<c>argon2i13</c>).
/// libsodium runs Argon2 with one lane (parallelism 1), a 16-byte salt, and neither a secret key nor associated
/// data; the ops limit is Argon2's number of passes and the memory limit its memory in bytes.
/// </summary>
/// <remarks>
/// The "sensitive" limits (8 passes over 512 MiB) are what Bittensor's <c>$NACL</c> keyfiles use; one derivation
/// takes about a second and half a gibibyte of memory, so callers should derive a key once and keep it only as long
/// as they need it.
/// </remarks>
public static class PasswordHash
{
    /// <summary>The salt size libsodium requires (<c>crypto_pwhash_SALTBYTES</c>).</summary>
    public const int SaltSize = 16;

    /// <summary><c>crypto_pwhash_OPSLIMIT_SENSITIVE</c>: 8 passes.</summary>
    public const ulong OpsLimitSensitive = 8;

    /// <summary><c>crypto_pwhash_MEMLIMIT_SENSITIVE</c>: 512 MiB.</summary>
    public const ulong MemLimitSensitive = 512UL * 1024 * 1024;

    /// <summary>Argon2i's smallest number of passes in libsodium (<c>crypto_pwhash_argon2i_OPSLIMIT_MIN</c>).</summary>
    public const ulong Argon2iOpsLimitMin = 3;

    /// <summary>libsodium's smallest memory limit (<c>crypto_pwhash_argon2i_MEMLIMIT_MIN</c>): 8 KiB.</summary>
    public const ulong MemLimitMin = 8192;

    // crypto_pwhash_ALG_ARGON2I13.
    private const int AlgorithmArgon2i13 = 1;

    /// <summary>
    /// Fills <paramref name="key"/> (16 bytes or more) with Argon2i v1.3 of <paramref name="password"/> and
    /// <paramref name="salt"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A salt that is not 16 bytes, a key shorter than 16 bytes, or limits below libsodium's minimums.</exception>
    /// <exception cref="InsufficientMemoryException">libsodium could not allocate <paramref name="memLimit"/> bytes.</exception>
    public static void Argon2i(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ulong opsLimit, ulong memLimit, Span<byte> key)
    {
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"An Argon2i salt for libsodium is {SaltSize} bytes, got {salt.Length}.", nameof(salt));
        }

        if (key.Length < 16)
        {
            throw new ArgumentException($"libsodium derives at least 16 bytes; the key buffer has {key.Length}.", nameof(key));
        }

        if (opsLimit < Argon2iOpsLimitMin)
        {
            throw new ArgumentOutOfRangeException(nameof(opsLimit), opsLimit, $"Argon2i in libsodium needs at least {Argon2iOpsLimitMin} passes.");
        }

        if (memLimit < MemLimitMin || memLimit > nuint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(memLimit), memLimit, $"The memory limit must be at least {MemLimitMin} bytes.");
        }

        Sodium.EnsureReady();
        if (Sodium.PasswordHash(key, (ulong)key.Length, password, (ulong)password.Length, salt, opsLimit, (nuint)memLimit, AlgorithmArgon2i13) != 0)
        {
            // The arguments were checked above, so the remaining failure is the allocation of memLimit bytes.
            throw new InsufficientMemoryException($"libsodium could not run Argon2i with {memLimit / 1024 / 1024} MiB of memory.");
        }
    }
}
