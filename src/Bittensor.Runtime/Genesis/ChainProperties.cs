namespace Bittensor.Runtime.Genesis;

/// <summary>Token properties reported to clients (system_properties).</summary>
public sealed record ChainProperties
{
    public string TokenSymbol { get; init; } = "TAO";

    public int TokenDecimals { get; init; } = 9;

    public int Ss58Format { get; init; } = 42;
}
