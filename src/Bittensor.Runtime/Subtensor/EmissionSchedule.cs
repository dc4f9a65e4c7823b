using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Subtensor;

/// <summary>
/// The TAO minted per block as a function of total issuance (chain spec §1.2): 1 TAO until half the supply is issued,
/// then halving each time half of the remaining supply has been issued; nothing once the cap is reached.
/// </summary>
public static class EmissionSchedule
{
    /// <summary>The supply cap, 21 M TAO in rao.</summary>
    public const ulong TotalSupply = 21_000_000_000_000_000;

    /// <summary>The block emission before any halving, 1 TAO in rao.</summary>
    public const ulong DefaultBlockEmission = 1_000_000_000;

    /// <summary>Rao per block at the given total issuance, bit-exact with the reference's I96F32 computation.</summary>
    public static ulong BlockEmissionForIssuance(ulong issuance)
    {
        var total = I96F32.FromUInt(issuance);
        if (total >= I96F32.FromUInt(TotalSupply))
        {
            return 0;
        }

        var ratio = total / (I96F32.FromInt(2) * I96F32.FromUInt(TotalSupply / 2));
        var x = I96F32.One / (I96F32.One - ratio);
        var halvings = IntegerLog2(x);

        var multiplier = I96F32.One;
        for (var k = 0; k < halvings; k++)
        {
            multiplier = multiplier.SaturatingMul(I96F32.FromInt(2));
        }

        var share = I96F32.One.SaturatingDiv(multiplier);
        return share.SaturatingMul(I96F32.FromUInt(DefaultBlockEmission)).ToU64();
    }

    /// <summary>
    /// The integer part of the reference's fixed-point <c>log2</c> for x ≥ 1: the number of halvings (each rounding the
    /// last bit up) that bring x below 2.
    /// </summary>
    private static int IntegerLog2(I96F32 x)
    {
        var two = I96F32.FromInt(2).Raw;
        var raw = x.Raw;
        var k = 0;
        while (raw >= two)
        {
            raw = (raw >> 1) + (raw & 1);
            k++;
        }

        return k;
    }
}
