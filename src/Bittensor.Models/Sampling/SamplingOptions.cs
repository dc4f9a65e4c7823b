namespace Bittensor.Models.Sampling;

/// <summary>
/// How the next token is drawn from the model's logits: divide by <see cref="Temperature"/> (0 means always the most
/// likely token), keep the <see cref="TopK"/> most likely (0 keeps all), then the smallest set of most likely tokens
/// whose probability reaches <see cref="TopP"/> (the nucleus; 1 keeps all), renormalise and draw.
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>Always the most likely token (ties to the lowest id).</summary>
    public static SamplingOptions Greedy { get; } = new() { Temperature = 0f };

    public float Temperature { get; init; } = 1f;

    public int TopK { get; init; }

    public float TopP { get; init; } = 1f;

    /// <summary>Whether every draw is the most likely token (temperature 0 or top-k 1).</summary>
    public bool IsGreedy => Temperature == 0f || TopK == 1;

    /// <summary>Throws with a message naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Temperature >= 0f) || float.IsInfinity(Temperature))
        {
            throw new ArgumentException($"Sampling temperature {Temperature} must be a finite number ≥ 0 (0 picks the most likely token).");
        }

        if (TopK < 0)
        {
            throw new ArgumentException($"Sampling top-k {TopK} must be ≥ 0 (0 keeps every token).");
        }

        if (!(TopP > 0f && TopP <= 1f))
        {
            throw new ArgumentException($"Sampling top-p {TopP} must lie in (0, 1] (1 keeps every token).");
        }
    }
}
