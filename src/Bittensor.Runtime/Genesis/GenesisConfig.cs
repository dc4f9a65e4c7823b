namespace Bittensor.Runtime.Genesis;

/// <summary>The genesis state of a chain spec.</summary>
public sealed record GenesisConfig
{
    /// <summary>Block-authoring keys (the node's consensus uses them).</summary>
    public IReadOnlyList<string> Authorities { get; init; } = [];

    /// <summary>The sudo key (root power), or null for a chain governed only by its senate.</summary>
    public string? Sudo { get; init; }

    /// <summary>Whether the PoW faucet call mints test TAO (test networks only).</summary>
    public bool Faucet { get; init; }

    /// <summary>Free balances, rao, as [account, amount] pairs.</summary>
    public IReadOnlyList<GenesisBalance> Balances { get; init; } = [];

    /// <summary>Triumvirate members (at most 3).</summary>
    public IReadOnlyList<string> Triumvirate { get; init; } = [];

    /// <summary>Senate members, hotkeys (at most 12).</summary>
    public IReadOnlyList<string> Senate { get; init; } = [];

    /// <summary>Subnets created at genesis (the root network, netuid 0, always exists).</summary>
    public IReadOnlyList<GenesisSubnet> Subnets { get; init; } = [];
}
