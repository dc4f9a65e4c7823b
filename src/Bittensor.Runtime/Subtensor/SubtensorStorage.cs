using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Subtensor;

/// <summary>
/// Every storage item of the subtensor module (chain spec §2), typed, with the reference's defaults. Names follow
/// the reference (except the typo <c>LastMechansimStepBlock</c>, spelled correctly here).
/// </summary>
public sealed class SubtensorStorage
{
    public const string Module = "SubtensorModule";

    public SubtensorStorage(StateAccess state)
    {
        ArgumentNullException.ThrowIfNull(state);
        TotalIssuance = new(state, Module, "TotalIssuance", Codecs.U64, 0);
        TotalStake = new(state, Module, "TotalStake", Codecs.U64, 0);
        BlockEmission = new(state, Module, "BlockEmission", Codecs.U64, 1_000_000_000);
        MaxTake = new(state, Module, "MaxTake", Codecs.U16, 11_796);
        MinTake = new(state, Module, "MinTake", Codecs.U16, 5_898);
        TxRateLimit = new(state, Module, "TxRateLimit", Codecs.U64, 1_000);
        TxDelegateTakeRateLimit = new(state, Module, "TxDelegateTakeRateLimit", Codecs.U64, 216_000);
        TargetStakesPerInterval = new(state, Module, "TargetStakesPerInterval", Codecs.U64, 1);
        StakeInterval = new(state, Module, "StakeInterval", Codecs.U64, 360);
        NominatorMinRequiredStake = new(state, Module, "NominatorMinRequiredStake", Codecs.U64, 0);
        WeightsMinStake = new(state, Module, "WeightsMinStake", Codecs.U64, 0);
        SubnetLimit = new(state, Module, "SubnetLimit", Codecs.U16, 12);
        TotalNetworks = new(state, Module, "TotalNetworks", Codecs.U16, 0);
        SubnetOwnerCut = new(state, Module, "SubnetOwnerCut", Codecs.U16, 11_796);
        NetworkRateLimit = new(state, Module, "NetworkRateLimit", Codecs.U64, 7_200);
        NetworkImmunityPeriod = new(state, Module, "NetworkImmunityPeriod", Codecs.U64, 50_400);
        NetworkLastRegistered = new(state, Module, "NetworkLastRegistered", Codecs.U64, 0);
        NetworkMinLockCost = new(state, Module, "NetworkMinLockCost", Codecs.U64, 1_000_000_000_000);
        NetworkLastLockCost = new(state, Module, "NetworkLastLockCost", Codecs.U64, 1_000_000_000_000);
        NetworkLockReductionInterval = new(state, Module, "NetworkLockReductionInterval", Codecs.U64, 100_800);
        Owner = new(state, Module, "Owner", Codecs.Account, Codecs.Account, AccountId.Zero);
        Delegates = new(state, Module, "Delegates", Codecs.Account, Codecs.U16, 11_796);
        TotalHotkeyStake = new(state, Module, "TotalHotkeyStake", Codecs.Account, Codecs.U64, 0);
        TotalColdkeyStake = new(state, Module, "TotalColdkeyStake", Codecs.Account, Codecs.U64, 0);
        LastTxBlock = new(state, Module, "LastTxBlock", Codecs.Account, Codecs.U64, 0);
        LastTxBlockDelegateTake = new(state, Module, "LastTxBlockDelegateTake", Codecs.Account, Codecs.U64, 0);
        UsedWork = new(state, Module, "UsedWork", Codecs.Bytes, Codecs.U64, 0);
        NetworksAdded = new(state, Module, "NetworksAdded", Codecs.U16, Codecs.Bool, false);
        SubnetworkN = new(state, Module, "SubnetworkN", Codecs.U16, Codecs.U16, 0);
        NetworkModality = new(state, Module, "NetworkModality", Codecs.U16, Codecs.U16, 0);
        NetworkRegisteredAt = new(state, Module, "NetworkRegisteredAt", Codecs.U16, Codecs.U64, 0);
        SubnetOwner = new(state, Module, "SubnetOwner", Codecs.U16, Codecs.Account, AccountId.Zero);
        SubnetLocked = new(state, Module, "SubnetLocked", Codecs.U16, Codecs.U64, 0);
        EmissionValues = new(state, Module, "EmissionValues", Codecs.U16, Codecs.U64, 0);
        PendingEmission = new(state, Module, "PendingEmission", Codecs.U16, Codecs.U64, 0);
        BlocksSinceLastStep = new(state, Module, "BlocksSinceLastStep", Codecs.U16, Codecs.U64, 0);
        LastMechanismStepBlock = new(state, Module, "LastMechanismStepBlock", Codecs.U16, Codecs.U64, 0);
        Burn = new(state, Module, "Burn", Codecs.U16, Codecs.U64, 1_000_000_000);
        Difficulty = new(state, Module, "Difficulty", Codecs.U16, Codecs.U64, 10_000_000);
        LastAdjustmentBlock = new(state, Module, "LastAdjustmentBlock", Codecs.U16, Codecs.U64, 0);
        RegistrationsThisBlock = new(state, Module, "RegistrationsThisBlock", Codecs.U16, Codecs.U16, 0);
        RegistrationsThisInterval = new(state, Module, "RegistrationsThisInterval", Codecs.U16, Codecs.U16, 0);
        POWRegistrationsThisInterval = new(state, Module, "POWRegistrationsThisInterval", Codecs.U16, Codecs.U16, 0);
        BurnRegistrationsThisInterval = new(state, Module, "BurnRegistrationsThisInterval", Codecs.U16, Codecs.U16, 0);
        RAORecycledForRegistration = new(state, Module, "RAORecycledForRegistration", Codecs.U16, Codecs.U64, 0);
        Tempo = new(state, Module, "Tempo", Codecs.U16, Codecs.U16, 99);
        Rho = new(state, Module, "Rho", Codecs.U16, Codecs.U16, 10);
        Kappa = new(state, Module, "Kappa", Codecs.U16, Codecs.U16, 32_767);
        MaxAllowedUids = new(state, Module, "MaxAllowedUids", Codecs.U16, Codecs.U16, 4_096);
        MaxAllowedValidators = new(state, Module, "MaxAllowedValidators", Codecs.U16, Codecs.U16, 128);
        MinAllowedWeights = new(state, Module, "MinAllowedWeights", Codecs.U16, Codecs.U16, 1_024);
        MaxWeightsLimit = new(state, Module, "MaxWeightsLimit", Codecs.U16, Codecs.U16, 1_000);
        WeightsVersionKey = new(state, Module, "WeightsVersionKey", Codecs.U16, Codecs.U64, 0);
        WeightsSetRateLimit = new(state, Module, "WeightsSetRateLimit", Codecs.U16, Codecs.U64, 100);
        ActivityCutoff = new(state, Module, "ActivityCutoff", Codecs.U16, Codecs.U16, 5_000);
        ImmunityPeriod = new(state, Module, "ImmunityPeriod", Codecs.U16, Codecs.U16, 4_096);
        BondsMovingAverage = new(state, Module, "BondsMovingAverage", Codecs.U16, Codecs.U64, 900_000);
        AdjustmentInterval = new(state, Module, "AdjustmentInterval", Codecs.U16, Codecs.U16, 100);
        AdjustmentAlpha = new(state, Module, "AdjustmentAlpha", Codecs.U16, Codecs.U64, 0);
        TargetRegistrationsPerInterval = new(state, Module, "TargetRegistrationsPerInterval", Codecs.U16, Codecs.U16, 2);
        MaxRegistrationsPerBlock = new(state, Module, "MaxRegistrationsPerBlock", Codecs.U16, Codecs.U16, 1);
        MinDifficulty = new(state, Module, "MinDifficulty", Codecs.U16, Codecs.U64, 10_000_000);
        MaxDifficulty = new(state, Module, "MaxDifficulty", Codecs.U16, Codecs.U64, ulong.MaxValue / 4);
        MinBurn = new(state, Module, "MinBurn", Codecs.U16, Codecs.U64, 1_000_000_000);
        MaxBurn = new(state, Module, "MaxBurn", Codecs.U16, Codecs.U64, 100_000_000_000);
        NetworkRegistrationAllowed = new(state, Module, "NetworkRegistrationAllowed", Codecs.U16, Codecs.Bool, false);
        NetworkPowRegistrationAllowed = new(state, Module, "NetworkPowRegistrationAllowed", Codecs.U16, Codecs.Bool, false);
        ServingRateLimit = new(state, Module, "ServingRateLimit", Codecs.U16, Codecs.U64, 50);
        ScalingLawPower = new(state, Module, "ScalingLawPower", Codecs.U16, Codecs.U16, 50);
        Stake = new(state, Module, "Stake", Codecs.Account, Codecs.Account, Codecs.U64, 0);
        TotalHotkeyColdkeyStakesThisInterval = new(state, Module, "TotalHotkeyColdkeyStakesThisInterval", Codecs.Account, Codecs.Account, Codecs.U64Pair, (0, 0));
        IsNetworkMember = new(state, Module, "IsNetworkMember", Codecs.Account, Codecs.U16, Codecs.Bool, false);
        Keys = new(state, Module, "Keys", Codecs.U16, Codecs.U16, Codecs.Account, AccountId.Zero);
        Uids = new(state, Module, "Uids", Codecs.U16, Codecs.Account, Codecs.U16, 0);
        BlockAtRegistration = new(state, Module, "BlockAtRegistration", Codecs.U16, Codecs.U16, Codecs.U64, 0);
        Weights = new(state, Module, "Weights", Codecs.U16, Codecs.U16, Codecs.U16PairList, Array.Empty<(ushort, ushort)>());
        Bonds = new(state, Module, "Bonds", Codecs.U16, Codecs.U16, Codecs.U16PairList, Array.Empty<(ushort, ushort)>());
        Axons = new(state, Module, "Axons", Codecs.U16, Codecs.Account, AxonInfo.Codec, AxonInfo.Empty);
        Prometheus = new(state, Module, "Prometheus", Codecs.U16, Codecs.Account, PrometheusInfo.Codec, PrometheusInfo.Empty);
        Active = new(state, Module, "Active", Codecs.U16, Codecs.List(Codecs.Bool, 1), Array.Empty<bool>());
        Rank = new(state, Module, "Rank", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        Trust = new(state, Module, "Trust", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        Consensus = new(state, Module, "Consensus", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        Incentive = new(state, Module, "Incentive", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        Dividends = new(state, Module, "Dividends", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        Emission = new(state, Module, "Emission", Codecs.U16, Codecs.List(Codecs.U64, 8), Array.Empty<ulong>());
        ValidatorTrust = new(state, Module, "ValidatorTrust", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        ValidatorPermit = new(state, Module, "ValidatorPermit", Codecs.U16, Codecs.List(Codecs.Bool, 1), Array.Empty<bool>());
        PruningScores = new(state, Module, "PruningScores", Codecs.U16, Codecs.List(Codecs.U16, 2), Array.Empty<ushort>());
        LastUpdate = new(state, Module, "LastUpdate", Codecs.U16, Codecs.List(Codecs.U64, 8), Array.Empty<ulong>());
        LoadedEmission = new(state, Module, "LoadedEmission", Codecs.U16, Codecs.List(Codecs.Tuple(Codecs.Account, Codecs.U64, Codecs.U64), 48), Array.Empty<(AccountId, ulong, ulong)>());
    }

    /// <summary>Subtensor's issuance counter (§1.4): free balances + stake + subnet locks; drives the emission schedule. Default 0.</summary>
    public StorageValue<ulong> TotalIssuance { get; }

    /// <summary>Σ of all stake. Default 0.</summary>
    public StorageValue<ulong> TotalStake { get; }

    /// <summary>Cache of the last computed per-block emission. Default 1_000_000_000.</summary>
    public StorageValue<ulong> BlockEmission { get; }

    /// <summary>Take used by become_delegate; upper bound for takes. Default 11_796.</summary>
    public StorageValue<ushort> MaxTake { get; }

    /// <summary>Lower bound for takes. Default 5_898.</summary>
    public StorageValue<ushort> MinTake { get; }

    /// <summary>Rate limit (blocks) of become_delegate and swap_hotkey per coldkey. Default 1_000.</summary>
    public StorageValue<ulong> TxRateLimit { get; }

    /// <summary>Rate limit (blocks) of increase_take. Default 216_000.</summary>
    public StorageValue<ulong> TxDelegateTakeRateLimit { get; }

    /// <summary>Stake or unstake operations allowed per (coldkey, hotkey) per interval. Default 1.</summary>
    public StorageValue<ulong> TargetStakesPerInterval { get; }

    /// <summary>Length of the staking interval, blocks. Default 360.</summary>
    public StorageValue<ulong> StakeInterval { get; }

    /// <summary>Minimum stake a nominator may hold on a hotkey. Default 0.</summary>
    public StorageValue<ulong> NominatorMinRequiredStake { get; }

    /// <summary>Minimum hotkey stake to set weights. Default 0.</summary>
    public StorageValue<ulong> WeightsMinStake { get; }

    /// <summary>Maximum number of subnets, root excluded. Default 12.</summary>
    public StorageValue<ushort> SubnetLimit { get; }

    /// <summary>Number of existing networks, root included. Default 0.</summary>
    public StorageValue<ushort> TotalNetworks { get; }

    /// <summary>Share of subnet emission paid to the subnet owner (u16 proportion). Default 11_796.</summary>
    public StorageValue<ushort> SubnetOwnerCut { get; }

    /// <summary>Minimum blocks between two subnet creations. Default 7_200.</summary>
    public StorageValue<ulong> NetworkRateLimit { get; }

    /// <summary>Blocks during which a new subnet cannot be pruned. Default 50_400.</summary>
    public StorageValue<ulong> NetworkImmunityPeriod { get; }

    /// <summary>Block of the last subnet creation. Default 0.</summary>
    public StorageValue<ulong> NetworkLastRegistered { get; }

    /// <summary>Floor of the subnet lock cost, rao. Default 1_000_000_000_000.</summary>
    public StorageValue<ulong> NetworkMinLockCost { get; }

    /// <summary>Lock paid by the last subnet creation, rao. Default 1_000_000_000_000.</summary>
    public StorageValue<ulong> NetworkLastLockCost { get; }

    /// <summary>Decay period of the lock cost, blocks. Default 100_800.</summary>
    public StorageValue<ulong> NetworkLockReductionInterval { get; }

    /// <summary>hotkey → owning coldkey; presence means the hotkey account exists. Default: the zero account.</summary>
    public StorageMap<AccountId, AccountId> Owner { get; }

    /// <summary>hotkey → take; presence means the hotkey accepts nominations. Default 11_796.</summary>
    public StorageMap<AccountId, ushort> Delegates { get; }

    /// <summary>hotkey → Σ stake over coldkeys (the stake consensus uses). Default 0.</summary>
    public StorageMap<AccountId, ulong> TotalHotkeyStake { get; }

    /// <summary>coldkey → Σ stake over hotkeys. Default 0.</summary>
    public StorageMap<AccountId, ulong> TotalColdkeyStake { get; }

    /// <summary>coldkey → last rate-limited transaction block. Default 0.</summary>
    public StorageMap<AccountId, ulong> LastTxBlock { get; }

    /// <summary>coldkey → block of the last take increase. Default 0.</summary>
    public StorageMap<AccountId, ulong> LastTxBlockDelegateTake { get; }

    /// <summary>PoW seals used → block (written, never read). Default 0.</summary>
    public StorageMap<byte[], ulong> UsedWork { get; }

    /// <summary>netuid → the subnet exists. Default false.</summary>
    public StorageMap<ushort, bool> NetworksAdded { get; }

    /// <summary>netuid → number of uids. Default 0.</summary>
    public StorageMap<ushort, ushort> SubnetworkN { get; }

    /// <summary>netuid → modality (always 0, text). Default 0.</summary>
    public StorageMap<ushort, ushort> NetworkModality { get; }

    /// <summary>netuid → creation block. Default 0.</summary>
    public StorageMap<ushort, ulong> NetworkRegisteredAt { get; }

    /// <summary>netuid → owner coldkey (user-created subnets only). Default: the zero account.</summary>
    public StorageMap<ushort, AccountId> SubnetOwner { get; }

    /// <summary>netuid → TAO locked at creation, rao. Default 0.</summary>
    public StorageMap<ushort, ulong> SubnetLocked { get; }

    /// <summary>netuid → rao per block assigned by the root epoch. Default 0.</summary>
    public StorageMap<ushort, ulong> EmissionValues { get; }

    /// <summary>netuid → emission accumulated since the last epoch. Default 0.</summary>
    public StorageMap<ushort, ulong> PendingEmission { get; }

    /// <summary>netuid → blocks since the last epoch. Default 0.</summary>
    public StorageMap<ushort, ulong> BlocksSinceLastStep { get; }

    /// <summary>netuid → block of the last epoch. Default 0.</summary>
    public StorageMap<ushort, ulong> LastMechanismStepBlock { get; }

    /// <summary>netuid → current burned-registration price. Default 1_000_000_000.</summary>
    public StorageMap<ushort, ulong> Burn { get; }

    /// <summary>netuid → current PoW difficulty. Default 10_000_000.</summary>
    public StorageMap<ushort, ulong> Difficulty { get; }

    /// <summary>netuid → block of the last difficulty/burn adjustment. Default 0.</summary>
    public StorageMap<ushort, ulong> LastAdjustmentBlock { get; }

    /// <summary>netuid → registrations in this block. Default 0.</summary>
    public StorageMap<ushort, ushort> RegistrationsThisBlock { get; }

    /// <summary>netuid → registrations since the last adjustment. Default 0.</summary>
    public StorageMap<ushort, ushort> RegistrationsThisInterval { get; }

    /// <summary>netuid → PoW registrations since the last adjustment. Default 0.</summary>
    public StorageMap<ushort, ushort> POWRegistrationsThisInterval { get; }

    /// <summary>netuid → burned registrations since the last adjustment. Default 0.</summary>
    public StorageMap<ushort, ushort> BurnRegistrationsThisInterval { get; }

    /// <summary>netuid → Σ of burn prices paid. Default 0.</summary>
    public StorageMap<ushort, ulong> RAORecycledForRegistration { get; }

    /// <summary>Epoch period: one epoch every tempo + 1 blocks. Default 99.</summary>
    public StorageMap<ushort, ushort> Tempo { get; }

    /// <summary>Sigmoid steepness (root's value drives the root epoch). Default 10.</summary>
    public StorageMap<ushort, ushort> Rho { get; }

    /// <summary>Consensus majority (u16 proportion). Default 32_767.</summary>
    public StorageMap<ushort, ushort> Kappa { get; }

    /// <summary>Subnet size. Default 4_096.</summary>
    public StorageMap<ushort, ushort> MaxAllowedUids { get; }

    /// <summary>Number of validator permits. Default 128.</summary>
    public StorageMap<ushort, ushort> MaxAllowedValidators { get; }

    /// <summary>Minimum number of weights in set_weights (capped by n). Default 1_024.</summary>
    public StorageMap<ushort, ushort> MinAllowedWeights { get; }

    /// <summary>Largest normalised weight allowed (u16 proportion); 65535 disables. Default 1_000.</summary>
    public StorageMap<ushort, ushort> MaxWeightsLimit { get; }

    /// <summary>Minimum version key of set_weights; 0 disables. Default 0.</summary>
    public StorageMap<ushort, ulong> WeightsVersionKey { get; }

    /// <summary>Minimum blocks between two set_weights of a uid. Default 100.</summary>
    public StorageMap<ushort, ulong> WeightsSetRateLimit { get; }

    /// <summary>Blocks without weights before a uid counts as inactive. Default 5_000.</summary>
    public StorageMap<ushort, ushort> ActivityCutoff { get; }

    /// <summary>Blocks after registration during which a uid cannot be pruned. Default 4_096.</summary>
    public StorageMap<ushort, ushort> ImmunityPeriod { get; }

    /// <summary>Bond EMA retention × 1e6. Default 900_000.</summary>
    public StorageMap<ushort, ulong> BondsMovingAverage { get; }

    /// <summary>Blocks between difficulty/burn adjustments. Default 100.</summary>
    public StorageMap<ushort, ushort> AdjustmentInterval { get; }

    /// <summary>Weight of the old value in adjustments (alpha / (2^64 − 1)). Default 0.</summary>
    public StorageMap<ushort, ulong> AdjustmentAlpha { get; }

    /// <summary>Target registrations per adjustment interval. Default 2.</summary>
    public StorageMap<ushort, ushort> TargetRegistrationsPerInterval { get; }

    /// <summary>Registrations allowed per block. Default 1.</summary>
    public StorageMap<ushort, ushort> MaxRegistrationsPerBlock { get; }

    /// <summary>Lower clamp of the difficulty. Default 10_000_000.</summary>
    public StorageMap<ushort, ulong> MinDifficulty { get; }

    /// <summary>Upper clamp of the difficulty. Default ulong.MaxValue / 4.</summary>
    public StorageMap<ushort, ulong> MaxDifficulty { get; }

    /// <summary>Lower clamp of the burn. Default 1_000_000_000.</summary>
    public StorageMap<ushort, ulong> MinBurn { get; }

    /// <summary>Upper clamp of the burn. Default 100_000_000_000.</summary>
    public StorageMap<ushort, ulong> MaxBurn { get; }

    /// <summary>Enables burned_register. Default false.</summary>
    public StorageMap<ushort, bool> NetworkRegistrationAllowed { get; }

    /// <summary>Enables PoW register. Default false.</summary>
    public StorageMap<ushort, bool> NetworkPowRegistrationAllowed { get; }

    /// <summary>Minimum blocks between axon/prometheus updates. Default 50.</summary>
    public StorageMap<ushort, ulong> ServingRateLimit { get; }

    /// <summary>Unused by the chain; reported in SubnetInfo. Default 50.</summary>
    public StorageMap<ushort, ushort> ScalingLawPower { get; }

    /// <summary>(hotkey, coldkey) → stake of coldkey on hotkey.</summary>
    public StorageDoubleMap<AccountId, AccountId, ulong> Stake { get; }

    /// <summary>(coldkey, hotkey) → staking operations this interval and the block of the last.</summary>
    public StorageDoubleMap<AccountId, AccountId, (ulong Count, ulong LastBlock)> TotalHotkeyColdkeyStakesThisInterval { get; }

    /// <summary>(hotkey, netuid) → the hotkey holds a uid on netuid.</summary>
    public StorageDoubleMap<AccountId, ushort, bool> IsNetworkMember { get; }

    /// <summary>(netuid, uid) → hotkey; presence means the uid is occupied.</summary>
    public StorageDoubleMap<ushort, ushort, AccountId> Keys { get; }

    /// <summary>(netuid, hotkey) → uid; presence means the hotkey is registered on netuid.</summary>
    public StorageDoubleMap<ushort, AccountId, ushort> Uids { get; }

    /// <summary>(netuid, uid) → block the current occupant registered.</summary>
    public StorageDoubleMap<ushort, ushort, ulong> BlockAtRegistration { get; }

    /// <summary>(netuid, uid) → (target, weight) in submission order, max-upscaled.</summary>
    public StorageDoubleMap<ushort, ushort, IReadOnlyList<(ushort, ushort)>> Weights { get; }

    /// <summary>(netuid, uid) → (target, bond), ascending target.</summary>
    public StorageDoubleMap<ushort, ushort, IReadOnlyList<(ushort, ushort)>> Bonds { get; }

    /// <summary>(netuid, hotkey) → serving endpoint.</summary>
    public StorageDoubleMap<ushort, AccountId, AxonInfo> Axons { get; }

    /// <summary>(netuid, hotkey) → metrics endpoint.</summary>
    public StorageDoubleMap<ushort, AccountId, PrometheusInfo> Prometheus { get; }

    /// <summary>netuid → per-uid vector Active (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<bool>> Active { get; }

    /// <summary>netuid → per-uid vector Rank (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> Rank { get; }

    /// <summary>netuid → per-uid vector Trust (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> Trust { get; }

    /// <summary>netuid → per-uid vector Consensus (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> Consensus { get; }

    /// <summary>netuid → per-uid vector Incentive (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> Incentive { get; }

    /// <summary>netuid → per-uid vector Dividends (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> Dividends { get; }

    /// <summary>netuid → per-uid vector Emission (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ulong>> Emission { get; }

    /// <summary>netuid → per-uid vector ValidatorTrust (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> ValidatorTrust { get; }

    /// <summary>netuid → per-uid vector ValidatorPermit (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<bool>> ValidatorPermit { get; }

    /// <summary>netuid → per-uid vector PruningScores (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ushort>> PruningScores { get; }

    /// <summary>netuid → per-uid vector LastUpdate (index = uid).</summary>
    public StorageMap<ushort, IReadOnlyList<ulong>> LastUpdate { get; }

    /// <summary>netuid → epoch output waiting to be paid: (hotkey, server emission, validator emission).</summary>
    public StorageMap<ushort, IReadOnlyList<(AccountId Hotkey, ulong Server, ulong Validator)>> LoadedEmission { get; }
}
