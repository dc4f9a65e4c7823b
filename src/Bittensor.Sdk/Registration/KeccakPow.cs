using System.Runtime.CompilerServices;

namespace Bittensor.Sdk.Registration;

/// <summary>
/// Keccak-256 (original padding) of a 32-byte message, reduced to what the solver needs: the first 64-bit lane of
/// the output (the seal's first 8 bytes, enough to rule out almost every nonce), for one nonce or a vector of them.
/// </summary>
/// <remarks>
/// A 32-byte message is absorbed in one permutation: lanes 0–3 are the message, lane 4 is the padding byte 0x01,
/// lane 16 holds the final padding bit 0x80 in its top byte (byte 135 of the 136-byte rate), every other lane is
/// zero. The first round is written out with those zeros dropped; the last round computes lane 0 only.
/// </remarks>
internal static class KeccakPow
{
    private const ulong PadFirst = 0x01UL;
    private const ulong PadLast = 0x8000000000000000UL;

    // A static array, read once per round: see the note on Keccak's round constants in the primitives.
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>Lane 0 of Keccak-f[1600] applied to the padded 32-byte message whose lanes are <paramref name="m0"/>–<paramref name="m3"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static T FirstLane<T, TOps>(T m0, T m1, T m2, T m3)
        where T : struct
        where TOps : struct, ILaneOps<T>
    {
        // Round 0. θ's column parities: only lanes 0–4 and 16 (column 1) are non-zero.
        var pad1 = TOps.Create(PadFirst);
        var pad16 = TOps.Create(PadLast);
        var c1 = TOps.Xor(m1, pad16);
        var d0 = TOps.Xor(pad1, TOps.RotateLeft(c1, 1));
        var d1 = TOps.Xor(m0, TOps.RotateLeft(m2, 1));
        var d2 = TOps.Xor(c1, TOps.RotateLeft(m3, 1));
        var d3 = TOps.Xor(m2, TOps.Create(PadFirst << 1));
        var d4 = TOps.Xor(m3, TOps.RotateLeft(m0, 1));

        // ρ and π: b[x + 5y] comes from lane ((x + 3y) mod 5) + 5x; a zero lane contributes only its d.
        var b0 = TOps.Xor(m0, d0);
        var b1 = TOps.RotateLeft(d1, 44);
        var b2 = TOps.RotateLeft(d2, 43);
        var b3 = TOps.RotateLeft(d3, 21);
        var b4 = TOps.RotateLeft(d4, 14);
        var b5 = TOps.RotateLeft(TOps.Xor(m3, d3), 28);
        var b6 = TOps.RotateLeft(d4, 20);
        var b7 = TOps.RotateLeft(d0, 3);
        var b8 = TOps.RotateLeft(TOps.Xor(pad16, d1), 45);
        var b9 = TOps.RotateLeft(d2, 61);
        var b10 = TOps.RotateLeft(TOps.Xor(m1, d1), 1);
        var b11 = TOps.RotateLeft(d2, 6);
        var b12 = TOps.RotateLeft(d3, 25);
        var b13 = TOps.RotateLeft(d4, 8);
        var b14 = TOps.RotateLeft(d0, 18);
        var b15 = TOps.RotateLeft(TOps.Xor(pad1, d4), 27);
        var b16 = TOps.RotateLeft(d0, 36);
        var b17 = TOps.RotateLeft(d1, 10);
        var b18 = TOps.RotateLeft(d2, 15);
        var b19 = TOps.RotateLeft(d3, 56);
        var b20 = TOps.RotateLeft(TOps.Xor(m2, d2), 62);
        var b21 = TOps.RotateLeft(d3, 55);
        var b22 = TOps.RotateLeft(d4, 39);
        var b23 = TOps.RotateLeft(d0, 41);
        var b24 = TOps.RotateLeft(d1, 2);

        // χ and ι.
        var s0 = TOps.Xor(TOps.Chi(b0, b1, b2), TOps.Create(RoundConstants[0]));
        var s1 = TOps.Chi(b1, b2, b3);
        var s2 = TOps.Chi(b2, b3, b4);
        var s3 = TOps.Chi(b3, b4, b0);
        var s4 = TOps.Chi(b4, b0, b1);
        var s5 = TOps.Chi(b5, b6, b7);
        var s6 = TOps.Chi(b6, b7, b8);
        var s7 = TOps.Chi(b7, b8, b9);
        var s8 = TOps.Chi(b8, b9, b5);
        var s9 = TOps.Chi(b9, b5, b6);
        var s10 = TOps.Chi(b10, b11, b12);
        var s11 = TOps.Chi(b11, b12, b13);
        var s12 = TOps.Chi(b12, b13, b14);
        var s13 = TOps.Chi(b13, b14, b10);
        var s14 = TOps.Chi(b14, b10, b11);
        var s15 = TOps.Chi(b15, b16, b17);
        var s16 = TOps.Chi(b16, b17, b18);
        var s17 = TOps.Chi(b17, b18, b19);
        var s18 = TOps.Chi(b18, b19, b15);
        var s19 = TOps.Chi(b19, b15, b16);
        var s20 = TOps.Chi(b20, b21, b22);
        var s21 = TOps.Chi(b21, b22, b23);
        var s22 = TOps.Chi(b22, b23, b24);
        var s23 = TOps.Chi(b23, b24, b20);
        var s24 = TOps.Chi(b24, b20, b21);

        // Rounds 1 to 22 in full.
        for (var round = 1; round < 23; round++)
        {
            var p0 = TOps.Xor3(TOps.Xor3(s0, s5, s10), s15, s20);
            var p1 = TOps.Xor3(TOps.Xor3(s1, s6, s11), s16, s21);
            var p2 = TOps.Xor3(TOps.Xor3(s2, s7, s12), s17, s22);
            var p3 = TOps.Xor3(TOps.Xor3(s3, s8, s13), s18, s23);
            var p4 = TOps.Xor3(TOps.Xor3(s4, s9, s14), s19, s24);
            d0 = TOps.Xor(p4, TOps.RotateLeft(p1, 1));
            d1 = TOps.Xor(p0, TOps.RotateLeft(p2, 1));
            d2 = TOps.Xor(p1, TOps.RotateLeft(p3, 1));
            d3 = TOps.Xor(p2, TOps.RotateLeft(p4, 1));
            d4 = TOps.Xor(p3, TOps.RotateLeft(p0, 1));
            b0 = TOps.Xor(s0, d0);
            b1 = TOps.RotateLeft(TOps.Xor(s6, d1), 44);
            b2 = TOps.RotateLeft(TOps.Xor(s12, d2), 43);
            b3 = TOps.RotateLeft(TOps.Xor(s18, d3), 21);
            b4 = TOps.RotateLeft(TOps.Xor(s24, d4), 14);
            b5 = TOps.RotateLeft(TOps.Xor(s3, d3), 28);
            b6 = TOps.RotateLeft(TOps.Xor(s9, d4), 20);
            b7 = TOps.RotateLeft(TOps.Xor(s10, d0), 3);
            b8 = TOps.RotateLeft(TOps.Xor(s16, d1), 45);
            b9 = TOps.RotateLeft(TOps.Xor(s22, d2), 61);
            b10 = TOps.RotateLeft(TOps.Xor(s1, d1), 1);
            b11 = TOps.RotateLeft(TOps.Xor(s7, d2), 6);
            b12 = TOps.RotateLeft(TOps.Xor(s13, d3), 25);
            b13 = TOps.RotateLeft(TOps.Xor(s19, d4), 8);
            b14 = TOps.RotateLeft(TOps.Xor(s20, d0), 18);
            b15 = TOps.RotateLeft(TOps.Xor(s4, d4), 27);
            b16 = TOps.RotateLeft(TOps.Xor(s5, d0), 36);
            b17 = TOps.RotateLeft(TOps.Xor(s11, d1), 10);
            b18 = TOps.RotateLeft(TOps.Xor(s17, d2), 15);
            b19 = TOps.RotateLeft(TOps.Xor(s23, d3), 56);
            b20 = TOps.RotateLeft(TOps.Xor(s2, d2), 62);
            b21 = TOps.RotateLeft(TOps.Xor(s8, d3), 55);
            b22 = TOps.RotateLeft(TOps.Xor(s14, d4), 39);
            b23 = TOps.RotateLeft(TOps.Xor(s15, d0), 41);
            b24 = TOps.RotateLeft(TOps.Xor(s21, d1), 2);
            s0 = TOps.Xor(TOps.Chi(b0, b1, b2), TOps.Create(RoundConstants[round]));
            s1 = TOps.Chi(b1, b2, b3);
            s2 = TOps.Chi(b2, b3, b4);
            s3 = TOps.Chi(b3, b4, b0);
            s4 = TOps.Chi(b4, b0, b1);
            s5 = TOps.Chi(b5, b6, b7);
            s6 = TOps.Chi(b6, b7, b8);
            s7 = TOps.Chi(b7, b8, b9);
            s8 = TOps.Chi(b8, b9, b5);
            s9 = TOps.Chi(b9, b5, b6);
            s10 = TOps.Chi(b10, b11, b12);
            s11 = TOps.Chi(b11, b12, b13);
            s12 = TOps.Chi(b12, b13, b14);
            s13 = TOps.Chi(b13, b14, b10);
            s14 = TOps.Chi(b14, b10, b11);
            s15 = TOps.Chi(b15, b16, b17);
            s16 = TOps.Chi(b16, b17, b18);
            s17 = TOps.Chi(b17, b18, b19);
            s18 = TOps.Chi(b18, b19, b15);
            s19 = TOps.Chi(b19, b15, b16);
            s20 = TOps.Chi(b20, b21, b22);
            s21 = TOps.Chi(b21, b22, b23);
            s22 = TOps.Chi(b22, b23, b24);
            s23 = TOps.Chi(b23, b24, b20);
            s24 = TOps.Chi(b24, b20, b21);
        }

        // Round 23, lane 0 only: χ reads b0, b1, b2, which come from lanes 0, 6 and 12.
        var q0 = TOps.Xor3(TOps.Xor3(s0, s5, s10), s15, s20);
        var q1 = TOps.Xor3(TOps.Xor3(s1, s6, s11), s16, s21);
        var q2 = TOps.Xor3(TOps.Xor3(s2, s7, s12), s17, s22);
        var q3 = TOps.Xor3(TOps.Xor3(s3, s8, s13), s18, s23);
        var q4 = TOps.Xor3(TOps.Xor3(s4, s9, s14), s19, s24);
        var last0 = TOps.Xor3(s0, q4, TOps.RotateLeft(q1, 1));
        var last1 = TOps.RotateLeft(TOps.Xor3(s6, q0, TOps.RotateLeft(q2, 1)), 44);
        var last2 = TOps.RotateLeft(TOps.Xor3(s12, q1, TOps.RotateLeft(q3, 1)), 43);
        return TOps.Xor(TOps.Chi(last0, last1, last2), TOps.Create(RoundConstants[23]));
    }
}
