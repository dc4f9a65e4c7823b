using System.Buffers.Binary;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Primitives.Pow;

/// <summary>
/// The proof-of-work seal of the <c>register</c> extrinsic:
/// <c>pre = Keccak-256(block_hash ‖ hotkey)</c>, <c>seal = Keccak-256(SHA-256(nonce_le64 ‖ pre))</c>, and the
/// difficulty test on the seal read as a big-endian 256-bit number.
/// </summary>
/// <remarks>
/// <para><b>Nonce byte order: little-endian.</b> Every chain release except v1.0.0 and the reference Python client
/// hash the nonce's 8 little-endian bytes; v1.0.0 alone used big-endian by accident (reverted in v1.1.0). A seal
/// made here is therefore the one clients produce and current chains accept. Nonce 0 gives the same seal either
/// way.</para>
/// <para>For a solver, compute <see cref="ComputePre(ReadOnlySpan{byte}, AccountId)"/> once per block hash and call
/// <see cref="Create(ReadOnlySpan{byte}, ulong, Span{byte})"/> per nonce: it runs one SHA-256 and one Keccak-256 on
/// the stack and allocates nothing.</para>
/// </remarks>
public static class PowSeal
{
    /// <summary>Length of block hashes, <c>pre</c>, seals and work values.</summary>
    public const int HashSize = 32;

    /// <summary><c>Keccak-256(block_hash ‖ hotkey)</c>, the per-block, per-hotkey part of the seal.</summary>
    public static byte[] ComputePre(ReadOnlySpan<byte> blockHash, AccountId hotkey)
    {
        var pre = new byte[HashSize];
        ComputePre(blockHash, hotkey, pre);
        return pre;
    }

    /// <summary><c>Keccak-256(block_hash ‖ hotkey)</c> into the first 32 bytes of <paramref name="pre"/>.</summary>
    public static void ComputePre(ReadOnlySpan<byte> blockHash, AccountId hotkey, Span<byte> pre)
    {
        RequireLength(blockHash, nameof(blockHash));
        RequireRoom(pre, nameof(pre));
        Span<byte> input = stackalloc byte[HashSize + AccountId.Size];
        blockHash.CopyTo(input);
        hotkey.Bytes.CopyTo(input[HashSize..]);
        Hashes.Keccak256(input, pre);
    }

    /// <summary>The seal of <paramref name="nonce"/> for a hotkey on a block hash (little-endian nonce).</summary>
    public static byte[] Create(ReadOnlySpan<byte> blockHash, ulong nonce, AccountId hotkey)
    {
        Span<byte> pre = stackalloc byte[HashSize];
        ComputePre(blockHash, hotkey, pre);
        var seal = new byte[HashSize];
        Create(pre, nonce, seal);
        return seal;
    }

    /// <summary>
    /// The seal of <paramref name="nonce"/> from a precomputed <paramref name="pre"/> (see
    /// <see cref="ComputePre(ReadOnlySpan{byte}, AccountId)"/>), written into the first 32 bytes of
    /// <paramref name="seal"/>. Allocation-free: the solver's inner loop.
    /// </summary>
    public static void Create(ReadOnlySpan<byte> pre, ulong nonce, Span<byte> seal)
    {
        RequireLength(pre, nameof(pre));
        RequireRoom(seal, nameof(seal));
        Span<byte> input = stackalloc byte[8 + HashSize];
        BinaryPrimitives.WriteUInt64LittleEndian(input, nonce);
        pre.CopyTo(input[8..]);
        Span<byte> sha = stackalloc byte[HashSize];
        Hashes.Sha256(input, sha);
        Hashes.Keccak256(sha, seal);
    }

    /// <summary>
    /// Whether <paramref name="work"/>, read as a big-endian unsigned 256-bit integer, meets
    /// <paramref name="difficulty"/>: <c>work × difficulty ≤ 2^256 − 1</c> (the product does not overflow 256 bits),
    /// as the chain checks it. Difficulty 0 is met by every work value.
    /// </summary>
    public static bool MeetsDifficulty(ReadOnlySpan<byte> work, ulong difficulty)
    {
        RequireLength(work, nameof(work));

        // Multiply the four 64-bit limbs, least significant first; the product fits iff no carry leaves the top limb.
        ulong carry = 0;
        for (var limb = 0; limb < 4; limb++)
        {
            var value = BinaryPrimitives.ReadUInt64BigEndian(work.Slice(HashSize - (8 * (limb + 1)), 8));
            var high = Math.BigMul(value, difficulty, out var low);
            low += carry;
            if (low < carry)
            {
                high++;
            }

            carry = high;
        }

        return carry == 0;
    }

    private static void RequireLength(ReadOnlySpan<byte> value, string name)
    {
        if (value.Length != HashSize)
        {
            throw new ArgumentException($"{name} must be {HashSize} bytes, got {value.Length}.", name);
        }
    }

    private static void RequireRoom(Span<byte> destination, string name)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"{name} must have room for {HashSize} bytes, got {destination.Length}.", name);
        }
    }
}
