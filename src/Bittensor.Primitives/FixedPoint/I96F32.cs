namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// Signed fixed-point number with 96 integer and 32 fraction bits in a 128-bit integer, bit-compatible with
/// <c>substrate_fixed::I96F32</c>. Used for rao amounts (emission × proportion), the block-emission formula and the owner cut. Arithmetic that would overflow throws <see cref="OverflowException"/>.
/// </summary>
public readonly struct I96F32 : IFixed128<I96F32>, IEquatable<I96F32>, IComparable<I96F32>
{
    private I96F32(Int128 raw) => Raw = raw;

    public static int FractionBits => 32;

    public Int128 Raw { get; }

    public static I96F32 Zero => default;
    public static I96F32 One => new(Int128.One << 32);
    public static I96F32 MaxValue => new(Int128.MaxValue);
    public static I96F32 MinValue => new(Int128.MinValue);

    public static I96F32 FromRaw(Int128 raw) => new(raw);

    /// <summary>Exact conversion of an integer; throws when it does not fit.</summary>
    public static I96F32 FromInt(Int128 value) => Fixed128<I96F32>.FromInteger(value);

    /// <summary>Exact conversion of an unsigned integer; throws when it does not fit.</summary>
    public static I96F32 FromUInt(UInt128 value) => Fixed128<I96F32>.FromInteger(value);

    /// <summary>Conversion from another 128-bit fixed type: exact with more fraction bits, floor with fewer.</summary>
    public static I96F32 From<TOther>(TOther value)
        where TOther : struct, IFixed128<TOther> => Fixed128<I96F32>.FromRawWithBits(value.Raw, TOther.FractionBits);

    /// <summary>Conversion from I32F32: exact with more fraction bits, floor with fewer.</summary>
    public static I96F32 From(I32F32 value) => Fixed128<I96F32>.FromRawWithBits(value.Raw, I32F32.FractionBits);

    public static I96F32 operator +(I96F32 a, I96F32 b) => Fixed128<I96F32>.Add(a, b);
    public static I96F32 operator -(I96F32 a, I96F32 b) => Fixed128<I96F32>.Subtract(a, b);
    public static I96F32 operator -(I96F32 a) => Fixed128<I96F32>.Negate(a);

    /// <summary>Product, rounded toward −∞.</summary>
    public static I96F32 operator *(I96F32 a, I96F32 b) => Fixed128<I96F32>.Multiply(a, b);

    /// <summary>Quotient, rounded toward zero. Division by zero throws <see cref="DivideByZeroException"/>.</summary>
    public static I96F32 operator /(I96F32 a, I96F32 b) => Fixed128<I96F32>.Divide(a, b);

    public static bool TryMultiply(I96F32 a, I96F32 b, out I96F32 result) => Fixed128<I96F32>.TryMultiply(a, b, out result);
    public static bool TryDivide(I96F32 a, I96F32 b, out I96F32 result) => Fixed128<I96F32>.TryDivide(a, b, out result);

    public I96F32 SaturatingAdd(I96F32 other) => Fixed128<I96F32>.SaturatingAdd(this, other);
    public I96F32 SaturatingSub(I96F32 other) => Fixed128<I96F32>.SaturatingSubtract(this, other);
    public I96F32 SaturatingMul(I96F32 other) => Fixed128<I96F32>.SaturatingMultiply(this, other);
    public I96F32 SaturatingDiv(I96F32 other) => Fixed128<I96F32>.SaturatingDivide(this, other);

    /// <summary>Largest integer not greater than the value.</summary>
    public I96F32 Floor() => Fixed128<I96F32>.Floor(this);

    /// <summary>Nearest integer, ties away from zero.</summary>
    public I96F32 Round() => Fixed128<I96F32>.Round(this);

    /// <summary>Integer part as u64 (floor); throws when outside [0, 2^64).</summary>
    public ulong ToU64() => Fixed128<I96F32>.ToU64(this);

    /// <summary>Integer part (floor).</summary>
    public Int128 ToInt128() => Fixed128<I96F32>.ToInt128(this);

    public static bool operator ==(I96F32 a, I96F32 b) => a.Raw == b.Raw;
    public static bool operator !=(I96F32 a, I96F32 b) => a.Raw != b.Raw;
    public static bool operator <(I96F32 a, I96F32 b) => a.Raw < b.Raw;
    public static bool operator >(I96F32 a, I96F32 b) => a.Raw > b.Raw;
    public static bool operator <=(I96F32 a, I96F32 b) => a.Raw <= b.Raw;
    public static bool operator >=(I96F32 a, I96F32 b) => a.Raw >= b.Raw;

    public bool Equals(I96F32 other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is I96F32 other && Equals(other);
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(I96F32 other) => Raw.CompareTo(other.Raw);

    /// <summary>The exact decimal value, culture-invariant.</summary>
    public override string ToString() => Fixed128<I96F32>.Format(this);
}
