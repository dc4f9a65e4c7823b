using System.Numerics;

namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// Unsigned fixed-point number with 64 integer and 64 fraction bits, bit-compatible with <c>substrate_fixed::U64F64</c>
/// (the delegate-info RPC uses it). Multiplication and division round toward zero; overflow and underflow throw
/// <see cref="OverflowException"/>.
/// </summary>
public readonly struct U64F64 : IEquatable<U64F64>, IComparable<U64F64>
{
    public const int FractionBits = 64;

    private U64F64(UInt128 raw) => Raw = raw;

    /// <summary>The bits; value = Raw / 2^64.</summary>
    public UInt128 Raw { get; }

    public static U64F64 Zero => default;
    public static U64F64 One => new(UInt128.One << FractionBits);
    public static U64F64 MaxValue => new(UInt128.MaxValue);

    public static U64F64 FromRaw(UInt128 raw) => new(raw);

    /// <summary>Exact conversion of an integer.</summary>
    public static U64F64 FromUInt(ulong value) => new((UInt128)value << FractionBits);

    public static U64F64 operator +(U64F64 a, U64F64 b)
    {
        var sum = a.Raw + b.Raw;
        if (sum < a.Raw)
        {
            I32F32.ThrowOverflow();
        }

        return new(sum);
    }

    public static U64F64 operator -(U64F64 a, U64F64 b)
    {
        if (b.Raw > a.Raw)
        {
            I32F32.ThrowOverflow();
        }

        return new(a.Raw - b.Raw);
    }

    /// <summary>Product, rounded down.</summary>
    public static U64F64 operator *(U64F64 a, U64F64 b)
    {
        if (!TryMultiply(a, b, out var result))
        {
            I32F32.ThrowOverflow();
        }

        return result;
    }

    /// <summary>Quotient, rounded down. Division by zero throws <see cref="DivideByZeroException"/>.</summary>
    public static U64F64 operator /(U64F64 a, U64F64 b)
    {
        if (b.Raw == 0)
        {
            throw new DivideByZeroException("U64F64 division by zero.");
        }

        if (!WideArithmetic.TryDivide(a.Raw >> 64, a.Raw << 64, b.Raw, out var quotient))
        {
            I32F32.ThrowOverflow();
        }

        return new(quotient);
    }

    public static bool TryMultiply(U64F64 a, U64F64 b, out U64F64 result)
    {
        WideArithmetic.Multiply(a.Raw, b.Raw, out var high, out var low);
        if (high >> 64 != 0)
        {
            result = default;
            return false;
        }

        result = new((high << 64) | (low >> 64));
        return true;
    }

    /// <summary>Integer part (floor).</summary>
    public ulong ToU64() => (ulong)(Raw >> FractionBits);

    public static bool operator ==(U64F64 a, U64F64 b) => a.Raw == b.Raw;
    public static bool operator !=(U64F64 a, U64F64 b) => a.Raw != b.Raw;
    public static bool operator <(U64F64 a, U64F64 b) => a.Raw < b.Raw;
    public static bool operator >(U64F64 a, U64F64 b) => a.Raw > b.Raw;
    public static bool operator <=(U64F64 a, U64F64 b) => a.Raw <= b.Raw;
    public static bool operator >=(U64F64 a, U64F64 b) => a.Raw >= b.Raw;

    public bool Equals(U64F64 other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is U64F64 other && Equals(other);
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(U64F64 other) => Raw.CompareTo(other.Raw);

    /// <summary>The exact decimal value, culture-invariant.</summary>
    public override string ToString() => FixedDecimal.Format((BigInteger)Raw, FractionBits);
}
