namespace Bittensor.Neurons.Validators;

/// <summary>
/// The scaling law of spec §4.1: a loss in nats becomes an "equivalent parameter count",
/// <c>params(L) = 8.8e13 · max(L, 1.69)^(−1/0.076)</c>, so better models earn super-linearly more.
/// </summary>
public static class ScalingLaw
{
    /// <summary>N_c, the parameter constant (8.8e13).</summary>
    public const double ParameterConstant = 8.8e13;

    /// <summary>The exponent 0.076.</summary>
    public const double Exponent = 0.076;

    /// <summary>Losses below this (1.69 nats, the law's irreducible loss) count as this.</summary>
    public const double LossFloor = 1.69;

    /// <summary><c>exp(ln(8.8e13) − ln(max(L, 1.69)) / 0.076)</c>.</summary>
    public static double Params(double loss) => Math.Exp(Math.Log(ParameterConstant) - (Math.Log(Math.Max(loss, LossFloor)) / Exponent));

    /// <summary>The Shapley base of a loss: <c>params(L)^power</c>.</summary>
    public static double Base(double loss, double power) => Math.Pow(Params(loss), power);
}
