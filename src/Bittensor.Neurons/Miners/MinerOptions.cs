using System.Net;
using Bittensor.Sdk.Registration;

namespace Bittensor.Neurons.Miners;

/// <summary>Settings of a <see cref="MinerNeuron"/>.</summary>
public sealed record MinerOptions
{
    /// <summary>The subnet to mine on.</summary>
    public required ushort Netuid { get; init; }

    /// <summary>Where the axon binds, and the address served on chain (the chain refuses 0.0.0.0 and 127.0.0.1).</summary>
    public required IPAddress AxonIp { get; init; }

    /// <summary>The axon's port; 0 picks a free one (the bound port is what is served on chain).</summary>
    public int AxonPort { get; init; }

    /// <summary>The address the axon binds, when it differs from the served one (e.g. 0.0.0.0 behind NAT); default <see cref="AxonIp"/>.</summary>
    public IPAddress? BindIp { get; init; }

    /// <summary>Register by proof of work instead of burning the coldkey's TAO.</summary>
    public bool Pow { get; init; }

    /// <summary>Solver settings for <see cref="Pow"/>.</summary>
    public PowSolverOptions PowSolver { get; init; } = new();

    /// <summary>Callers with less stake than this (rao) are blacklisted. Default 0: every registered caller passes.</summary>
    public ulong MinStakeRao { get; init; }

    /// <summary>The metagraph is synced again once the chain has advanced this many blocks. Default 5.</summary>
    public int ResyncBlocks { get; init; } = 5;

    /// <summary>How often the chain's head is looked at. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The network's name, for the metagraph.</summary>
    public string Network { get; init; } = "local";

    /// <summary>
    /// Whether the miner sets weight 1.0 on its own uid (and nothing else) once per interval, as miners do (spec
    /// §4.2); the chain accepts a self-weight without a validator permit. Default true.
    /// </summary>
    public bool SetWeights { get; init; } = true;

    /// <summary>Blocks between self-weights; null: the subnet's tempo + 1, and never less than its weights rate limit.</summary>
    public int? SetWeightsBlocks { get; init; }

    /// <summary>The version key sent with weights (the subnet refuses keys below its own).</summary>
    public ulong VersionKey { get; init; } = (ulong)Sdk.Axon.SdkVersion.Value;

    /// <summary>Times the proof of work is solved again after a stale seal. Default 3.</summary>
    public int PowAttempts { get; init; } = 3;
}
