namespace Bittensor.Neurons.Validators;

/// <summary>The validator's moving averages (spec §4.1, <c>neuron_stats_update</c>, α = 0.1).</summary>
public static class MovingAverage
{
    /// <summary>The weight of a new observation.</summary>
    public const double Alpha = 0.1;

    /// <summary>
    /// <c>s ← (1 − α)·s + α·x</c>; the first observation (<paramref name="current"/> null) initialises; a NaN
    /// observation is skipped (the current value is returned unchanged).
    /// </summary>
    public static double? Update(double? current, double observation, double alpha = Alpha)
    {
        if (double.IsNaN(observation))
        {
            return current;
        }

        return current is { } value ? ((1 - alpha) * value) + (alpha * observation) : observation;
    }

    /// <summary>
    /// The zeroing moving average (initialised 0): a responder moves toward its fresh value,
    /// <c>z ← (1 − α)·z + α·v</c>; a queried miner that did not respond (<paramref name="observation"/> null) decays,
    /// <c>z ← (1 − α)·z</c>. A NaN value is treated as no response.
    /// </summary>
    public static double Zeroing(double current, double? observation, double alpha = Alpha) =>
        observation is { } v && !double.IsNaN(v) ? ((1 - alpha) * current) + (alpha * v) : (1 - alpha) * current;
}
