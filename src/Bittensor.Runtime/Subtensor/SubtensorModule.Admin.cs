using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor.Admin;

namespace Bittensor.Runtime.Subtensor;

/// <summary>The administrative hyperparameter setters (AdminUtils, chain spec §3.15).</summary>
public sealed partial class SubtensorModule
{
    public const string AdminModule = "AdminUtils";

    /// <summary>The largest registration target whose 3× per-interval limit still fits a u16 (chain spec §4.6).</summary>
    public const ushort MaxTargetRegistrationsPerInterval = 21_845;

    /// <summary>
    /// The largest <c>Rho</c> the setter accepts: with |trust − κ| ≤ 1 the root epoch's exponent stays within
    /// ±<see cref="MaxRho"/>, where the I64F64 exp series cannot overflow (chain spec §11 item 14).
    /// </summary>
    public const ushort MaxRho = 42;

    /// <summary>The largest bonds moving average (in millionths): 1 000 000 keeps the old bonds entirely.</summary>
    public const ulong MaxBondsMovingAverage = 1_000_000;

    internal static DispatchException AdminError(AdminUtilsError error) => Fail.With(ModuleIndex.AdminUtils, AdminModule, error);

    private bool DispatchAdmin(Origin origin, RuntimeCall call)
    {
        if (call is not AdminCall admin)
        {
            return false;
        }

        switch (admin)
        {
            case AdminCall.SwapAuthorities c:
                origin.EnsureRoot();
                if (c.Authorities.Count is 0 or > Frame.SystemModule.MaxAuthorities || c.Authorities.Distinct().Count() != c.Authorities.Count)
                {
                    throw AdminError(AdminUtilsError.StorageValueOutOfRange);
                }

                System.Authorities.Set(c.Authorities);
                break;
            case AdminCall.SudoSetDefaultTake c:
                origin.EnsureRoot();
                S.MaxTake.Set(c.Value);
                Emit(new SubtensorEvent.MaxDelegateTakeSet(c.Value));
                break;
            case AdminCall.SudoSetTxRateLimit c:
                origin.EnsureRoot();
                S.TxRateLimit.Set(c.Value);
                Emit(new SubtensorEvent.TxRateLimitSet(c.Value));
                break;
            case AdminCall.SudoSetServingRateLimit c:
                EnsureSubnetOwnerOrRoot(origin, c.Netuid);
                S.ServingRateLimit.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.ServingRateLimitSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMinDifficulty c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.MinDifficulty.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MinDifficultySet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMaxDifficulty c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.MaxDifficulty.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MaxDifficultySet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetWeightsVersionKey c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.WeightsVersionKey.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.WeightsVersionKeySet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetWeightsSetRateLimit c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.WeightsSetRateLimit.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.WeightsSetRateLimitSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetAdjustmentInterval c:
                EnsureRootAndExists(origin, c.Netuid);
                S.AdjustmentInterval.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.AdjustmentIntervalSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetAdjustmentAlpha c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.AdjustmentAlpha.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.AdjustmentAlphaSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMaxWeightLimit c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.MaxWeightsLimit.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MaxWeightLimitSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetImmunityPeriod c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.ImmunityPeriod.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.ImmunityPeriodSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMinAllowedWeights c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.MinAllowedWeights.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MinAllowedWeightSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMaxAllowedUids c:
                EnsureRootAndExists(origin, c.Netuid);
                if (S.SubnetworkN.Get(c.Netuid) >= c.Value)
                {
                    throw AdminError(AdminUtilsError.MaxAllowedUIdsNotAllowed);
                }

                S.MaxAllowedUids.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MaxAllowedUidsSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetKappa c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.Kappa.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.KappaSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetRho c:
                EnsureOwnerAndExists(origin, c.Netuid);
                EnsureInRange(c.Value <= MaxRho);
                S.Rho.Set(c.Netuid, c.Value);
                break;
            case AdminCall.SudoSetActivityCutoff c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.ActivityCutoff.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.ActivityCutoffSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetNetworkRegistrationAllowed c:
                EnsureSubnetOwnerOrRoot(origin, c.Netuid);
                S.NetworkRegistrationAllowed.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.RegistrationAllowed(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetNetworkPowRegistrationAllowed c:
                EnsureSubnetOwnerOrRoot(origin, c.Netuid);
                S.NetworkPowRegistrationAllowed.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.PowRegistrationAllowed(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetTargetRegistrationsPerInterval c:
                EnsureRootAndExists(origin, c.Netuid);
                EnsureInRange(c.Value is >= 1 and <= MaxTargetRegistrationsPerInterval);
                S.TargetRegistrationsPerInterval.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.RegistrationPerIntervalSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMinBurn c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.MinBurn.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MinBurnSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMaxBurn c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.MaxBurn.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MaxBurnSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetDifficulty c:
                EnsureOwnerAndExists(origin, c.Netuid);
                S.Difficulty.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.DifficultySet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMaxAllowedValidators c:
                EnsureRootAndExists(origin, c.Netuid);
                EnsureInRange(c.Value <= S.MaxAllowedUids.Get(c.Netuid));
                S.MaxAllowedValidators.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MaxAllowedValidatorsSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetBondsMovingAverage c:
                EnsureOwnerAndExists(origin, c.Netuid);
                EnsureInRange(c.Value <= MaxBondsMovingAverage);
                S.BondsMovingAverage.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.BondsMovingAverageSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetMaxRegistrationsPerBlock c:
                EnsureRootAndExists(origin, c.Netuid);
                S.MaxRegistrationsPerBlock.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.MaxRegistrationsPerBlockSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetSubnetOwnerCut c:
                origin.EnsureRoot();
                S.SubnetOwnerCut.Set(c.Value);
                Emit(new SubtensorEvent.SubnetOwnerCutSet(c.Value));
                break;
            case AdminCall.SudoSetNetworkRateLimit c:
                origin.EnsureRoot();
                S.NetworkRateLimit.Set(c.Value);
                Emit(new SubtensorEvent.NetworkRateLimitSet(c.Value));
                break;
            case AdminCall.SudoSetTempo c:
                EnsureRootAndExists(origin, c.Netuid);
                S.Tempo.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.TempoSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetTotalIssuance c:
                origin.EnsureRoot();
                S.TotalIssuance.Set(c.Value);
                break;
            case AdminCall.SudoSetNetworkImmunityPeriod c:
                origin.EnsureRoot();
                S.NetworkImmunityPeriod.Set(c.Value);
                Emit(new SubtensorEvent.NetworkImmunityPeriodSet(c.Value));
                break;
            case AdminCall.SudoSetNetworkMinLockCost c:
                origin.EnsureRoot();
                S.NetworkMinLockCost.Set(c.Value);
                Emit(new SubtensorEvent.NetworkMinLockCostSet(c.Value));
                break;
            case AdminCall.SudoSetSubnetLimit c:
                origin.EnsureRoot();
                S.SubnetLimit.Set(c.Value);
                Emit(new SubtensorEvent.SubnetLimitSet(c.Value));
                break;
            case AdminCall.SudoSetLockReductionInterval c:
                origin.EnsureRoot();
                EnsureInRange(c.Value != 0);
                S.NetworkLockReductionInterval.Set(c.Value);
                Emit(new SubtensorEvent.NetworkLockCostReductionIntervalSet(c.Value));
                break;
            case AdminCall.SudoSetRaoRecycled c:
                EnsureRootAndExists(origin, c.Netuid);
                S.RAORecycledForRegistration.Set(c.Netuid, c.Value);
                Emit(new SubtensorEvent.RAORecycledForRegistrationSet(c.Netuid, c.Value));
                break;
            case AdminCall.SudoSetWeightsMinStake c:
                origin.EnsureRoot();
                S.WeightsMinStake.Set(c.Value);
                Emit(new SubtensorEvent.WeightsMinStake(c.Value));
                break;
            case AdminCall.SudoSetNominatorMinRequiredStake c:
                {
                    origin.EnsureRoot();
                    var previous = S.NominatorMinRequiredStake.Get();
                    S.NominatorMinRequiredStake.Set(c.Value);
                    if (c.Value > previous)
                    {
                        ClearSmallNominations();
                    }

                    break;
                }

            case AdminCall.SudoSetTxDelegateTakeRateLimit c:
                origin.EnsureRoot();
                S.TxDelegateTakeRateLimit.Set(c.Value);
                Emit(new SubtensorEvent.TxDelegateTakeRateLimitSet(c.Value));
                break;
            case AdminCall.SudoSetMinDelegateTake c:
                origin.EnsureRoot();
                S.MinTake.Set(c.Value);
                Emit(new SubtensorEvent.MinDelegateTakeSet(c.Value));
                break;
            default:
                throw new InvalidOperationException($"Unknown administrative call {call.GetType().Name}.");
        }

        return true;
    }

    /// <summary>
    /// "owner" origin: root passes; a signed account passes iff it is the subnet's recorded owner; anything else is
    /// <see cref="DispatchError.BadOrigin"/>.
    /// </summary>
    private void EnsureSubnetOwnerOrRoot(Origin origin, ushort netuid)
    {
        switch (origin)
        {
            case RootOrigin:
                return;
            case SignedOrigin s when S.SubnetOwner.TryGet(netuid, out var owner) && owner == s.Account:
                return;
            default:
                throw new DispatchException(DispatchError.BadOrigin);
        }
    }

    private void EnsureOwnerAndExists(Origin origin, ushort netuid)
    {
        EnsureSubnetOwnerOrRoot(origin, netuid);
        EnsureAdminNetworkExists(netuid);
    }

    private void EnsureRootAndExists(Origin origin, ushort netuid)
    {
        origin.EnsureRoot();
        EnsureAdminNetworkExists(netuid);
    }

    private void EnsureAdminNetworkExists(ushort netuid)
    {
        if (!NetworkExists(netuid))
        {
            throw AdminError(AdminUtilsError.NetworkDoesNotExist);
        }
    }

    private static void EnsureInRange(bool ok)
    {
        if (!ok)
        {
            throw AdminError(AdminUtilsError.StorageValueOutOfRange);
        }
    }

    /// <summary>
    /// Returns every nomination below <c>NominatorMinRequiredStake</c> to its coldkey's free balance (chain spec §3.15,
    /// call 43). The tokens stay in circulation, so the issuance is not lowered (chain spec §11 item 12 fix); a
    /// deposit the balances module cannot make is destroyed and lowers it through the burn hook.
    /// </summary>
    private void ClearSmallNominations()
    {
        var min = S.NominatorMinRequiredStake.Get();
        foreach (var (hotkey, coldkey, stake) in S.Stake.All())
        {
            if (stake >= min || ColdkeyOwnsHotkey(coldkey, hotkey))
            {
                continue;
            }

            S.TotalColdkeyStake.Set(coldkey, Sat.Sub(S.TotalColdkeyStake.Get(coldkey), stake));
            S.TotalHotkeyStake.Set(hotkey, Sat.Sub(S.TotalHotkeyStake.Get(hotkey), stake));
            S.TotalStake.Set(Sat.Sub(S.TotalStake.Get(), stake));
            S.Stake.Remove(hotkey, coldkey);
            Balances.Deposit(coldkey, stake);
        }
    }
}
