using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Epoch;

/// <summary>The per-uid vectors an epoch has computed once dividends are known (chain spec §6.2 steps 2–16).</summary>
public sealed record EpochVectors(
    I32F32[] Stake,
    I32F32[] ActiveStake,
    I32F32[] Ranks,
    I32F32[] Trust,
    I32F32[] Consensus,
    I32F32[] Incentive,
    I32F32[] Dividends,
    I32F32[] ValidatorTrust,
    bool[] NewValidatorPermits);
