namespace Bittensor.Primitives.FixedPoint;

/// <summary>A signed fixed-point type stored in a 128-bit two's-complement integer with a fixed number of fraction bits.</summary>
public interface IFixed128<TSelf>
    where TSelf : struct, IFixed128<TSelf>
{
    /// <summary>Number of fraction bits.</summary>
    static abstract int FractionBits { get; }

    /// <summary>The two's-complement bits; value = Raw / 2^FractionBits.</summary>
    Int128 Raw { get; }

    static abstract TSelf FromRaw(Int128 raw);
}
