namespace Bittensor.Neurons.Validators;

/// <summary>The knobs of one scoring step (spec §4.1; scaled as the SDK reads them).</summary>
/// <param name="ScalingLawPower">Exponent of the Shapley base, <c>params(L)^power</c> (chain ScalingLawPower / 100; 0.5).</param>
/// <param name="SynergyScalingLawPower">Exponent of the synergy (0.5).</param>
/// <param name="LogitsDivergencePenalty">Factor of the divergence excess in <c>1 + penalty·excess</c> (0.02).</param>
public sealed record ScoringParameters(double ScalingLawPower = 0.5, double SynergyScalingLawPower = 0.5, double LogitsDivergencePenalty = 0.02);
