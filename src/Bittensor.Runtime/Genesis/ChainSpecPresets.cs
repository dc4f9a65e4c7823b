using Bittensor.Primitives.Keys;

namespace Bittensor.Runtime.Genesis;

/// <summary>
/// Built-in chain specs. <c>dev</c> and <c>local</c> fund the well-known development accounts Alice, Bob, Charlie,
/// Dave, Eve and Ferdie, whose Ed25519 keys are <c>//Name</c> derived from the public development phrase
/// <c>bottom drive obey lake curtain smoke basket hold race lonely fit walk</c> (never use them on a real
/// network). <c>fairlaunch</c> has no pre-funded balance and no sudo key: TAO exists only as it is emitted.
/// </summary>
public static class ChainSpecPresets
{
    /// <summary>TAO each development account receives.</summary>
    public const ulong DevBalance = 1_000_000UL * 1_000_000_000;

    public static IReadOnlyList<string> Names { get; } = ["dev", "local", "fairlaunch"];

    public static ChainSpec Get(string name) => name switch
    {
        "dev" => Dev(),
        "local" => Local(),
        "fairlaunch" => FairLaunch(),
        _ => throw new ChainSpecException($"Unknown chain preset '{name}'. Use one of: {string.Join(", ", Names)}, or give a chain spec file."),
    };

    private static string Dev(string name) => Ss58.Encode(DevAccounts.Get(name).PublicKey);

    private static GenesisSubnet DevSubnet() => new()
    {
        Netuid = 1,
        Owner = Dev("Alice"),
        Hyperparameters = new Dictionary<string, ulong>
        {
            ["tempo"] = 20,
            ["max_allowed_uids"] = 256,
            ["immunity_period"] = 200,
            ["weights_rate_limit"] = 5,
            ["network_registration_allowed"] = 1,
            ["network_pow_registration_allowed"] = 1,
            ["min_difficulty"] = 1,
            ["max_difficulty"] = 1_000_000_000,
            ["difficulty"] = 10_000,
            ["burn"] = 1_000_000_000,
            ["min_burn"] = 1_000_000,
            ["target_regs_per_interval"] = 16,
            ["max_regs_per_block"] = 8,
            ["adjustment_interval"] = 100,
        },
    };

    /// <summary>A single-node development chain: Alice authors and holds sudo; subnet 1 is ready for neurons.</summary>
    public static ChainSpec Dev() => new()
    {
        Name = "Bittensor.NET Development",
        Id = "dev",
        ChainType = "Development",
        Genesis = new GenesisConfig
        {
            Authorities = [Dev("Alice")],
            Sudo = Dev("Alice"),
            Faucet = true,
            Balances = [.. DevAccounts.Names.Select(n => new GenesisBalance(Dev(n), DevBalance))],
            Triumvirate = [Dev("Alice"), Dev("Bob"), Dev("Charlie")],
            Senate = [Dev("Dave"), Dev("Eve"), Dev("Ferdie")],
            Subnets = [DevSubnet()],
        },
    };

    /// <summary>A multi-node test network: Alice, Bob and Charlie author blocks.</summary>
    public static ChainSpec Local() => Dev() with
    {
        Name = "Bittensor.NET Local Testnet",
        Id = "local",
        ChainType = "Local",
        Genesis = Dev().Genesis with { Authorities = [Dev("Alice"), Dev("Bob"), Dev("Charlie")] },
    };

    /// <summary>No pre-funded balances and no sudo: neurons join subnet 1 by proof of work and earn emission.</summary>
    public static ChainSpec FairLaunch() => new()
    {
        Name = "Bittensor.NET Fair Launch",
        Id = "fairlaunch",
        ChainType = "Live",
        Genesis = new GenesisConfig
        {
            Authorities = [Dev("Alice")],
            Subnets =
            [
                new GenesisSubnet
                {
                    Netuid = 1,
                    Hyperparameters = new Dictionary<string, ulong>
                    {
                        ["tempo"] = 99,
                        ["max_allowed_uids"] = 256,
                        ["network_pow_registration_allowed"] = 1,
                        ["min_difficulty"] = 1_000,
                        ["max_difficulty"] = ulong.MaxValue / 4,
                        ["difficulty"] = 1_000_000,
                    },
                },
            ],
        },
    };
}
