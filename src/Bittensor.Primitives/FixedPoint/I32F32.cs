using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Bittensor.Primitives.FixedPoint;

/// <summary>
/// Signed fixed-point number with 32 integer and 32 fraction bits, bit-compatible with <c>substrate_fixed::I32F32</c>.
/// Multiplication floors, division truncates toward zero, conversions to integers floor. Arithmetic that would
/// overflow throws <see cref="OverflowException"/> (the reference panics there in checked builds); the
/// <c>Saturating*</c> methods clamp instead.
/// </summary>
public readonly struct I32F32 : IEquatable<I32F32>, IComparable<I32F32>
{
    public const int FractionBits = 32;
    public const long OneRaw = 1L << FractionBits;

    private I32F32(long raw) => Raw = raw;

    /// <summary>The two's-complement bits; value = Raw / 2^32.</summary>
    public long Raw { get; }

    public static I32F32 Zero => default;
    public static I32F32 One => new(OneRaw);
    public static I32F32 MaxValue => new(long.MaxValue);
    public static I32F32 MinValue => new(long.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static I32F32 FromRaw(long raw) => new(raw);

    /// <summary>Exact conversion of an integer; throws when it is outside [-2^31, 2^31).</summary>
    public static I32F32 FromInt(long value)
    {
        if (value < int.MinValue || value > int.MaxValue)
        {
            ThrowOverflow();
        }

        return new(value << FractionBits);
    }

    /// <summary>Exact conversion of an unsigned integer; throws when it is 2^31 or larger.</summary>
    public static I32F32 FromUInt(ulong value)
    {
        if (value > int.MaxValue)
        {
            ThrowOverflow();
        }

        return new((long)value << FractionBits);
    }

    /// <summary>A u16 read as an integer (not a proportion).</summary>
    public static I32F32 FromU16(ushort value) => new((long)value << FractionBits);

    /// <summary>A u16 proportion p/65535 (the chain's representation of [0, 1]).</summary>
    public static I32F32 FromU16Proportion(ushort value) => FromU16(value) / FromU16(ushort.MaxValue);

    /// <summary>I64F64 → I32F32: drops the low 32 fraction bits (floor); throws if the integer part does not fit.</summary>
    public static I32F32 FromI64F64(I64F64 value)
    {
        var raw = value.Raw >> 32;
        if (raw < long.MinValue || raw > long.MaxValue)
        {
            ThrowOverflow();
        }

        return new((long)raw);
    }

    public static I32F32 operator +(I32F32 a, I32F32 b)
    {
        var sum = a.Raw + b.Raw;
        if (((a.Raw ^ sum) & (b.Raw ^ sum)) < 0)
        {
            ThrowOverflow();
        }

        return new(sum);
    }

    public static I32F32 operator -(I32F32 a, I32F32 b)
    {
        var difference = a.Raw - b.Raw;
        if (((a.Raw ^ b.Raw) & (a.Raw ^ difference)) < 0)
        {
            ThrowOverflow();
        }

        return new(difference);
    }

    public static I32F32 operator -(I32F32 a)
    {
        if (a.Raw == long.MinValue)
        {
            ThrowOverflow();
        }

        return new(-a.Raw);
    }

    /// <summary>Product, rounded toward −∞.</summary>
    public static I32F32 operator *(I32F32 a, I32F32 b)
    {
        if (!TryMultiply(a, b, out var result))
        {
            ThrowOverflow();
        }

        return result;
    }

    /// <summary>Quotient, rounded toward zero. Division by zero throws <see cref="DivideByZeroException"/>.</summary>
    public static I32F32 operator /(I32F32 a, I32F32 b)
    {
        if (b.Raw == 0)
        {
            throw new DivideByZeroException("I32F32 division by zero.");
        }

        if (!TryDivide(a, b, out var result))
        {
            ThrowOverflow();
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMultiply(I32F32 a, I32F32 b, out I32F32 result)
    {
        var high = Math.BigMul(a.Raw, b.Raw, out long low);
        // The 128-bit product shifted right by 32 fits in 64 bits iff bits 127..95 are all equal.
        var top = high >> 31;
        if (top != 0 && top != -1)
        {
            result = default;
            return false;
        }

        result = new((high << 32) | (long)((ulong)low >> 32));
        return true;
    }

    public static bool TryDivide(I32F32 a, I32F32 b, out I32F32 result)
    {
        if (b.Raw == 0)
        {
            result = default;
            return false;
        }

        if (a.Raw >= int.MinValue && a.Raw <= int.MaxValue)
        {
            // (a << 32) fits in 64 bits, and |quotient| <= |a << 32| except for the MinValue / -1 case.
            var dividend = a.Raw << FractionBits;
            if (dividend == long.MinValue && b.Raw == -1)
            {
                result = default;
                return false;
            }

            result = new(dividend / b.Raw);
            return true;
        }

        var quotient = ((Int128)a.Raw << FractionBits) / b.Raw;
        if (quotient < long.MinValue || quotient > long.MaxValue)
        {
            result = default;
            return false;
        }

        result = new((long)quotient);
        return true;
    }

    public I32F32 SaturatingAdd(I32F32 other)
    {
        var sum = Raw + other.Raw;
        if (((Raw ^ sum) & (other.Raw ^ sum)) < 0)
        {
            return Raw < 0 ? MinValue : MaxValue;
        }

        return new(sum);
    }

    public I32F32 SaturatingSub(I32F32 other)
    {
        var difference = Raw - other.Raw;
        if (((Raw ^ other.Raw) & (Raw ^ difference)) < 0)
        {
            return Raw < 0 ? MinValue : MaxValue;
        }

        return new(difference);
    }

    public I32F32 SaturatingMul(I32F32 other)
    {
        if (TryMultiply(this, other, out var result))
        {
            return result;
        }

        return (Raw < 0) ^ (other.Raw < 0) ? MinValue : MaxValue;
    }

    /// <summary>Truncating division clamped to the range; division by zero saturates toward the dividend's sign.</summary>
    public I32F32 SaturatingDiv(I32F32 other)
    {
        if (TryDivide(this, other, out var result))
        {
            return result;
        }

        if (other.Raw == 0)
        {
            return Raw < 0 ? MinValue : MaxValue;
        }

        return (Raw < 0) ^ (other.Raw < 0) ? MinValue : MaxValue;
    }

    /// <summary>Largest integer not greater than the value.</summary>
    public I32F32 Floor() => new(Raw & ~(OneRaw - 1));

    /// <summary>Nearest integer, ties away from zero.</summary>
    public I32F32 Round()
    {
        const long half = OneRaw / 2;
        if (Raw >= 0)
        {
            if (Raw > long.MaxValue - half)
            {
                ThrowOverflow();
            }

            return new((Raw + half) & ~(OneRaw - 1));
        }

        // Symmetric for negative values: round the magnitude.
        if (Raw == long.MinValue)
        {
            return this;
        }

        return new(-((-Raw + half) & ~(OneRaw - 1)));
    }

    /// <summary>Integer part as u16 (floor); throws when it is outside [0, 65535].</summary>
    public ushort ToU16()
    {
        var integer = Raw >> FractionBits;
        if (integer < 0 || integer > ushort.MaxValue)
        {
            ThrowOverflow();
        }

        return (ushort)integer;
    }

    /// <summary>Integer part as u64 (floor); throws when the value is negative.</summary>
    public ulong ToU64()
    {
        if (Raw < 0)
        {
            ThrowOverflow();
        }

        return (ulong)(Raw >> FractionBits);
    }

    /// <summary><c>floor(x × 65535)</c>: a proportion in [0, 1] back to the chain's u16 form.</summary>
    public ushort ToU16Proportion() => (this * FromU16(ushort.MaxValue)).ToU16();

    public I64F64 ToI64F64() => I64F64.FromRaw((Int128)Raw << 32);

    public I96F32 ToI96F32() => I96F32.FromRaw(Raw);

    public static bool operator ==(I32F32 a, I32F32 b) => a.Raw == b.Raw;
    public static bool operator !=(I32F32 a, I32F32 b) => a.Raw != b.Raw;
    public static bool operator <(I32F32 a, I32F32 b) => a.Raw < b.Raw;
    public static bool operator >(I32F32 a, I32F32 b) => a.Raw > b.Raw;
    public static bool operator <=(I32F32 a, I32F32 b) => a.Raw <= b.Raw;
    public static bool operator >=(I32F32 a, I32F32 b) => a.Raw >= b.Raw;

    public bool Equals(I32F32 other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is I32F32 other && Equals(other);
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(I32F32 other) => Raw.CompareTo(other.Raw);

    /// <summary>The exact decimal value, culture-invariant.</summary>
    public override string ToString() => FixedDecimal.Format(Raw, FractionBits);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowOverflow() => throw new OverflowException("Fixed-point overflow.");
}
