using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.FixedPoint;
using Bittensor.Runtime.Subtensor.BlockStep;

namespace Bittensor.Runtime.Subtensor;

public sealed partial class SubtensorModule
{
    private SubnetEpochRunner? _epochRunner;

    /// <summary>
    /// Replaces the root epoch (chain spec §7.4) that the block step runs in the blocks where netuid 0 is due; null (the
    /// default) runs <see cref="RunRootEpoch"/>. Tests use it to observe when the stage runs.
    /// </summary>
    public Action? RootEpoch { get; set; }

    /// <summary>The per-block processing of chain spec §5, run at the start of every block before any transaction.</summary>
    public void BlockStep()
    {
        var b = Block;
        AdjustRegistrationTerms(b);
        if (EpochSchedule.BlocksUntilNextEpoch(RootNetuid, S.Tempo.Get(RootNetuid), b) == 0)
        {
            if (RootEpoch is { } replacement)
            {
                replacement();
            }
            else
            {
                RunRootEpoch();
            }
        }

        DrainEmission();
        GenerateEmission(b);
    }

    /// <summary>Every existing network (root included), in ascending netuid order.</summary>
    private List<ushort> ExistingNetworks()
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

    /// <summary>Every netuid with a <c>Tempo</c> entry, in ascending netuid order.</summary>
    private List<ushort> NetworksWithTempo()
    {
        var list = S.Tempo.Keys();
        list.Sort();
        return list;
    }

    // ---- 1. difficulty and burn adjustment (chain spec §4.7) ----------------------------------------------

    private void AdjustRegistrationTerms(ulong b)
    {
        foreach (var netuid in ExistingNetworks())
        {
            var terms = new RegistrationAdjustment.Terms(
                S.LastAdjustmentBlock.Get(netuid),
                S.Burn.Get(netuid),
                S.Difficulty.Get(netuid),
                S.RegistrationsThisInterval.Get(netuid),
                S.POWRegistrationsThisInterval.Get(netuid),
                S.BurnRegistrationsThisInterval.Get(netuid));
            var interval = S.AdjustmentInterval.Get(netuid);
            if (unchecked(b - terms.LastAdjustmentBlock) >= interval)
            {
                var settings = new RegistrationAdjustment.Settings(
                    interval,
                    S.TargetRegistrationsPerInterval.Get(netuid),
                    S.AdjustmentAlpha.Get(netuid),
                    S.MinDifficulty.Get(netuid),
                    S.MaxDifficulty.Get(netuid),
                    S.MinBurn.Get(netuid),
                    S.MaxBurn.Get(netuid));
                var (next, adjustment) = RegistrationAdjustment.Adjust(b, terms, settings);
                if (adjustment is RegistrationAdjustment.Case.B or RegistrationAdjustment.Case.C
                    or RegistrationAdjustment.Case.E or RegistrationAdjustment.Case.F)
                {
                    S.Burn.Set(netuid, next.Burn);
                }

                if (adjustment is RegistrationAdjustment.Case.A or RegistrationAdjustment.Case.D
                    or RegistrationAdjustment.Case.E or RegistrationAdjustment.Case.F)
                {
                    S.Difficulty.Set(netuid, next.Difficulty);
                    Emit(new SubtensorEvent.DifficultySet(netuid, next.Difficulty));
                }

                S.LastAdjustmentBlock.Set(netuid, b);
                S.RegistrationsThisInterval.Set(netuid, 0);
                S.POWRegistrationsThisInterval.Set(netuid, 0);
                S.BurnRegistrationsThisInterval.Set(netuid, 0);
            }

            S.RegistrationsThisBlock.Set(netuid, 0);
        }
    }

    // ---- 3. drain (chain spec §5.4) ------------------------------------------------------------------------

    private void DrainEmission()
    {
        foreach (var netuid in NetworksWithTempo())
        {
            if (!S.LoadedEmission.TryGet(netuid, out var tuples))
            {
                continue;
            }

            ulong total = 0;
            foreach (var (hotkey, server, validator) in tuples)
            {
                EmitToHotkey(hotkey, server, validator);
                total = unchecked(total + server + validator);
            }

            S.LoadedEmission.Remove(netuid);
            S.TotalIssuance.Set(Sat.Add(S.TotalIssuance.Get(), total));
        }
    }

    /// <summary>
    /// Pays one epoch tuple as stake (chain spec §5.4 <c>emit</c>): to the owner for a plain hotkey; for a delegate the
    /// take and the server emission to the owner and the rest of the validator emission pro rata to every staker.
    /// </summary>
    public void EmitToHotkey(AccountId hotkey, ulong serverEmission, ulong validatorEmission)
    {
        var owner = S.Owner.Get(hotkey);
        if (!S.Delegates.TryGet(hotkey, out var take))
        {
            IncreaseStake(owner, hotkey, unchecked(serverEmission + validatorEmission));
            return;
        }

        var total = S.TotalHotkeyStake.Get(hotkey);
        var takeAmount = (I64F64.FromInt(take) / I64F64.FromInt(ushort.MaxValue) * I64F64.FromUInt(validatorEmission)).ToU64();
        var baseAmount = validatorEmission - takeAmount;
        var remaining = baseAmount;
        foreach (var (coldkey, stake) in S.Stake.Entries(hotkey))
        {
            ulong share = 0;
            if (total != 0)
            {
                share = (I64F64.FromUInt(baseAmount) * (I64F64.FromUInt(stake) / I64F64.FromUInt(total))).ToU64();
            }

            IncreaseStake(coldkey, hotkey, share);
            remaining = Sat.Sub(remaining, share);
        }

        IncreaseStake(owner, hotkey, Sat.Add(takeAmount, remaining));
        IncreaseStake(owner, hotkey, serverEmission);
    }

    // ---- 4. generate (chain spec §5.3) ---------------------------------------------------------------------

    private void GenerateEmission(ulong b)
    {
        foreach (var netuid in NetworksWithTempo())
        {
            if (netuid == RootNetuid)
            {
                continue;
            }

            var perBlock = S.EmissionValues.Get(netuid);
            var remainder = perBlock;
            if (S.SubnetOwner.TryGet(netuid, out var owner))
            {
                var (cut, rest) = OwnerCut(perBlock, S.SubnetOwnerCut.Get());
                remainder = rest;
                S.TotalIssuance.Set(Sat.Add(S.TotalIssuance.Get(), cut));
                Balances.Deposit(owner, cut);
            }

            S.PendingEmission.Set(netuid, Sat.Add(S.PendingEmission.Get(netuid), remainder));
            if (EpochSchedule.BlocksUntilNextEpoch(netuid, S.Tempo.Get(netuid), b) != 0)
            {
                S.BlocksSinceLastStep.Set(netuid, Sat.Add(S.BlocksSinceLastStep.Get(netuid), 1));
                continue;
            }

            var toDistribute = S.PendingEmission.Get(netuid);
            S.PendingEmission.Set(netuid, 0);
            var tuples = RunSubnetEpoch(netuid, toDistribute);
            if (tuples is null)
            {
                continue;
            }

            UInt128 emitted = 0;
            foreach (var (_, server, validator) in tuples)
            {
                emitted += (UInt128)server + validator;
            }

            if (emitted > toDistribute)
            {
                continue;
            }

            if (S.LoadedEmission.TryGet(netuid, out var previous))
            {
                tuples.AddRange(previous);
            }

            S.LoadedEmission.Set(netuid, tuples);
            S.BlocksSinceLastStep.Set(netuid, 0);
            S.LastMechanismStepBlock.Set(netuid, b);
        }
    }

    /// <summary>
    /// The subnet owner's share of one block's emission <paramref name="perBlock"/> (chain spec §5.3 step 2, I96F32 with
    /// saturating operations): the rao paid to the owner, floor(cut), and the rao added to the pending emission,
    /// floor(q − cut) — one less than q − floor(cut) whenever the cut has a fractional part.
    /// </summary>
    public static (ulong Cut, ulong Remainder) OwnerCut(ulong perBlock, ushort ownerCut)
    {
        var q = I96F32.FromUInt(perBlock);
        var cut = q.SaturatingMul(I96F32.FromUInt(ownerCut)).SaturatingDiv(I96F32.FromUInt(ushort.MaxValue));
        var rest = q.SaturatingSub(cut);
        return (cut.ToU64(), rest.ToU64());
    }

    /// <summary>
    /// Runs subnet <paramref name="netuid"/>'s epoch (chain spec §6) over <paramref name="emission"/> rao at the current
    /// block, writes its results (§6.3) and returns the (hotkey, server, validator) tuples in storage order of the uids.
    /// Returns null, writing nothing, when the stored state is outside what the epoch accepts (see the deviations).
    /// </summary>
    public List<(AccountId Hotkey, ulong Server, ulong Validator)>? RunSubnetEpoch(ushort netuid, ulong emission) =>
        (_epochRunner ??= new SubnetEpochRunner(this)).Run(netuid, emission);

    /// <summary>The epoch input of subnet <paramref name="netuid"/> as the block step builds it from storage (chain spec §6.1).</summary>
    public Epoch.EpochInput BuildEpochInput(ushort netuid, ulong emission) => SubnetEpochRunner.BuildInput(this, netuid, emission).Input;
}
