namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// Signed fixed-point number with 64 integer and 64 fraction bits in a 128-bit integer, bit-compatible with
/// <c>substrate_fixed::I64F64</c>. Used for stake normalisation, the delegate/nominator split and the root epoch. Arithmetic that would overflow throws <see cref="OverflowException"/>.
/// </summary>
public readonly struct I64F64 : IFixed128<I64F64>, IEquatable<I64F64>, IComparable<I64F64>
{
    private I64F64(Int128 raw) => Raw = raw;

    public static int FractionBits => 64;

    public Int128 Raw { get; }

    public static I64F64 Zero => default;
    public static I64F64 One => new(Int128.One << 64);
    public static I64F64 MaxValue => new(Int128.MaxValue);
    public static I64F64 MinValue => new(Int128.MinValue);

    public static I64F64 FromRaw(Int128 raw) => new(raw);

    /// <summary>Exact conversion of an integer; throws when it does not fit.</summary>
    public static I64F64 FromInt(Int128 value) => Fixed128<I64F64>.FromInteger(value);

    /// <summary>Exact conversion of an unsigned integer; throws when it does not fit.</summary>
    public static I64F64 FromUInt(UInt128 value) => Fixed128<I64F64>.FromInteger(value);

    /// <summary>Conversion from another 128-bit fixed type: exact with more fraction bits, floor with fewer.</summary>
    public static I64F64 From<TOther>(TOther value)
        where TOther : struct, IFixed128<TOther> => Fixed128<I64F64>.FromRawWithBits(value.Raw, TOther.FractionBits);

    /// <summary>Conversion from I32F32: exact with more fraction bits, floor with fewer.</summary>
    public static I64F64 From(I32F32 value) => Fixed128<I64F64>.FromRawWithBits(value.Raw, I32F32.FractionBits);

    public static I64F64 operator +(I64F64 a, I64F64 b) => Fixed128<I64F64>.Add(a, b);
    public static I64F64 operator -(I64F64 a, I64F64 b) => Fixed128<I64F64>.Subtract(a, b);
    public static I64F64 operator -(I64F64 a) => Fixed128<I64F64>.Negate(a);

    /// <summary>Product, rounded toward −∞.</summary>
    public static I64F64 operator *(I64F64 a, I64F64 b) => Fixed128<I64F64>.Multiply(a, b);

    /// <summary>Quotient, rounded toward zero. Division by zero throws <see cref="DivideByZeroException"/>.</summary>
    public static I64F64 operator /(I64F64 a, I64F64 b) => Fixed128<I64F64>.Divide(a, b);

    public static bool TryMultiply(I64F64 a, I64F64 b, out I64F64 result) => Fixed128<I64F64>.TryMultiply(a, b, out result);
    public static bool TryDivide(I64F64 a, I64F64 b, out I64F64 result) => Fixed128<I64F64>.TryDivide(a, b, out result);

    public I64F64 SaturatingAdd(I64F64 other) => Fixed128<I64F64>.SaturatingAdd(this, other);
    public I64F64 SaturatingSub(I64F64 other) => Fixed128<I64F64>.SaturatingSubtract(this, other);
    public I64F64 SaturatingMul(I64F64 other) => Fixed128<I64F64>.SaturatingMultiply(this, other);
    public I64F64 SaturatingDiv(I64F64 other) => Fixed128<I64F64>.SaturatingDivide(this, other);

    /// <summary>Largest integer not greater than the value.</summary>
    public I64F64 Floor() => Fixed128<I64F64>.Floor(this);

    /// <summary>Nearest integer, ties away from zero.</summary>
    public I64F64 Round() => Fixed128<I64F64>.Round(this);

    /// <summary>Integer part as u64 (floor); throws when outside [0, 2^64).</summary>
    public ulong ToU64() => Fixed128<I64F64>.ToU64(this);

    /// <summary>Integer part (floor).</summary>
    public Int128 ToInt128() => Fixed128<I64F64>.ToInt128(this);

    public static bool operator ==(I64F64 a, I64F64 b) => a.Raw == b.Raw;
    public static bool operator !=(I64F64 a, I64F64 b) => a.Raw != b.Raw;
    public static bool operator <(I64F64 a, I64F64 b) => a.Raw < b.Raw;
    public static bool operator >(I64F64 a, I64F64 b) => a.Raw > b.Raw;
    public static bool operator <=(I64F64 a, I64F64 b) => a.Raw <= b.Raw;
    public static bool operator >=(I64F64 a, I64F64 b) => a.Raw >= b.Raw;

    public bool Equals(I64F64 other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is I64F64 other && Equals(other);
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(I64F64 other) => Raw.CompareTo(other.Raw);

    /// <summary>The exact decimal value, culture-invariant.</summary>
    public override string ToString() => Fixed128<I64F64>.Format(this);
}
