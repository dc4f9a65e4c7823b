using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Admin;

/// <summary>
/// One administrative setter: how to build it for a netuid, where its value lands, and the event it emits
/// (null when it emits none). <see cref="Owner"/>: the subnet owner may call it too; <see cref="ChecksExists"/>:
/// it refuses a missing subnet; <see cref="HasNetuid"/>: it is a per-subnet setter.
/// </summary>
internal sealed record AdminSetterCase(
    string Name,
    bool Owner,
    bool HasNetuid,
    bool ChecksExists,
    Func<ushort, AdminCall> Make,
    Func<SubtensorStorage, ushort, object> Read,
    object Expected,
    Func<ushort, SubtensorEvent?> Event)
{
    public override string ToString() => Name;

    public static IReadOnlyList<AdminSetterCase> All { get; } =
    [
        Global("DefaultTake", _ => new AdminCall.SudoSetDefaultTake(9_000), s => s.MaxTake.Get(), (ushort)9_000, new SubtensorEvent.MaxDelegateTakeSet(9_000)),
        Global("TxRateLimit", _ => new AdminCall.SudoSetTxRateLimit(17), s => s.TxRateLimit.Get(), 17UL, new SubtensorEvent.TxRateLimitSet(17)),
        Global("SubnetOwnerCut", _ => new AdminCall.SudoSetSubnetOwnerCut(100), s => s.SubnetOwnerCut.Get(), (ushort)100, new SubtensorEvent.SubnetOwnerCutSet(100)),
        Global("NetworkRateLimit", _ => new AdminCall.SudoSetNetworkRateLimit(5), s => s.NetworkRateLimit.Get(), 5UL, new SubtensorEvent.NetworkRateLimitSet(5)),
        Global("TotalIssuance", _ => new AdminCall.SudoSetTotalIssuance(123), s => s.TotalIssuance.Get(), 123UL, null),
        Global("NetworkImmunityPeriod", _ => new AdminCall.SudoSetNetworkImmunityPeriod(9), s => s.NetworkImmunityPeriod.Get(), 9UL, new SubtensorEvent.NetworkImmunityPeriodSet(9)),
        Global("NetworkMinLockCost", _ => new AdminCall.SudoSetNetworkMinLockCost(11), s => s.NetworkMinLockCost.Get(), 11UL, new SubtensorEvent.NetworkMinLockCostSet(11)),
        Global("SubnetLimit", _ => new AdminCall.SudoSetSubnetLimit(20), s => s.SubnetLimit.Get(), (ushort)20, new SubtensorEvent.SubnetLimitSet(20)),
        Global("LockReductionInterval", _ => new AdminCall.SudoSetLockReductionInterval(3), s => s.NetworkLockReductionInterval.Get(), 3UL, new SubtensorEvent.NetworkLockCostReductionIntervalSet(3)),
        Global("WeightsMinStake", _ => new AdminCall.SudoSetWeightsMinStake(44), s => s.WeightsMinStake.Get(), 44UL, new SubtensorEvent.WeightsMinStake(44)),
        Global("NominatorMinRequiredStake", _ => new AdminCall.SudoSetNominatorMinRequiredStake(55), s => s.NominatorMinRequiredStake.Get(), 55UL, null),
        Global("TxDelegateTakeRateLimit", _ => new AdminCall.SudoSetTxDelegateTakeRateLimit(66), s => s.TxDelegateTakeRateLimit.Get(), 66UL, new SubtensorEvent.TxDelegateTakeRateLimitSet(66)),
        Global("MinDelegateTake", _ => new AdminCall.SudoSetMinDelegateTake(77), s => s.MinTake.Get(), (ushort)77, new SubtensorEvent.MinDelegateTakeSet(77)),

        Root("AdjustmentInterval", n => new AdminCall.SudoSetAdjustmentInterval(n, 12), (s, n) => s.AdjustmentInterval.Get(n), (ushort)12, n => new SubtensorEvent.AdjustmentIntervalSet(n, 12)),
        Root("MaxAllowedUids", n => new AdminCall.SudoSetMaxAllowedUids(n, 300), (s, n) => s.MaxAllowedUids.Get(n), (ushort)300, n => new SubtensorEvent.MaxAllowedUidsSet(n, 300)),
        Root("TargetRegistrationsPerInterval", n => new AdminCall.SudoSetTargetRegistrationsPerInterval(n, 5), (s, n) => s.TargetRegistrationsPerInterval.Get(n), (ushort)5, n => new SubtensorEvent.RegistrationPerIntervalSet(n, 5)),
        Root("MaxAllowedValidators", n => new AdminCall.SudoSetMaxAllowedValidators(n, 10), (s, n) => s.MaxAllowedValidators.Get(n), (ushort)10, n => new SubtensorEvent.MaxAllowedValidatorsSet(n, 10)),
        Root("MaxRegistrationsPerBlock", n => new AdminCall.SudoSetMaxRegistrationsPerBlock(n, 4), (s, n) => s.MaxRegistrationsPerBlock.Get(n), (ushort)4, n => new SubtensorEvent.MaxRegistrationsPerBlockSet(n, 4)),
        Root("Tempo", n => new AdminCall.SudoSetTempo(n, 13), (s, n) => s.Tempo.Get(n), (ushort)13, n => new SubtensorEvent.TempoSet(n, 13)),
        Root("RaoRecycled", n => new AdminCall.SudoSetRaoRecycled(n, 99), (s, n) => s.RAORecycledForRegistration.Get(n), 99UL, n => new SubtensorEvent.RAORecycledForRegistrationSet(n, 99)),

        OwnerCase("MinDifficulty", n => new AdminCall.SudoSetMinDifficulty(n, 5), (s, n) => s.MinDifficulty.Get(n), 5UL, n => new SubtensorEvent.MinDifficultySet(n, 5)),
        OwnerCase("MaxDifficulty", n => new AdminCall.SudoSetMaxDifficulty(n, 6), (s, n) => s.MaxDifficulty.Get(n), 6UL, n => new SubtensorEvent.MaxDifficultySet(n, 6)),
        OwnerCase("WeightsVersionKey", n => new AdminCall.SudoSetWeightsVersionKey(n, 7), (s, n) => s.WeightsVersionKey.Get(n), 7UL, n => new SubtensorEvent.WeightsVersionKeySet(n, 7)),
        OwnerCase("WeightsSetRateLimit", n => new AdminCall.SudoSetWeightsSetRateLimit(n, 8), (s, n) => s.WeightsSetRateLimit.Get(n), 8UL, n => new SubtensorEvent.WeightsSetRateLimitSet(n, 8)),
        OwnerCase("AdjustmentAlpha", n => new AdminCall.SudoSetAdjustmentAlpha(n, 9), (s, n) => s.AdjustmentAlpha.Get(n), 9UL, n => new SubtensorEvent.AdjustmentAlphaSet(n, 9)),
        OwnerCase("MaxWeightLimit", n => new AdminCall.SudoSetMaxWeightLimit(n, 10), (s, n) => s.MaxWeightsLimit.Get(n), (ushort)10, n => new SubtensorEvent.MaxWeightLimitSet(n, 10)),
        OwnerCase("ImmunityPeriod", n => new AdminCall.SudoSetImmunityPeriod(n, 11), (s, n) => s.ImmunityPeriod.Get(n), (ushort)11, n => new SubtensorEvent.ImmunityPeriodSet(n, 11)),
        OwnerCase("MinAllowedWeights", n => new AdminCall.SudoSetMinAllowedWeights(n, 12), (s, n) => s.MinAllowedWeights.Get(n), (ushort)12, n => new SubtensorEvent.MinAllowedWeightSet(n, 12)),
        OwnerCase("Kappa", n => new AdminCall.SudoSetKappa(n, 13), (s, n) => s.Kappa.Get(n), (ushort)13, n => new SubtensorEvent.KappaSet(n, 13)),
        OwnerCase("Rho", n => new AdminCall.SudoSetRho(n, 14), (s, n) => s.Rho.Get(n), (ushort)14, _ => null),
        OwnerCase("ActivityCutoff", n => new AdminCall.SudoSetActivityCutoff(n, 15), (s, n) => s.ActivityCutoff.Get(n), (ushort)15, n => new SubtensorEvent.ActivityCutoffSet(n, 15)),
        OwnerCase("MinBurn", n => new AdminCall.SudoSetMinBurn(n, 16), (s, n) => s.MinBurn.Get(n), 16UL, n => new SubtensorEvent.MinBurnSet(n, 16)),
        OwnerCase("MaxBurn", n => new AdminCall.SudoSetMaxBurn(n, 17), (s, n) => s.MaxBurn.Get(n), 17UL, n => new SubtensorEvent.MaxBurnSet(n, 17)),
        OwnerCase("Difficulty", n => new AdminCall.SudoSetDifficulty(n, 18), (s, n) => s.Difficulty.Get(n), 18UL, n => new SubtensorEvent.DifficultySet(n, 18)),
        OwnerCase("BondsMovingAverage", n => new AdminCall.SudoSetBondsMovingAverage(n, 19), (s, n) => s.BondsMovingAverage.Get(n), 19UL, n => new SubtensorEvent.BondsMovingAverageSet(n, 19)),
        OwnerCase("ServingRateLimit", n => new AdminCall.SudoSetServingRateLimit(n, 20), (s, n) => s.ServingRateLimit.Get(n), 20UL, n => new SubtensorEvent.ServingRateLimitSet(n, 20), checksExists: false),
        OwnerCase("NetworkRegistrationAllowed", n => new AdminCall.SudoSetNetworkRegistrationAllowed(n, true), (s, n) => s.NetworkRegistrationAllowed.Get(n), true, n => new SubtensorEvent.RegistrationAllowed(n, true), checksExists: false),
        OwnerCase("NetworkPowRegistrationAllowed", n => new AdminCall.SudoSetNetworkPowRegistrationAllowed(n, true), (s, n) => s.NetworkPowRegistrationAllowed.Get(n), true, n => new SubtensorEvent.PowRegistrationAllowed(n, true), checksExists: false),
    ];

    public static AdminSetterCase Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names(Func<AdminSetterCase, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(filter))
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static AdminSetterCase Global(string name, Func<ushort, AdminCall> make, Func<SubtensorStorage, object> read, object expected, SubtensorEvent? e) =>
        new(name, false, false, false, make, (s, _) => read(s), expected, _ => e);

    private static AdminSetterCase Root(string name, Func<ushort, AdminCall> make, Func<SubtensorStorage, ushort, object> read, object expected, Func<ushort, SubtensorEvent?> e) =>
        new(name, false, true, true, make, read, expected, e);

    private static AdminSetterCase OwnerCase(string name, Func<ushort, AdminCall> make, Func<SubtensorStorage, ushort, object> read, object expected, Func<ushort, SubtensorEvent?> e, bool checksExists = true) =>
        new(name, true, true, checksExists, make, read, expected, e);
}
