using System.Buffers.Binary;

namespace Bittensor.Primitives.Hashing;

/// <summary>
/// Keccak-256 with the original Keccak padding (0x01 … 0x80), as Ethereum and the registration seal use it; SHA3-256
/// differs only in its padding byte (0x06). The Keccak-f[1600] permutation keeps the 25 lanes in locals, and the
/// whole hash runs on the stack without allocating.
/// </summary>
internal static class Keccak
{
    /// <summary>Bytes absorbed per permutation for a 256-bit output: (1600 − 2·256) / 8.</summary>
    public const int Rate256 = 136;

    public const int Output256 = 32;

    private const int Lanes = 25;

    // A static array, not a span property over a collection expression: some compilers build such a span with a new
    // array on every access in unoptimised builds, and the permutation reads it once per round.
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>Writes Keccak-256 of <paramref name="data"/> into the first 32 bytes of <paramref name="output"/>.</summary>
    public static void Hash256(ReadOnlySpan<byte> data, Span<byte> output)
    {
        Span<ulong> state = stackalloc ulong[Lanes];
        state.Clear();
        while (data.Length >= Rate256)
        {
            Absorb(state, data[..Rate256]);
            Permute(state);
            data = data[Rate256..];
        }

        Span<byte> last = stackalloc byte[Rate256];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] ^= 0x01;
        last[Rate256 - 1] ^= 0x80;
        Absorb(state, last);
        Permute(state);

        for (var i = 0; i < Output256 / 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(8 * i, 8), state[i]);
        }
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < Rate256 / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(8 * i, 8));
        }
    }

    /// <summary>Keccak-f[1600]: 24 rounds of θ, ρ, π, χ and ι over the 5×5 lanes (lane x + 5y).</summary>
    public static void Permute(Span<ulong> state)
    {
        var s0 = state[0];
        var s1 = state[1];
        var s2 = state[2];
        var s3 = state[3];
        var s4 = state[4];
        var s5 = state[5];
        var s6 = state[6];
        var s7 = state[7];
        var s8 = state[8];
        var s9 = state[9];
        var s10 = state[10];
        var s11 = state[11];
        var s12 = state[12];
        var s13 = state[13];
        var s14 = state[14];
        var s15 = state[15];
        var s16 = state[16];
        var s17 = state[17];
        var s18 = state[18];
        var s19 = state[19];
        var s20 = state[20];
        var s21 = state[21];
        var s22 = state[22];
        var s23 = state[23];
        var s24 = state[24];

        for (var round = 0; round < 24; round++)
        {
            var c0 = s0 ^ s5 ^ s10 ^ s15 ^ s20;
            var c1 = s1 ^ s6 ^ s11 ^ s16 ^ s21;
            var c2 = s2 ^ s7 ^ s12 ^ s17 ^ s22;
            var c3 = s3 ^ s8 ^ s13 ^ s18 ^ s23;
            var c4 = s4 ^ s9 ^ s14 ^ s19 ^ s24;
            var d0 = c4 ^ ulong.RotateLeft(c1, 1);
            var d1 = c0 ^ ulong.RotateLeft(c2, 1);
            var d2 = c1 ^ ulong.RotateLeft(c3, 1);
            var d3 = c2 ^ ulong.RotateLeft(c4, 1);
            var d4 = c3 ^ ulong.RotateLeft(c0, 1);
            var b0 = s0 ^ d0;
            var b1 = ulong.RotateLeft(s6 ^ d1, 44);
            var b2 = ulong.RotateLeft(s12 ^ d2, 43);
            var b3 = ulong.RotateLeft(s18 ^ d3, 21);
            var b4 = ulong.RotateLeft(s24 ^ d4, 14);
            var b5 = ulong.RotateLeft(s3 ^ d3, 28);
            var b6 = ulong.RotateLeft(s9 ^ d4, 20);
            var b7 = ulong.RotateLeft(s10 ^ d0, 3);
            var b8 = ulong.RotateLeft(s16 ^ d1, 45);
            var b9 = ulong.RotateLeft(s22 ^ d2, 61);
            var b10 = ulong.RotateLeft(s1 ^ d1, 1);
            var b11 = ulong.RotateLeft(s7 ^ d2, 6);
            var b12 = ulong.RotateLeft(s13 ^ d3, 25);
            var b13 = ulong.RotateLeft(s19 ^ d4, 8);
            var b14 = ulong.RotateLeft(s20 ^ d0, 18);
            var b15 = ulong.RotateLeft(s4 ^ d4, 27);
            var b16 = ulong.RotateLeft(s5 ^ d0, 36);
            var b17 = ulong.RotateLeft(s11 ^ d1, 10);
            var b18 = ulong.RotateLeft(s17 ^ d2, 15);
            var b19 = ulong.RotateLeft(s23 ^ d3, 56);
            var b20 = ulong.RotateLeft(s2 ^ d2, 62);
            var b21 = ulong.RotateLeft(s8 ^ d3, 55);
            var b22 = ulong.RotateLeft(s14 ^ d4, 39);
            var b23 = ulong.RotateLeft(s15 ^ d0, 41);
            var b24 = ulong.RotateLeft(s21 ^ d1, 2);
            s0 = b0 ^ (~b1 & b2);
            s1 = b1 ^ (~b2 & b3);
            s2 = b2 ^ (~b3 & b4);
            s3 = b3 ^ (~b4 & b0);
            s4 = b4 ^ (~b0 & b1);
            s5 = b5 ^ (~b6 & b7);
            s6 = b6 ^ (~b7 & b8);
            s7 = b7 ^ (~b8 & b9);
            s8 = b8 ^ (~b9 & b5);
            s9 = b9 ^ (~b5 & b6);
            s10 = b10 ^ (~b11 & b12);
            s11 = b11 ^ (~b12 & b13);
            s12 = b12 ^ (~b13 & b14);
            s13 = b13 ^ (~b14 & b10);
            s14 = b14 ^ (~b10 & b11);
            s15 = b15 ^ (~b16 & b17);
            s16 = b16 ^ (~b17 & b18);
            s17 = b17 ^ (~b18 & b19);
            s18 = b18 ^ (~b19 & b15);
            s19 = b19 ^ (~b15 & b16);
            s20 = b20 ^ (~b21 & b22);
            s21 = b21 ^ (~b22 & b23);
            s22 = b22 ^ (~b23 & b24);
            s23 = b23 ^ (~b24 & b20);
            s24 = b24 ^ (~b20 & b21);
            s0 ^= RoundConstants[round];
        }

        state[0] = s0;
        state[1] = s1;
        state[2] = s2;
        state[3] = s3;
        state[4] = s4;
        state[5] = s5;
        state[6] = s6;
        state[7] = s7;
        state[8] = s8;
        state[9] = s9;
        state[10] = s10;
        state[11] = s11;
        state[12] = s12;
        state[13] = s13;
        state[14] = s14;
        state[15] = s15;
        state[16] = s16;
        state[17] = s17;
        state[18] = s18;
        state[19] = s19;
        state[20] = s20;
        state[21] = s21;
        state[22] = s22;
        state[23] = s23;
        state[24] = s24;
    }
}
