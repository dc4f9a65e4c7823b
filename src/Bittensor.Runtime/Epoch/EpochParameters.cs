namespace Bittensor.Runtime.Epoch;

/// <summary>The subnet hyperparameters the epoch reads (chain spec §6.1).</summary>
/// <param name="Kappa">Consensus majority as a u16 proportion of 65535 (default 32767).</param>
/// <param name="BondsMovingAverage">Bond EMA retention in millionths (default 900 000: keep 90 % of old bonds).</param>
/// <param name="ActivityCutoff">Blocks after its last weight update before a validator counts as inactive (default 5000).</param>
/// <param name="MaxAllowedValidators">How many of the top stakes get a validator permit (default 64).</param>
public sealed record EpochParameters(ushort Kappa, ulong BondsMovingAverage, ushort ActivityCutoff, ushort MaxAllowedValidators)
{
    /// <summary>The upstream defaults.</summary>
    public static EpochParameters Default { get; } = new(32767, 900_000, 5000, 64);
}
