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
/// schedule W16–W31 that involves only W2–W15. <c>KwN</c> is K[N] + W[N] for the rounds that see a constant word;
/// <c>CN</c> is the constant part of schedule word N.
/// </remarks>
internal readonly struct PowMessage
{
    public readonly uint Kw2, Kw3, Kw4, Kw5, Kw6, Kw7, Kw8, Kw9, Kw10, Kw11, Kw12, Kw13, Kw14, Kw15;
    public readonly uint C16, C17, C18, C19, C20, C21, C22, C23, C24, C25;

    public PowMessage(ReadOnlySpan<byte> pre)
    {
        var p0 = BinaryPrimitives.ReadUInt32BigEndian(pre);
        var p1 = BinaryPrimitives.ReadUInt32BigEndian(pre[4..]);
        var p2 = BinaryPrimitives.ReadUInt32BigEndian(pre[8..]);
        var p3 = BinaryPrimitives.ReadUInt32BigEndian(pre[12..]);
        var p4 = BinaryPrimitives.ReadUInt32BigEndian(pre[16..]);
        var p5 = BinaryPrimitives.ReadUInt32BigEndian(pre[20..]);
        var p6 = BinaryPrimitives.ReadUInt32BigEndian(pre[24..]);
        var p7 = BinaryPrimitives.ReadUInt32BigEndian(pre[28..]);

        Kw2 = 0xb5c0fbcfu + p0;
        Kw3 = 0xe9b5dba5u + p1;
        Kw4 = 0x3956c25bu + p2;
        Kw5 = 0x59f111f1u + p3;
        Kw6 = 0x923f82a4u + p4;
        Kw7 = 0xab1c5ed5u + p5;
        Kw8 = 0xd807aa98u + p6;
        Kw9 = 0x12835b01u + p7;
        Kw10 = 0x243185beu + Sha256Pow.Padding;
        Kw11 = 0x550c7dc3u;
        Kw12 = 0x72be5d74u;
        Kw13 = 0x80deb1feu;
        Kw14 = 0x9bdc06a7u;
        Kw15 = 0xc19bf174u + Sha256Pow.BitLength;

        // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16]; the terms below are those among W2–W15.
        C16 = p7;                                                                       // W9 (σ1(W14) = 0)
        C17 = Sha256Pow.SmallSigma1(Sha256Pow.BitLength) + Sha256Pow.Padding + Sha256Pow.SmallSigma0(p0); // σ1(W15) + W10 + σ0(W2)
        C18 = Sha256Pow.SmallSigma0(p1) + p0;                                           // σ0(W3) + W2
        C19 = Sha256Pow.SmallSigma0(p2) + p1;
        C20 = Sha256Pow.SmallSigma0(p3) + p2;
        C21 = Sha256Pow.SmallSigma0(p4) + p3;
        C22 = Sha256Pow.BitLength + Sha256Pow.SmallSigma0(p5) + p4;                     // W15 + σ0(W7) + W6
        C23 = Sha256Pow.SmallSigma0(p6) + p5;
        C24 = Sha256Pow.SmallSigma0(p7) + p6;
        C25 = Sha256Pow.SmallSigma0(Sha256Pow.Padding) + p7;                           // σ0(W10) + W9
    }
}

/// <summary>
/// SHA-256 of the seal's 40-byte input <c>le64(nonce) ‖ pre</c>, for one nonce or a vector of nonces: one block,
/// the first round folded into constants (its inputs are the initial hash value and the nonce's low word), the
/// constant message words added in advance (<see cref="PowMessage"/>), rounds unrolled.
/// </summary>
internal static class Sha256Pow
{
    public const uint Padding = 0x80000000u;
    public const uint BitLength = 40 * 8;

    private const uint H0 = 0x6a09e667u, H1 = 0xbb67ae85u, H2 = 0x3c6ef372u, H3 = 0xa54ff53au;
    private const uint H4 = 0x510e527fu, H5 = 0x9b05688cu, H6 = 0x1f83d9abu, H7 = 0x5be0cd19u;
    private const uint K0 = 0x428a2f98u, K1 = 0x71374491u;

    // Round 0 on the initial hash value: T1 = H7 + Σ1(H4) + Ch(H4, H5, H6) + K0 + W0 and T2 = Σ0(H0) + Maj(H0, H1, H2),
    // all constant but W0.
    private static readonly uint Round0T1 = H7 + BigSigma1(H4) + ((H4 & H5) ^ (~H4 & H6)) + K0;
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
    /// reads big-endian words).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compress<T, TOps>(T w0, T w1, in PowMessage m, out T h0, out T h1, out T h2, out T h3, out T h4, out T h5, out T h6, out T h7)
        where T : struct
        where TOps : struct, IWordLanes<T>
    {
        // After round 0 (see Round0T1): the new a and e are constants plus W0, the rest is the initial value shifted.
        var a = TOps.Create(H0);
        var b = TOps.Create(H1);
        var c = TOps.Create(H2);
        var d = TOps.Add(w0, TOps.Create(Round0E));
        var e = TOps.Create(H4);
        var f = TOps.Create(H5);
        var g = TOps.Create(H6);
        var h = TOps.Add(w0, TOps.Create(Round0A));

        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w1, TOps.Create(K1))); // 1
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Create(m.Kw2)); // 2
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Create(m.Kw3)); // 3
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Create(m.Kw4)); // 4
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Create(m.Kw5)); // 5
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Create(m.Kw6)); // 6
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Create(m.Kw7)); // 7
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Create(m.Kw8)); // 8
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Create(m.Kw9)); // 9
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Create(m.Kw10)); // 10
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Create(m.Kw11)); // 11
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Create(m.Kw12)); // 12
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Create(m.Kw13)); // 13
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Create(m.Kw14)); // 14
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Create(m.Kw15)); // 15
        var w16 = TOps.Add(TOps.Add(w0, Sigma0<T, TOps>(w1)), TOps.Create(m.C16));
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Add(w16, TOps.Create(0xe49b69c1u))); // 16
        var w17 = TOps.Add(w1, TOps.Create(m.C17));
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w17, TOps.Create(0xefbe4786u))); // 17
        var w18 = TOps.Add(Sigma1<T, TOps>(w16), TOps.Create(m.C18));
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Add(w18, TOps.Create(0x0fc19dc6u))); // 18
        var w19 = TOps.Add(Sigma1<T, TOps>(w17), TOps.Create(m.C19));
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Add(w19, TOps.Create(0x240ca1ccu))); // 19
        var w20 = TOps.Add(Sigma1<T, TOps>(w18), TOps.Create(m.C20));
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Add(w20, TOps.Create(0x2de92c6fu))); // 20
        var w21 = TOps.Add(Sigma1<T, TOps>(w19), TOps.Create(m.C21));
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Add(w21, TOps.Create(0x4a7484aau))); // 21
        var w22 = TOps.Add(Sigma1<T, TOps>(w20), TOps.Create(m.C22));
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Add(w22, TOps.Create(0x5cb0a9dcu))); // 22
        var w23 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w21), w16), TOps.Create(m.C23));
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Add(w23, TOps.Create(0x76f988dau))); // 23
        var w24 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w22), w17), TOps.Create(m.C24));
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Add(w24, TOps.Create(0x983e5152u))); // 24
        var w25 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w23), w18), TOps.Create(m.C25));
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w25, TOps.Create(0xa831c66du))); // 25
        var w26 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w24), w19), TOps.Create(Padding));
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Add(w26, TOps.Create(0xb00327c8u))); // 26
        var w27 = TOps.Add(Sigma1<T, TOps>(w25), w20);
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Add(w27, TOps.Create(0xbf597fc7u))); // 27
        var w28 = TOps.Add(Sigma1<T, TOps>(w26), w21);
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Add(w28, TOps.Create(0xc6e00bf3u))); // 28
        var w29 = TOps.Add(Sigma1<T, TOps>(w27), w22);
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Add(w29, TOps.Create(0xd5a79147u))); // 29
        var w30 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w28), w23), TOps.Create(Sigma0OfLength));
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Add(w30, TOps.Create(0x06ca6351u))); // 30
        var w31 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w29), w24), TOps.Add(Sigma0<T, TOps>(w16), TOps.Create(BitLength)));
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Add(w31, TOps.Create(0x14292967u))); // 31
        var w32 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w30), w25), TOps.Add(Sigma0<T, TOps>(w17), w16));
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Add(w32, TOps.Create(0x27b70a85u))); // 32
        var w33 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w31), w26), TOps.Add(Sigma0<T, TOps>(w18), w17));
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w33, TOps.Create(0x2e1b2138u))); // 33
        var w34 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w32), w27), TOps.Add(Sigma0<T, TOps>(w19), w18));
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Add(w34, TOps.Create(0x4d2c6dfcu))); // 34
        var w35 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w33), w28), TOps.Add(Sigma0<T, TOps>(w20), w19));
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Add(w35, TOps.Create(0x53380d13u))); // 35
        var w36 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w34), w29), TOps.Add(Sigma0<T, TOps>(w21), w20));
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Add(w36, TOps.Create(0x650a7354u))); // 36
        var w37 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w35), w30), TOps.Add(Sigma0<T, TOps>(w22), w21));
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Add(w37, TOps.Create(0x766a0abbu))); // 37
        var w38 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w36), w31), TOps.Add(Sigma0<T, TOps>(w23), w22));
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Add(w38, TOps.Create(0x81c2c92eu))); // 38
        var w39 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w37), w32), TOps.Add(Sigma0<T, TOps>(w24), w23));
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Add(w39, TOps.Create(0x92722c85u))); // 39
        var w40 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w38), w33), TOps.Add(Sigma0<T, TOps>(w25), w24));
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Add(w40, TOps.Create(0xa2bfe8a1u))); // 40
        var w41 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w39), w34), TOps.Add(Sigma0<T, TOps>(w26), w25));
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w41, TOps.Create(0xa81a664bu))); // 41
        var w42 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w40), w35), TOps.Add(Sigma0<T, TOps>(w27), w26));
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Add(w42, TOps.Create(0xc24b8b70u))); // 42
        var w43 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w41), w36), TOps.Add(Sigma0<T, TOps>(w28), w27));
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Add(w43, TOps.Create(0xc76c51a3u))); // 43
        var w44 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w42), w37), TOps.Add(Sigma0<T, TOps>(w29), w28));
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Add(w44, TOps.Create(0xd192e819u))); // 44
        var w45 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w43), w38), TOps.Add(Sigma0<T, TOps>(w30), w29));
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Add(w45, TOps.Create(0xd6990624u))); // 45
        var w46 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w44), w39), TOps.Add(Sigma0<T, TOps>(w31), w30));
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Add(w46, TOps.Create(0xf40e3585u))); // 46
        var w47 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w45), w40), TOps.Add(Sigma0<T, TOps>(w32), w31));
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Add(w47, TOps.Create(0x106aa070u))); // 47
        var w48 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w46), w41), TOps.Add(Sigma0<T, TOps>(w33), w32));
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Add(w48, TOps.Create(0x19a4c116u))); // 48
        var w49 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w47), w42), TOps.Add(Sigma0<T, TOps>(w34), w33));
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w49, TOps.Create(0x1e376c08u))); // 49
        var w50 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w48), w43), TOps.Add(Sigma0<T, TOps>(w35), w34));
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Add(w50, TOps.Create(0x2748774cu))); // 50
        var w51 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w49), w44), TOps.Add(Sigma0<T, TOps>(w36), w35));
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Add(w51, TOps.Create(0x34b0bcb5u))); // 51
        var w52 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w50), w45), TOps.Add(Sigma0<T, TOps>(w37), w36));
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Add(w52, TOps.Create(0x391c0cb3u))); // 52
        var w53 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w51), w46), TOps.Add(Sigma0<T, TOps>(w38), w37));
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Add(w53, TOps.Create(0x4ed8aa4au))); // 53
        var w54 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w52), w47), TOps.Add(Sigma0<T, TOps>(w39), w38));
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Add(w54, TOps.Create(0x5b9cca4fu))); // 54
        var w55 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w53), w48), TOps.Add(Sigma0<T, TOps>(w40), w39));
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Add(w55, TOps.Create(0x682e6ff3u))); // 55
        var w56 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w54), w49), TOps.Add(Sigma0<T, TOps>(w41), w40));
        Round<T, TOps>(a, b, c, ref d, e, f, g, ref h, TOps.Add(w56, TOps.Create(0x748f82eeu))); // 56
        var w57 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w55), w50), TOps.Add(Sigma0<T, TOps>(w42), w41));
        Round<T, TOps>(h, a, b, ref c, d, e, f, ref g, TOps.Add(w57, TOps.Create(0x78a5636fu))); // 57
        var w58 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w56), w51), TOps.Add(Sigma0<T, TOps>(w43), w42));
        Round<T, TOps>(g, h, a, ref b, c, d, e, ref f, TOps.Add(w58, TOps.Create(0x84c87814u))); // 58
        var w59 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w57), w52), TOps.Add(Sigma0<T, TOps>(w44), w43));
        Round<T, TOps>(f, g, h, ref a, b, c, d, ref e, TOps.Add(w59, TOps.Create(0x8cc70208u))); // 59
        var w60 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w58), w53), TOps.Add(Sigma0<T, TOps>(w45), w44));
        Round<T, TOps>(e, f, g, ref h, a, b, c, ref d, TOps.Add(w60, TOps.Create(0x90befffau))); // 60
        var w61 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w59), w54), TOps.Add(Sigma0<T, TOps>(w46), w45));
        Round<T, TOps>(d, e, f, ref g, h, a, b, ref c, TOps.Add(w61, TOps.Create(0xa4506cebu))); // 61
        var w62 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w60), w55), TOps.Add(Sigma0<T, TOps>(w47), w46));
        Round<T, TOps>(c, d, e, ref f, g, h, a, ref b, TOps.Add(w62, TOps.Create(0xbef9a3f7u))); // 62
        var w63 = TOps.Add(TOps.Add(Sigma1<T, TOps>(w61), w56), TOps.Add(Sigma0<T, TOps>(w48), w47));
        Round<T, TOps>(b, c, d, ref e, f, g, h, ref a, TOps.Add(w63, TOps.Create(0xc67178f2u))); // 63


        h0 = TOps.Add(a, TOps.Create(H0));
        h1 = TOps.Add(b, TOps.Create(H1));
        h2 = TOps.Add(c, TOps.Create(H2));
        h3 = TOps.Add(d, TOps.Create(H3));
        h4 = TOps.Add(e, TOps.Create(H4));
        h5 = TOps.Add(f, TOps.Create(H5));
        h6 = TOps.Add(g, TOps.Create(H6));
        h7 = TOps.Add(h, TOps.Create(H7));
    }

    /// <summary>
    /// One round on the working variables named in rotation: <c>d += T1</c>, <c>h = T1 + T2</c>, where
    /// <paramref name="kw"/> is K[t] + W[t].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<T, TOps>(T a, T b, T c, ref T d, T e, T f, T g, ref T h, T kw)
        where T : struct
        where TOps : struct, IWordLanes<T>
    {
        var t1 = TOps.Add(TOps.Add(h, kw), TOps.Add(TOps.Xor3(TOps.RotateRight(e, 6), TOps.RotateRight(e, 11), TOps.RotateRight(e, 25)), TOps.Choose(e, f, g)));
        d = TOps.Add(d, t1);
        h = TOps.Add(t1, TOps.Add(TOps.Xor3(TOps.RotateRight(a, 2), TOps.RotateRight(a, 13), TOps.RotateRight(a, 22)), TOps.Majority(a, b, c)));
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
