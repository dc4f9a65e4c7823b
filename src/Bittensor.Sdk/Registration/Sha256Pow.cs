using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Bittensor.Sdk.Registration;

/// <summary>
/// The message words of the seal's SHA-256 input that do not depend on the nonce, and the sums built from them alone.
/// </summary>
/// <remarks>
/// The input is <c>le64(nonce) ‖ pre</c>: 40 bytes, so one 64-byte block whose words are W0, W1 (the nonce), W2–W9
/// (<c>pre</c>), W10 = 0x80000000 (the padding bit), W11–W14 = 0 and W15 = 320 (the length in bits). The nonce comes
/// first, so there is no midstate to reuse; what can be reused is every part of the first rounds and of the message
/// schedule W16–W31 that involves only W2–W15. <see cref="Kw"/>[t] is K[t] + W[t] for the rounds t = 2…15, which see a
/// constant word; <c>CN</c> is the constant part of schedule word N.
/// </remarks>
internal readonly struct PowMessage
{
    public readonly Words16 Kw;
    public readonly uint C16, C17, C18, C19, C20, C21, C22, C23, C24, C25;

    public PowMessage(ReadOnlySpan<byte> pre)
    {
        Span<uint> w = stackalloc uint[16];
        for (var i = 0; i < 8; i++)
        {
            w[2 + i] = BinaryPrimitives.ReadUInt32BigEndian(pre[(4 * i)..]);
        }

        w[10] = Sha256Pow.Padding;
        w[15] = Sha256Pow.BitLength;
        for (var t = 2; t < 16; t++)
        {
            Kw[t] = Sha256Pow.K[t] + w[t];
        }

        // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16]; the terms below are those among W2–W15 (zeros left out).
        C16 = w[9];                                                                     // σ1(W14) + W9
        C17 = Sha256Pow.SmallSigma1(w[15]) + w[10] + Sha256Pow.SmallSigma0(w[2]);       // σ1(W15) + W10 + σ0(W2)
        C18 = Sha256Pow.SmallSigma0(w[3]) + w[2];                                       // W11 + σ0(W3) + W2
        C19 = Sha256Pow.SmallSigma0(w[4]) + w[3];
        C20 = Sha256Pow.SmallSigma0(w[5]) + w[4];
        C21 = Sha256Pow.SmallSigma0(w[6]) + w[5];
        C22 = w[15] + Sha256Pow.SmallSigma0(w[7]) + w[6];                               // W15 + σ0(W7) + W6
        C23 = Sha256Pow.SmallSigma0(w[8]) + w[7];
        C24 = Sha256Pow.SmallSigma0(w[9]) + w[8];
        C25 = Sha256Pow.SmallSigma0(w[10]) + w[9];
    }
}

/// <summary>Sixteen message words.</summary>
[InlineArray(16)]
internal struct Words16
{
    private uint _element;
}

/// <summary>
/// SHA-256 of the seal's 40-byte input <c>le64(nonce) ‖ pre</c>, for one nonce or a vector of nonces: one block,
/// the first round folded into constants (its inputs are the initial hash value and the nonce's low word), the
/// constant message words added in advance (<see cref="PowMessage"/>).
/// </summary>
/// <remarks>
/// The rounds run in loops rather than unrolled: a fully unrolled generic body needs more inlined helper calls and
/// temporaries than the JIT will inline into one method, and the calls it leaves cost more than the loop.
/// </remarks>
internal static class Sha256Pow
{
    public const uint Padding = 0x80000000u;
    public const uint BitLength = 40 * 8;

    /// <summary>Schedule words the caller provides room for: W16 to W63.</summary>
    public const int ScheduleLength = 48;

    private const uint H0 = 0x6a09e667u, H1 = 0xbb67ae85u, H2 = 0x3c6ef372u, H3 = 0xa54ff53au;
    private const uint H4 = 0x510e527fu, H5 = 0x9b05688cu, H6 = 0x1f83d9abu, H7 = 0x5be0cd19u;

    // A static array, not a span over a collection expression: see the note on Keccak's round constants.
    public static readonly uint[] K =
    [
        0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
        0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
        0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
        0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
        0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
        0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
        0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
        0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
    ];

    // Round 0 on the initial hash value: T1 = H7 + Σ1(H4) + Ch(H4, H5, H6) + K0 + W0 and T2 = Σ0(H0) + Maj(H0, H1, H2),
    // all constant but W0. After it, a = Round0A + W0 and e = Round0E + W0.
    private static readonly uint Round0T1 = H7 + BigSigma1(H4) + ((H4 & H5) ^ (~H4 & H6)) + 0x428a2f98u;
    private static readonly uint Round0E = H3 + Round0T1;
    private static readonly uint Round0A = Round0T1 + BigSigma0(H0) + ((H0 & H1) ^ (H0 & H2) ^ (H1 & H2));
    private static readonly uint Sigma0OfLength = SmallSigma0(BitLength);

    public static uint SmallSigma0(uint x) => BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);

    public static uint SmallSigma1(uint x) => BitOperations.RotateRight(x, 17) ^ BitOperations.RotateRight(x, 19) ^ (x >> 10);

    private static uint BigSigma0(uint x) => BitOperations.RotateRight(x, 2) ^ BitOperations.RotateRight(x, 13) ^ BitOperations.RotateRight(x, 22);

    private static uint BigSigma1(uint x) => BitOperations.RotateRight(x, 6) ^ BitOperations.RotateRight(x, 11) ^ BitOperations.RotateRight(x, 25);

    /// <summary>
    /// The eight output words (big-endian words of the digest) for message words <paramref name="w0"/> and
    /// <paramref name="w1"/>: the nonce's low and high 32 bits, byte-swapped (the nonce is little-endian, SHA-256
    /// reads big-endian words). <paramref name="schedule"/> is scratch room for <see cref="ScheduleLength"/> words.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Compress<T, TOps>(T w0, T w1, in PowMessage m, Span<T> schedule, out T h0, out T h1, out T h2, out T h3, out T h4, out T h5, out T h6, out T h7)
        where T : struct
        where TOps : struct, IWordLanes<T>
    {
        var w = schedule[..ScheduleLength]; // w[i] is W[16 + i]

        // W16–W31: the constant terms come from PowMessage, zero words are left out.
        w[0] = TOps.Add(TOps.Add(w0, Sigma0<T, TOps>(w1)), TOps.Create(m.C16));
        w[1] = TOps.Add(w1, TOps.Create(m.C17));
        w[2] = TOps.Add(Sigma1<T, TOps>(w[0]), TOps.Create(m.C18));
        w[3] = TOps.Add(Sigma1<T, TOps>(w[1]), TOps.Create(m.C19));
        w[4] = TOps.Add(Sigma1<T, TOps>(w[2]), TOps.Create(m.C20));
        w[5] = TOps.Add(Sigma1<T, TOps>(w[3]), TOps.Create(m.C21));
        w[6] = TOps.Add(Sigma1<T, TOps>(w[4]), TOps.Create(m.C22));
        w[7] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[5]), w[0]), TOps.Create(m.C23));
        w[8] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[6]), w[1]), TOps.Create(m.C24));
        w[9] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[7]), w[2]), TOps.Create(m.C25));
        w[10] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[8]), w[3]), TOps.Create(Padding));   // + W10
        w[11] = TOps.Add(Sigma1<T, TOps>(w[9]), w[4]);
        w[12] = TOps.Add(Sigma1<T, TOps>(w[10]), w[5]);
        w[13] = TOps.Add(Sigma1<T, TOps>(w[11]), w[6]);
        w[14] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[12]), w[7]), TOps.Create(Sigma0OfLength)); // + σ0(W15)
        w[15] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[13]), w[8]), TOps.Add(Sigma0<T, TOps>(w[0]), TOps.Create(BitLength))); // + σ0(W16) + W15
        for (var i = 16; i < ScheduleLength; i++)
        {
            w[i] = TOps.Add(TOps.Add(Sigma1<T, TOps>(w[i - 2]), w[i - 7]), TOps.Add(Sigma0<T, TOps>(w[i - 15]), w[i - 16]));
        }

        // The state after round 0 (see Round0T1).
        var a = TOps.Add(w0, TOps.Create(Round0A));
        var b = TOps.Create(H0);
        var c = TOps.Create(H1);
        var d = TOps.Create(H2);
        var e = TOps.Add(w0, TOps.Create(Round0E));
        var f = TOps.Create(H4);
        var g = TOps.Create(H5);
        var h = TOps.Create(H6);

        Round<T, TOps>(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, TOps.Add(w1, TOps.Create(K[1])));
        for (var t = 2; t < 16; t++)
        {
            Round<T, TOps>(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, TOps.Create(m.Kw[t]));
        }

        for (var t = 16; t < 64; t++)
        {
            Round<T, TOps>(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, TOps.Add(w[t - 16], TOps.Create(K[t])));
        }

        h0 = TOps.Add(a, TOps.Create(H0));
        h1 = TOps.Add(b, TOps.Create(H1));
        h2 = TOps.Add(c, TOps.Create(H2));
        h3 = TOps.Add(d, TOps.Create(H3));
        h4 = TOps.Add(e, TOps.Create(H4));
        h5 = TOps.Add(f, TOps.Create(H5));
        h6 = TOps.Add(g, TOps.Create(H6));
        h7 = TOps.Add(h, TOps.Create(H7));
    }

    /// <summary>One round; <paramref name="kw"/> is K[t] + W[t].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<T, TOps>(ref T a, ref T b, ref T c, ref T d, ref T e, ref T f, ref T g, ref T h, T kw)
        where T : struct
        where TOps : struct, IWordLanes<T>
    {
        var t1 = TOps.Add(TOps.Add(h, kw), TOps.Add(TOps.Xor3(TOps.RotateRight(e, 6), TOps.RotateRight(e, 11), TOps.RotateRight(e, 25)), TOps.Choose(e, f, g)));
        var t2 = TOps.Add(TOps.Xor3(TOps.RotateRight(a, 2), TOps.RotateRight(a, 13), TOps.RotateRight(a, 22)), TOps.Majority(a, b, c));
        h = g;
        g = f;
        f = e;
        e = TOps.Add(d, t1);
        d = c;
        c = b;
        b = a;
        a = TOps.Add(t1, t2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Sigma0<T, TOps>(T x)
        where T : struct
        where TOps : struct, IWordLanes<T> =>
        TOps.Xor3(TOps.RotateRight(x, 7), TOps.RotateRight(x, 18), TOps.ShiftRight(x, 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Sigma1<T, TOps>(T x)
        where T : struct
        where TOps : struct, IWordLanes<T> =>
        TOps.Xor3(TOps.RotateRight(x, 17), TOps.RotateRight(x, 19), TOps.ShiftRight(x, 10));
}
