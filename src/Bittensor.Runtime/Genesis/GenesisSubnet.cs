namespace Bittensor.Runtime.Genesis;

/// <summary>
/// A subnet created at genesis with the values a new subnet gets (chain spec §7.5), then the given hyperparameters
/// (names as in <c>btcli subnets hyperparameters</c>, e.g. <c>tempo</c>, <c>max_allowed_uids</c>,
/// <c>network_registration_allowed</c>, <c>difficulty</c>).
/// </summary>
public sealed record GenesisSubnet
{
    public required ushort Netuid { get; init; }

    /// <summary>The owner coldkey (receives the owner cut), or null for none.</summary>
    public string? Owner { get; init; }

    public IReadOnlyDictionary<string, ulong> Hyperparameters { get; init; } = new Dictionary<string, ulong>();
}
