using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bittensor.Sdk.Registration;

/// <summary>
/// The 32-bit word operations of SHA-256 over one nonce (<c>uint</c>) or several side by side (one vector lane per
/// nonce). The hash code is written once against this interface and specialised by the JIT for each width.
/// </summary>
internal interface IWordLanes<T>
    where T : struct
{
    static abstract T Create(uint value);

    static abstract T Add(T left, T right);

    static abstract T RotateRight(T value, [ConstantExpected(Min = 1, Max = 31)] byte count);

    static abstract T ShiftRight(T value, [ConstantExpected(Min = 1, Max = 31)] byte count);

    static abstract T Xor3(T a, T b, T c);

    /// <summary>SHA-256's Ch: <c>(e &amp; f) ^ (~e &amp; g)</c>.</summary>
    static abstract T Choose(T e, T f, T g);

    /// <summary>SHA-256's Maj: <c>(a &amp; b) ^ (a &amp; c) ^ (b &amp; c)</c>.</summary>
    static abstract T Majority(T a, T b, T c);
}

/// <summary>The 64-bit lane operations of Keccak-f[1600] over one nonce (<c>ulong</c>) or several side by side.</summary>
internal interface ILaneOps<T>
    where T : struct
{
    static abstract T Create(ulong value);

    static abstract T Xor(T a, T b);

    static abstract T Xor3(T a, T b, T c);

    static abstract T RotateLeft(T value, [ConstantExpected(Min = 1, Max = 63)] byte count);

    /// <summary>Keccak's χ step for one lane: <c>a ^ (~b &amp; c)</c>.</summary>
    static abstract T Chi(T a, T b, T c);
}

/// <summary>One nonce at a time on general-purpose registers: the portable kernel.</summary>
internal readonly struct ScalarLanes : IWordLanes<uint>, ILaneOps<ulong>
{
    public static uint Create(uint value) => value;

    public static uint Add(uint left, uint right) => left + right;

    public static uint RotateRight(uint value, [ConstantExpected(Min = 1, Max = 31)] byte count) => BitOperations.RotateRight(value, count);

    public static uint ShiftRight(uint value, [ConstantExpected(Min = 1, Max = 31)] byte count) => value >> count;

    public static uint Xor3(uint a, uint b, uint c) => a ^ b ^ c;

    public static uint Choose(uint e, uint f, uint g) => g ^ (e & (f ^ g));

    public static uint Majority(uint a, uint b, uint c) => (a & b) | (c & (a | b));

    public static ulong Create(ulong value) => value;

    public static ulong Xor(ulong a, ulong b) => a ^ b;

    public static ulong Xor3(ulong a, ulong b, ulong c) => a ^ b ^ c;

    public static ulong RotateLeft(ulong value, [ConstantExpected(Min = 1, Max = 63)] byte count) => BitOperations.RotateLeft(value, count);

    public static ulong Chi(ulong a, ulong b, ulong c) => a ^ (~b & c);

    /// <summary>Keccak lane 0 from the first two SHA-256 output words: the digest's first 8 bytes, little-endian.</summary>
    public static ulong FirstLane(uint h0, uint h1) =>
        BinaryPrimitives.ReverseEndianness(h0) | ((ulong)BinaryPrimitives.ReverseEndianness(h1) << 32);
}

/// <summary>
/// Eight nonces per 256-bit register (AVX2): 8 SHA-256 states, then two Keccak batches of 4. Where the processor
/// also has AVX-512VL the rotations are single instructions.
/// </summary>
internal readonly struct Avx2Lanes : IWordLanes<Vector256<uint>>, ILaneOps<Vector256<ulong>>
{
    public const int Width = 8;

    /// <summary>Reverses the bytes of each 32-bit element (the shuffle works within each 128-bit half).</summary>
    private static readonly Vector256<byte> SwapWords = Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>Reverses the bytes of each 64-bit element.</summary>
    private static readonly Vector256<byte> SwapLanes = Vector256.Create((byte)7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);

    public static bool IsSupported => Avx2.IsSupported;

    public static Vector256<uint> Create(uint value) => Vector256.Create(value);

    public static Vector256<uint> Add(Vector256<uint> left, Vector256<uint> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> RotateRight(Vector256<uint> value, [ConstantExpected(Min = 1, Max = 31)] byte count) =>
        Avx512F.VL.IsSupported
            ? Avx512F.VL.RotateRight(value, count)
            : Vector256.ShiftRightLogical(value, count) | Vector256.ShiftLeft(value, 32 - count);

    public static Vector256<uint> ShiftRight(Vector256<uint> value, [ConstantExpected(Min = 1, Max = 31)] byte count) => Avx2.ShiftRightLogical(value, count);

    public static Vector256<uint> Xor3(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => a ^ b ^ c;

    public static Vector256<uint> Choose(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g) => g ^ (e & (f ^ g));

    public static Vector256<uint> Majority(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a & b) | (c & (a | b));

    public static Vector256<ulong> Create(ulong value) => Vector256.Create(value);

    public static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;

    public static Vector256<ulong> Xor3(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => a ^ b ^ c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> RotateLeft(Vector256<ulong> value, [ConstantExpected(Min = 1, Max = 63)] byte count) =>
        Avx512F.VL.IsSupported
            ? Avx512F.VL.RotateLeft(value, count)
            : Vector256.ShiftLeft(value, count) | Vector256.ShiftRightLogical(value, 64 - count);

    public static Vector256<ulong> Chi(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => a ^ Avx2.AndNot(b, c);

    public static Vector256<uint> ByteSwapWords(Vector256<uint> value) => Avx2.Shuffle(value.AsByte(), SwapWords).AsUInt32();

    public static Vector256<ulong> ByteSwapLanes(Vector256<ulong> value) => Avx2.Shuffle(value.AsByte(), SwapLanes).AsUInt64();

    /// <summary>
    /// Pairs two word vectors into 64-bit lanes, <paramref name="low"/> in the low half: the unpack works within each
    /// 128-bit half, so <paramref name="first"/> holds nonces 0, 1, 4, 5 and <paramref name="second"/> nonces 2, 3, 6, 7.
    /// </summary>
    public static void Pair(Vector256<uint> low, Vector256<uint> high, out Vector256<ulong> first, out Vector256<ulong> second)
    {
        first = Avx2.UnpackLow(low, high).AsUInt64();
        second = Avx2.UnpackHigh(low, high).AsUInt64();
    }
}

/// <summary>
/// Sixteen nonces per 512-bit register (AVX-512F and BW): 16 SHA-256 states, then two Keccak batches of 8, with
/// single-instruction rotations and three-input logic (<c>vpternlog</c>).
/// </summary>
internal readonly struct Avx512Lanes : IWordLanes<Vector512<uint>>, ILaneOps<Vector512<ulong>>
{
    public const int Width = 16;

    // vpternlog truth tables over the operands' bit patterns A = 0xF0, B = 0xCC, C = 0xAA.
    private const byte TernaryXor3 = 0x96;
    private const byte TernaryChoose = 0xCA;
    private const byte TernaryMajority = 0xE8;
    private const byte TernaryChi = 0xD2;

    private static readonly Vector512<byte> SwapWords = Vector512.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    private static readonly Vector512<byte> SwapLanes = Vector512.Create((byte)7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);

    /// <summary>AVX-512F and BW present, and 512-bit vectors not throttled (the runtime reports them accelerated).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512BW.IsSupported && Vector512.IsHardwareAccelerated;

    public static Vector512<uint> Create(uint value) => Vector512.Create(value);

    public static Vector512<uint> Add(Vector512<uint> left, Vector512<uint> right) => left + right;

    public static Vector512<uint> RotateRight(Vector512<uint> value, [ConstantExpected(Min = 1, Max = 31)] byte count) => Avx512F.RotateRight(value, count);

    public static Vector512<uint> ShiftRight(Vector512<uint> value, [ConstantExpected(Min = 1, Max = 31)] byte count) => Avx512F.ShiftRightLogical(value, count);

    public static Vector512<uint> Xor3(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) => Avx512F.TernaryLogic(a, b, c, TernaryXor3);

    public static Vector512<uint> Choose(Vector512<uint> e, Vector512<uint> f, Vector512<uint> g) => Avx512F.TernaryLogic(e, f, g, TernaryChoose);

    public static Vector512<uint> Majority(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) => Avx512F.TernaryLogic(a, b, c, TernaryMajority);

    public static Vector512<ulong> Create(ulong value) => Vector512.Create(value);

    public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;

    public static Vector512<ulong> Xor3(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.TernaryLogic(a, b, c, TernaryXor3);

    public static Vector512<ulong> RotateLeft(Vector512<ulong> value, [ConstantExpected(Min = 1, Max = 63)] byte count) => Avx512F.RotateLeft(value, count);

    public static Vector512<ulong> Chi(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.TernaryLogic(a, b, c, TernaryChi);

    public static Vector512<uint> ByteSwapWords(Vector512<uint> value) => Avx512BW.Shuffle(value.AsByte(), SwapWords).AsUInt32();

    public static Vector512<ulong> ByteSwapLanes(Vector512<ulong> value) => Avx512BW.Shuffle(value.AsByte(), SwapLanes).AsUInt64();

    /// <summary>
    /// Pairs two word vectors into 64-bit lanes, <paramref name="low"/> in the low half: the unpack works within each
    /// 128-bit quarter, so <paramref name="first"/> holds nonces 0, 1, 4, 5, 8, 9, 12, 13 and <paramref name="second"/>
    /// nonces 2, 3, 6, 7, 10, 11, 14, 15.
    /// </summary>
    public static void Pair(Vector512<uint> low, Vector512<uint> high, out Vector512<ulong> first, out Vector512<ulong> second)
    {
        first = Avx512F.UnpackLow(low, high).AsUInt64();
        second = Avx512F.UnpackHigh(low, high).AsUInt64();
    }
}
