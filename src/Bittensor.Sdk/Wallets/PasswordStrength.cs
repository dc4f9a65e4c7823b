namespace Bittensor.Sdk.Wallets;

/// <summary>
/// How a password fares under the password rule (spec §1.7). <see cref="ToString"/> shows the figures, never the
/// password.
/// </summary>
/// <param name="Length">Characters (Unicode code points).</param>
/// <param name="EntropyBits"><c>length · log2(distinct characters)</c>.</param>
/// <param name="Strength">The entropy mapped onto [0, 1): a third at 30 bits, 0.95 at 120.</param>
/// <param name="Weakness">The share of characters in repeated patterns and keyboard or alphabet sequences, at most 1.</param>
public sealed record PasswordStrength(int Length, double EntropyBits, double Strength, double Weakness)
{
    /// <summary>The figure the rule compares with its minimum: <c>(1 − weakness) · strength</c>.</summary>
    public double Score => (1 - Weakness) * Strength;

    /// <summary>Whether the password meets every part of the rule.</summary>
    public bool IsAcceptable => Problem is null;

    /// <summary>What is wrong with the password, or null when it passes.</summary>
    public string? Problem =>
        Length == 0 ? "The password is empty."
        : Length < PasswordPolicy.MinLength ? $"The password has {Length} characters; use at least {PasswordPolicy.MinLength}."
        : EntropyBits < PasswordPolicy.MinEntropyBits ? "The password has too few distinct characters; use more different ones."
        : Score < PasswordPolicy.MinScore ? $"The password is too weak (strength {Score:0.000}, at least {PasswordPolicy.MinScore:0.00} needed): make it longer, use more different characters, and avoid repeats and sequences like 'abc', 'qwerty' or '123'."
        : null;
}
