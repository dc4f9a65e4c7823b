namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// Signed fixed-point number with 110 integer and 18 fraction bits in a 128-bit integer, bit-compatible with
/// <c>substrate_fixed::I110F18</c>. Used for the difficulty and burn adjustment. Arithmetic that would overflow throws <see cref="OverflowException"/>.
/// </summary>
public readonly struct I110F18 : IFixed128<I110F18>, IEquatable<I110F18>, IComparable<I110F18>
{
    private I110F18(Int128 raw) => Raw = raw;

    public static int FractionBits => 18;

    public Int128 Raw { get; }

    public static I110F18 Zero => default;
    public static I110F18 One => new(Int128.One << 18);
    public static I110F18 MaxValue => new(Int128.MaxValue);
    public static I110F18 MinValue => new(Int128.MinValue);

    public static I110F18 FromRaw(Int128 raw) => new(raw);

    /// <summary>Exact conversion of an integer; throws when it does not fit.</summary>
    public static I110F18 FromInt(Int128 value) => Fixed128<I110F18>.FromInteger(value);

    /// <summary>Exact conversion of an unsigned integer; throws when it does not fit.</summary>
    public static I110F18 FromUInt(UInt128 value) => Fixed128<I110F18>.FromInteger(value);

    /// <summary>Conversion from another 128-bit fixed type: exact with more fraction bits, floor with fewer.</summary>
    public static I110F18 From<TOther>(TOther value)
        where TOther : struct, IFixed128<TOther> => Fixed128<I110F18>.FromRawWithBits(value.Raw, TOther.FractionBits);

    /// <summary>Conversion from I32F32: exact with more fraction bits, floor with fewer.</summary>
    public static I110F18 From(I32F32 value) => Fixed128<I110F18>.FromRawWithBits(value.Raw, I32F32.FractionBits);

    public static I110F18 operator +(I110F18 a, I110F18 b) => Fixed128<I110F18>.Add(a, b);
    public static I110F18 operator -(I110F18 a, I110F18 b) => Fixed128<I110F18>.Subtract(a, b);
    public static I110F18 operator -(I110F18 a) => Fixed128<I110F18>.Negate(a);

    /// <summary>Product, rounded toward −∞.</summary>
    public static I110F18 operator *(I110F18 a, I110F18 b) => Fixed128<I110F18>.Multiply(a, b);

    /// <summary>Quotient, rounded toward zero. Division by zero throws <see cref="DivideByZeroException"/>.</summary>
    public static I110F18 operator /(I110F18 a, I110F18 b) => Fixed128<I110F18>.Divide(a, b);

    public static bool TryMultiply(I110F18 a, I110F18 b, out I110F18 result) => Fixed128<I110F18>.TryMultiply(a, b, out result);
    public static bool TryDivide(I110F18 a, I110F18 b, out I110F18 result) => Fixed128<I110F18>.TryDivide(a, b, out result);

    public I110F18 SaturatingAdd(I110F18 other) => Fixed128<I110F18>.SaturatingAdd(this, other);
    public I110F18 SaturatingSub(I110F18 other) => Fixed128<I110F18>.SaturatingSubtract(this, other);
    public I110F18 SaturatingMul(I110F18 other) => Fixed128<I110F18>.SaturatingMultiply(this, other);
    public I110F18 SaturatingDiv(I110F18 other) => Fixed128<I110F18>.SaturatingDivide(this, other);

    /// <summary>Largest integer not greater than the value.</summary>
    public I110F18 Floor() => Fixed128<I110F18>.Floor(this);

    /// <summary>Nearest integer, ties away from zero.</summary>
    public I110F18 Round() => Fixed128<I110F18>.Round(this);

    /// <summary>Integer part as u64 (floor); throws when outside [0, 2^64).</summary>
    public ulong ToU64() => Fixed128<I110F18>.ToU64(this);

    /// <summary>Integer part (floor).</summary>
    public Int128 ToInt128() => Fixed128<I110F18>.ToInt128(this);

    public static bool operator ==(I110F18 a, I110F18 b) => a.Raw == b.Raw;
    public static bool operator !=(I110F18 a, I110F18 b) => a.Raw != b.Raw;
    public static bool operator <(I110F18 a, I110F18 b) => a.Raw < b.Raw;
    public static bool operator >(I110F18 a, I110F18 b) => a.Raw > b.Raw;
    public static bool operator <=(I110F18 a, I110F18 b) => a.Raw <= b.Raw;
    public static bool operator >=(I110F18 a, I110F18 b) => a.Raw >= b.Raw;

    public bool Equals(I110F18 other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is I110F18 other && Equals(other);
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(I110F18 other) => Raw.CompareTo(other.Raw);

    /// <summary>The exact decimal value, culture-invariant.</summary>
    public override string ToString() => Fixed128<I110F18>.Format(this);
}
