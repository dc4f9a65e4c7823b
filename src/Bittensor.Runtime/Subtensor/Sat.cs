namespace Bittensor.Runtime.Subtensor;

/// <summary>Saturating u64/u16 arithmetic where the chain spec prescribes it.</summary>
public static class Sat
{
    public static ulong Add(ulong a, ulong b) => ulong.MaxValue - a < b ? ulong.MaxValue : a + b;

    public static ulong Sub(ulong a, ulong b) => a > b ? a - b : 0;

    public static ulong Mul(ulong a, ulong b) => a != 0 && b > ulong.MaxValue / a ? ulong.MaxValue : a * b;

    public static ushort Add(ushort a, ushort b) => (ushort)Math.Min(ushort.MaxValue, a + b);

    public static ushort Sub(ushort a, ushort b) => a > b ? (ushort)(a - b) : (ushort)0;
}
