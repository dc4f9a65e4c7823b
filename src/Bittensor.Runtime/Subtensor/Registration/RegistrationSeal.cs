using System.Buffers.Binary;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Runtime.Subtensor.Registration;

/// <summary>
/// The proof-of-work seal of a registration (chain spec §4.1–4.2):
/// <c>keccak256(sha256(le64(nonce) ‖ keccak256(blockHash ‖ hotkey)))</c>, and the difficulty test on it.
/// The nonce is hashed little-endian, as clients compute it (chain spec §11 item 1).
/// </summary>
internal static class RegistrationSeal
{
    public const int Size = 32;

    /// <summary>The seal of <paramref name="nonce"/> over the block hash and the 32 key bytes.</summary>
    public static byte[] Create(ReadOnlySpan<byte> blockHash, ulong nonce, AccountId key)
    {
        if (blockHash.Length != 32)
        {
            throw new ArgumentException("A block hash has 32 bytes.", nameof(blockHash));
        }

        Span<byte> joined = stackalloc byte[64];
        blockHash.CopyTo(joined);
        key.Bytes.CopyTo(joined[32..]);
        var pre = Hashes.Keccak256(joined);

        Span<byte> shaInput = stackalloc byte[40];
        BinaryPrimitives.WriteUInt64LittleEndian(shaInput, nonce);
        pre.CopyTo(shaInput[8..]);
        return Hashes.Keccak256(Hashes.Sha256(shaInput));
    }

    /// <summary>
    /// True when <paramref name="work"/>, read as a big-endian 256-bit number, times <paramref name="difficulty"/>
    /// still fits in 256 bits.
    /// </summary>
    public static bool MeetsDifficulty(ReadOnlySpan<byte> work, ulong difficulty)
    {
        if (work.Length != Size)
        {
            throw new ArgumentException("A seal has 32 bytes.", nameof(work));
        }

        // Multiply limb by limb from the least significant (last) 8 bytes; the product fits iff no carry is left.
        UInt128 carry = 0;
        for (var limb = 3; limb >= 0; limb--)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(work.Slice(limb * 8, 8));
            var product = ((UInt128)word * difficulty) + carry;
            carry = product >> 64;
        }

        return carry == 0;
    }
}
