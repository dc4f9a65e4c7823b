using Bittensor.Primitives.Accounts;

namespace Bittensor.Runtime.Subtensor;

/// <summary>The network life cycle (chain spec §7.1, §7.5): the root network, lock cost, creation, pruning and removal.</summary>
public sealed partial class SubtensorModule
{
    /// <summary>Tempo of a subnet created by register_network.</summary>
    public const ushort NewSubnetTempo = 360;

    /// <summary>AdjustmentAlpha of a new subnet, ≈ 0.97 × 2^64.</summary>
    public const ulong NewSubnetAdjustmentAlpha = 17_893_341_751_498_265_066;

    /// <summary>Creates the root network, netuid 0 (chain spec §7.1), as genesis does; no events.</summary>
    public void InitRootNetwork()
    {
        S.NetworksAdded.Set(RootNetuid, true);
        S.TotalNetworks.Set(checked((ushort)(S.TotalNetworks.Get() + 1)));
        S.SubnetworkN.Set(RootNetuid, 0);
        S.MaxAllowedUids.Set(RootNetuid, 64);
        S.MaxAllowedValidators.Set(RootNetuid, 64);
        S.MinAllowedWeights.Set(RootNetuid, 0);
        S.MaxWeightsLimit.Set(RootNetuid, ushort.MaxValue);
        S.Tempo.Set(RootNetuid, 100);
        S.NetworkRegistrationAllowed.Set(RootNetuid, true);
        S.TargetRegistrationsPerInterval.Set(RootNetuid, 1);
    }

    /// <summary>
    /// The TAO a subnet creation locks now (chain spec §7.5): the last lock doubled (when a subnet was ever created),
    /// decaying linearly by last / interval per block since, never below the minimum. An interval of 0 means no
    /// decay (the reference divides by zero).
    /// </summary>
    public ulong NetworkLockCost()
    {
        var last = S.NetworkLastLockCost.Get();
        var min = S.NetworkMinLockCost.Get();
        var lastBlock = S.NetworkLastRegistered.Get();
        var interval = S.NetworkLockReductionInterval.Get();
        var mult = lastBlock == 0 ? 1UL : 2UL;
        var perBlock = interval == 0 ? 0 : last / interval;
        var cost = Sat.Sub(Sat.Mul(last, mult), Sat.Mul(perBlock, Sat.Sub(Block, lastBlock)));
        return Math.Max(cost, min);
    }

    /// <summary>register_network (chain spec §7.5); returns the new netuid.</summary>
    private ushort RegisterNetwork(AccountId coldkey)
    {
        var b = Block;
        if (Sat.Sub(b, S.NetworkLastRegistered.Get()) < S.NetworkRateLimit.Get())
        {
            throw Error(SubtensorError.TxRateLimitExceeded);
        }

        var lockCost = NetworkLockCost();
        if (lockCost > Balances.Transferable(coldkey))
        {
            throw Error(SubtensorError.NotEnoughBalanceToStake);
        }

        ushort netuid;
        if (Sat.Sub(S.TotalNetworks.Get(), (ushort)1) < S.SubnetLimit.Get())
        {
            netuid = 1;
            while (NetworkExists(netuid))
            {
                netuid = checked((ushort)(netuid + 1));
            }
        }
        else
        {
            var prune = SubnetToPrune();
            if (prune == 0)
            {
                throw Error(SubtensorError.AllNetworksInImmunity);
            }

            RemoveNetwork(prune);
            Emit(new SubtensorEvent.NetworkRemoved(prune));
            netuid = prune;
        }

        var actual = Balances.WithdrawKeepAlive(coldkey, lockCost);
        if (lockCost > 0 && actual == 0)
        {
            throw Error(SubtensorError.BalanceWithdrawalError);
        }

        S.SubnetLocked.Set(netuid, actual);
        S.NetworkLastLockCost.Set(actual);
        InitNewNetwork(netuid, NewSubnetTempo);
        S.NetworkLastRegistered.Set(b);
        S.NetworkRegisteredAt.Set(netuid, b);
        S.SubnetOwner.Set(netuid, coldkey);
        Emit(new SubtensorEvent.NetworkAdded(netuid, 0));
        return netuid;
    }

    /// <summary>init_new_network (chain spec §7.5 step 5), with the setter events in the reference's order.</summary>
    public void InitNewNetwork(ushort netuid, ushort tempo)
    {
        S.SubnetworkN.Set(netuid, 0);
        S.NetworksAdded.Set(netuid, true);
        S.Tempo.Set(netuid, tempo);
        S.NetworkModality.Set(netuid, 0);
        S.TotalNetworks.Set(checked((ushort)(S.TotalNetworks.Get() + 1)));

        S.NetworkRegistrationAllowed.Set(netuid, true);
        Emit(new SubtensorEvent.RegistrationAllowed(netuid, true));
        S.MaxAllowedUids.Set(netuid, 256);
        Emit(new SubtensorEvent.MaxAllowedUidsSet(netuid, 256));
        S.MaxAllowedValidators.Set(netuid, 64);
        Emit(new SubtensorEvent.MaxAllowedValidatorsSet(netuid, 64));
        S.MinAllowedWeights.Set(netuid, 1);
        Emit(new SubtensorEvent.MinAllowedWeightSet(netuid, 1));
        S.MaxWeightsLimit.Set(netuid, ushort.MaxValue);
        Emit(new SubtensorEvent.MaxWeightLimitSet(netuid, ushort.MaxValue));
        S.AdjustmentInterval.Set(netuid, 360);
        Emit(new SubtensorEvent.AdjustmentIntervalSet(netuid, 360));
        S.TargetRegistrationsPerInterval.Set(netuid, 1);
        Emit(new SubtensorEvent.RegistrationPerIntervalSet(netuid, 1));
        S.AdjustmentAlpha.Set(netuid, NewSubnetAdjustmentAlpha);
        Emit(new SubtensorEvent.AdjustmentAlphaSet(netuid, NewSubnetAdjustmentAlpha));
        S.ImmunityPeriod.Set(netuid, 5000);
        Emit(new SubtensorEvent.ImmunityPeriodSet(netuid, 5000));
        S.MinBurn.Set(netuid, 1);
        Emit(new SubtensorEvent.MinBurnSet(netuid, 1));
        S.MinDifficulty.Set(netuid, ulong.MaxValue);
        Emit(new SubtensorEvent.MinDifficultySet(netuid, ulong.MaxValue));
        S.MaxDifficulty.Set(netuid, ulong.MaxValue);
        Emit(new SubtensorEvent.MaxDifficultySet(netuid, ulong.MaxValue));

        // Make the remaining parameters explicit (their current value, the default on a fresh netuid).
        if (!S.Kappa.Contains(netuid))
        {
            S.Kappa.Set(netuid, S.Kappa.Get(netuid));
        }

        if (!S.Difficulty.Contains(netuid))
        {
            S.Difficulty.Set(netuid, S.Difficulty.Get(netuid));
        }

        if (!S.ImmunityPeriod.Contains(netuid))
        {
            S.ImmunityPeriod.Set(netuid, S.ImmunityPeriod.Get(netuid));
        }

        if (!S.ActivityCutoff.Contains(netuid))
        {
            S.ActivityCutoff.Set(netuid, S.ActivityCutoff.Get(netuid));
        }

        if (!S.EmissionValues.Contains(netuid))
        {
            S.EmissionValues.Set(netuid, S.EmissionValues.Get(netuid));
        }

        if (!S.MaxWeightsLimit.Contains(netuid))
        {
            S.MaxWeightsLimit.Set(netuid, S.MaxWeightsLimit.Get(netuid));
        }

        if (!S.MinAllowedWeights.Contains(netuid))
        {
            S.MinAllowedWeights.Set(netuid, S.MinAllowedWeights.Get(netuid));
        }

        if (!S.RegistrationsThisInterval.Contains(netuid))
        {
            S.RegistrationsThisInterval.Set(netuid, S.RegistrationsThisInterval.Get(netuid));
        }

        if (!S.POWRegistrationsThisInterval.Contains(netuid))
        {
            S.POWRegistrationsThisInterval.Set(netuid, S.POWRegistrationsThisInterval.Get(netuid));
        }

        if (!S.BurnRegistrationsThisInterval.Contains(netuid))
        {
            S.BurnRegistrationsThisInterval.Set(netuid, S.BurnRegistrationsThisInterval.Get(netuid));
        }
    }

    /// <summary>Existing netuids in ascending order (root included).</summary>
    public List<ushort> ExistingNetuids()
    {
        var list = new List<ushort>();
        foreach (var (netuid, added) in S.NetworksAdded.Entries())
        {
            if (added)
            {
                list.Add(netuid);
            }
        }

        list.Sort();
        return list;
    }

    /// <summary>
    /// The subnet register_network replaces when the limit is reached (chain spec §7.5): among subnets past their
    /// immunity, the lowest emission, then the oldest registration, then the highest netuid; 0 when none.
    /// </summary>
    public ushort SubnetToPrune()
    {
        var b = Block;
        var immunity = S.NetworkImmunityPeriod.Get();
        ushort chosen = 0;
        var found = false;
        ulong chosenEmission = 0, chosenAt = 0;
        foreach (var netuid in ExistingNetuids())
        {
            if (netuid == RootNetuid)
            {
                continue;
            }

            var at = S.NetworkRegisteredAt.Get(netuid);
            if (Sat.Sub(b, at) < immunity)
            {
                continue;
            }

            var emission = S.EmissionValues.Get(netuid);

            // Later candidates win ties, as the last element of the reference's stable sort does.
            if (!found || emission < chosenEmission || (emission == chosenEmission && at <= chosenAt))
            {
                found = true;
                chosen = netuid;
                chosenEmission = emission;
                chosenAt = at;
            }
        }

        return chosen;
    }

    /// <summary>dissolve_network (chain spec §7.5): NetworkDoesNotExist, NotSubnetOwner; event NetworkRemoved.</summary>
    private void DissolveNetwork(AccountId coldkey, ushort netuid)
    {
        if (!NetworkExists(netuid))
        {
            throw Error(SubtensorError.NetworkDoesNotExist);
        }

        if (S.SubnetOwner.Get(netuid) != coldkey)
        {
            throw Error(SubtensorError.NotSubnetOwner);
        }

        RemoveNetwork(netuid);
        Emit(new SubtensorEvent.NetworkRemoved(netuid));
    }

    /// <summary>
    /// remove_network (chain spec §7.5), with the fix of §11 item 7: besides the reference's removals, every other
    /// item keyed by the netuid (pending and loaded emission, registration data, endpoints, parameters) and the
    /// membership flags of its hotkeys are cleared, so a re-used netuid starts from the defaults. Root weights on
    /// the netuid are zeroed (kept), and the owner's lock is refunded. Stake is global and stays.
    /// </summary>
    public void RemoveNetwork(ushort netuid)
    {
        var owner = S.SubnetOwner.Get(netuid);
        var locked = S.SubnetLocked.Get(netuid);

        foreach (var (_, hotkey) in S.Keys.Entries(netuid))
        {
            S.IsNetworkMember.Remove(hotkey, netuid);
        }

        S.SubnetworkN.Remove(netuid);
        S.NetworkModality.Remove(netuid);
        S.NetworksAdded.Remove(netuid);
        S.TotalNetworks.Set(Sat.Sub(S.TotalNetworks.Get(), (ushort)1));
        S.NetworkRegisteredAt.Remove(netuid);
        S.Uids.RemovePrefix(netuid);
        S.Keys.RemovePrefix(netuid);
        S.Bonds.RemovePrefix(netuid);
        S.Weights.RemovePrefix(netuid);
        S.BlockAtRegistration.RemovePrefix(netuid);
        S.Axons.RemovePrefix(netuid);
        S.Prometheus.RemovePrefix(netuid);

        foreach (var (uid, row) in S.Weights.Entries(RootNetuid))
        {
            var changed = false;
            var copy = new (ushort, ushort)[row.Count];
            for (var i = 0; i < row.Count; i++)
            {
                copy[i] = row[i];
                if (row[i].Item1 == netuid)
                {
                    copy[i] = (netuid, 0);
                    changed = true;
                }
            }

            if (changed)
            {
                S.Weights.Set(RootNetuid, uid, copy);
            }
        }

        S.Rank.Remove(netuid);
        S.Trust.Remove(netuid);
        S.Active.Remove(netuid);
        S.Emission.Remove(netuid);
        S.Incentive.Remove(netuid);
        S.Consensus.Remove(netuid);
        S.Dividends.Remove(netuid);
        S.PruningScores.Remove(netuid);
        S.LastUpdate.Remove(netuid);
        S.ValidatorPermit.Remove(netuid);
        S.ValidatorTrust.Remove(netuid);

        S.Tempo.Remove(netuid);
        S.Kappa.Remove(netuid);
        S.Difficulty.Remove(netuid);
        S.MaxAllowedUids.Remove(netuid);
        S.ImmunityPeriod.Remove(netuid);
        S.ActivityCutoff.Remove(netuid);
        S.EmissionValues.Remove(netuid);
        S.MaxWeightsLimit.Remove(netuid);
        S.MinAllowedWeights.Remove(netuid);
        S.RegistrationsThisInterval.Remove(netuid);
        S.POWRegistrationsThisInterval.Remove(netuid);
        S.BurnRegistrationsThisInterval.Remove(netuid);

        // §11 item 7: the items the reference leaves behind.
        S.PendingEmission.Remove(netuid);
        S.LoadedEmission.Remove(netuid);
        S.BlocksSinceLastStep.Remove(netuid);
        S.LastMechanismStepBlock.Remove(netuid);
        S.Burn.Remove(netuid);
        S.LastAdjustmentBlock.Remove(netuid);
        S.RegistrationsThisBlock.Remove(netuid);
        S.RAORecycledForRegistration.Remove(netuid);
        S.Rho.Remove(netuid);
        S.MaxAllowedValidators.Remove(netuid);
        S.WeightsVersionKey.Remove(netuid);
        S.WeightsSetRateLimit.Remove(netuid);
        S.BondsMovingAverage.Remove(netuid);
        S.AdjustmentInterval.Remove(netuid);
        S.AdjustmentAlpha.Remove(netuid);
        S.TargetRegistrationsPerInterval.Remove(netuid);
        S.MaxRegistrationsPerBlock.Remove(netuid);
        S.MinDifficulty.Remove(netuid);
        S.MaxDifficulty.Remove(netuid);
        S.MinBurn.Remove(netuid);
        S.MaxBurn.Remove(netuid);
        S.NetworkRegistrationAllowed.Remove(netuid);
        S.NetworkPowRegistrationAllowed.Remove(netuid);
        S.ServingRateLimit.Remove(netuid);
        S.ScalingLawPower.Remove(netuid);

        Balances.Deposit(owner, locked);
        S.SubnetLocked.Remove(netuid);
        S.SubnetOwner.Remove(netuid);
    }
}
