using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Subtensor;

/// <summary>
/// Staking and delegation (chain spec §3.2–3.4), and the dispatch of the weight and serving calls (§3.1, §3.5),
/// whose bodies live in <c>Weights/</c> and <c>Serving/</c>.
/// </summary>
public sealed partial class SubtensorModule
{
    private bool DispatchStaking(Origin origin, RuntimeCall call)
    {
        switch (call)
        {
            case SubtensorCall.SetWeights c:
                DoSetWeights(origin.EnsureSigned(), c.Netuid, c.Dests, c.Weights, c.VersionKey);
                return true;
            case SubtensorCall.BecomeDelegate c:
                DoBecomeDelegate(origin.EnsureSigned(), c.Hotkey);
                return true;
            case SubtensorCall.DecreaseTake c:
                DoDecreaseTake(origin.EnsureSigned(), c.Hotkey, c.Take);
                return true;
            case SubtensorCall.IncreaseTake c:
                DoIncreaseTake(origin.EnsureSigned(), c.Hotkey, c.Take);
                return true;
            case SubtensorCall.AddStake c:
                DoAddStake(origin.EnsureSigned(), c.Hotkey, c.AmountStaked);
                return true;
            case SubtensorCall.RemoveStake c:
                DoRemoveStake(origin.EnsureSigned(), c.Hotkey, c.AmountUnstaked);
                return true;
            case SubtensorCall.ServeAxon c:
                DoServeAxon(origin.EnsureSigned(), c);
                return true;
            case SubtensorCall.ServePrometheus c:
                DoServePrometheus(origin.EnsureSigned(), c);
                return true;
            default:
                return false;
        }
    }

    // ---- read-side helpers --------------------------------------------------------------------------------

    /// <summary>Stake of <paramref name="coldkey"/> on <paramref name="hotkey"/>, <c>Stake[hotkey][coldkey]</c>.</summary>
    public ulong GetStakeForColdkeyAndHotkey(AccountId coldkey, AccountId hotkey) => S.Stake.Get(hotkey, coldkey);

    /// <summary>Σ of every coldkey's stake on <paramref name="hotkey"/> (the stake consensus uses).</summary>
    public ulong GetTotalStakeForHotkey(AccountId hotkey) => S.TotalHotkeyStake.Get(hotkey);

    /// <summary>Σ of the stake <paramref name="coldkey"/> holds on all hotkeys.</summary>
    public ulong GetTotalStakeForColdkey(AccountId coldkey) => S.TotalColdkeyStake.Get(coldkey);

    /// <summary>True when <paramref name="coldkey"/> holds at least <paramref name="amount"/> on <paramref name="hotkey"/>.</summary>
    public bool HasEnoughStake(AccountId coldkey, AccountId hotkey, ulong amount) =>
        GetStakeForColdkeyAndHotkey(coldkey, hotkey) >= amount;

    // ---- delegation (§3.2, §3.3) --------------------------------------------------------------------------

    private void EnsureOwner(AccountId coldkey, AccountId hotkey)
    {
        if (!HotkeyAccountExists(hotkey))
        {
            throw Error(SubtensorError.NotRegistered);
        }

        if (!ColdkeyOwnsHotkey(coldkey, hotkey))
        {
            throw Error(SubtensorError.NonAssociatedColdKey);
        }
    }

    private void DoBecomeDelegate(AccountId coldkey, AccountId hotkey)
    {
        EnsureOwner(coldkey, hotkey);
        if (IsDelegate(hotkey))
        {
            throw Error(SubtensorError.AlreadyDelegate);
        }

        var b = Block;
        if (ExceedsTxRateLimit(S.TxRateLimit.Get(), S.LastTxBlock.Get(coldkey), b))
        {
            throw Error(SubtensorError.TxRateLimitExceeded);
        }

        var take = S.MaxTake.Get();
        if (take < S.MinTake.Get() || take > S.MaxTake.Get())
        {
            throw Error(SubtensorError.InvalidTake);
        }

        S.Delegates.Set(hotkey, take);
        S.LastTxBlock.Set(coldkey, b);
        S.LastTxBlockDelegateTake.Set(coldkey, b);
        Emit(new SubtensorEvent.DelegateAdded(coldkey, hotkey, take));
    }

    private void DoDecreaseTake(AccountId coldkey, AccountId hotkey, ushort take)
    {
        EnsureOwner(coldkey, hotkey);
        if (S.Delegates.TryGet(hotkey, out var current) && take >= current)
        {
            throw Error(SubtensorError.InvalidTake);
        }

        if (take < S.MinTake.Get())
        {
            throw Error(SubtensorError.InvalidTake);
        }

        S.Delegates.Set(hotkey, take);
        Emit(new SubtensorEvent.TakeDecreased(coldkey, hotkey, take));
    }

    private void DoIncreaseTake(AccountId coldkey, AccountId hotkey, ushort take)
    {
        EnsureOwner(coldkey, hotkey);
        if (S.Delegates.TryGet(hotkey, out var current) && take <= current)
        {
            throw Error(SubtensorError.InvalidTake);
        }

        if (take > S.MaxTake.Get())
        {
            throw Error(SubtensorError.InvalidTake);
        }

        var b = Block;
        if (ExceedsTxRateLimit(S.TxDelegateTakeRateLimit.Get(), S.LastTxBlockDelegateTake.Get(coldkey), b))
        {
            throw Error(SubtensorError.TxRateLimitExceeded);
        }

        S.LastTxBlockDelegateTake.Set(coldkey, b);
        S.Delegates.Set(hotkey, take);
        Emit(new SubtensorEvent.TakeIncreased(coldkey, hotkey, take));
    }

    // ---- staking (§3.4) -----------------------------------------------------------------------------------

    /// <summary>
    /// Stake-or-unstake operations of (<paramref name="coldkey"/>, <paramref name="hotkey"/>) in the current
    /// interval; a record whose interval has ended is reset to (0, last) first.
    /// </summary>
    private ulong StakesThisInterval(AccountId coldkey, AccountId hotkey)
    {
        var (count, last) = S.TotalHotkeyColdkeyStakesThisInterval.Get(coldkey, hotkey);
        if (Sat.Add(last, S.StakeInterval.Get()) <= Block)
        {
            S.TotalHotkeyColdkeyStakesThisInterval.Set(coldkey, hotkey, (0, last));
            return 0;
        }

        return count;
    }

    /// <summary>Delegate or owner, else <see cref="SubtensorError.NonAssociatedColdKey"/> (after <see cref="SubtensorError.NotRegistered"/>).</summary>
    private void EnsureMayStake(AccountId coldkey, AccountId hotkey)
    {
        if (!HotkeyAccountExists(hotkey))
        {
            throw Error(SubtensorError.NotRegistered);
        }

        if (!IsDelegate(hotkey) && !ColdkeyOwnsHotkey(coldkey, hotkey))
        {
            throw Error(SubtensorError.NonAssociatedColdKey);
        }
    }

    private void DoAddStake(AccountId coldkey, AccountId hotkey, ulong amount)
    {
        if (amount > Balances.Transferable(coldkey))
        {
            throw Error(SubtensorError.NotEnoughBalanceToStake);
        }

        EnsureMayStake(coldkey, hotkey);
        var count = StakesThisInterval(coldkey, hotkey);
        if (count >= S.TargetStakesPerInterval.Get())
        {
            throw Error(SubtensorError.StakeRateLimitExceeded);
        }

        if (!ColdkeyOwnsHotkey(coldkey, hotkey)
            && Sat.Add(GetStakeForColdkeyAndHotkey(coldkey, hotkey), amount) < S.NominatorMinRequiredStake.Get())
        {
            throw Error(SubtensorError.NomStakeBelowMinimumThreshold);
        }

        var actual = Balances.WithdrawKeepAlive(coldkey, amount);
        if (amount > 0 && actual == 0)
        {
            throw Error(SubtensorError.BalanceWithdrawalError);
        }

        var b = Block;
        IncreaseStake(coldkey, hotkey, actual);
        S.LastTxBlock.Set(coldkey, b);
        S.TotalHotkeyColdkeyStakesThisInterval.Set(coldkey, hotkey, (Sat.Add(count, 1), b));
        Emit(new SubtensorEvent.StakeAdded(hotkey, actual));
    }

    private void DoRemoveStake(AccountId coldkey, AccountId hotkey, ulong amount)
    {
        EnsureMayStake(coldkey, hotkey);
        if (amount == 0)
        {
            throw Error(SubtensorError.NotEnoughStaketoWithdraw);
        }

        var stake = GetStakeForColdkeyAndHotkey(coldkey, hotkey);
        if (stake < amount)
        {
            throw Error(SubtensorError.NotEnoughStaketoWithdraw);
        }

        var count = StakesThisInterval(coldkey, hotkey);
        if (count >= S.TargetStakesPerInterval.Get())
        {
            throw Error(SubtensorError.UnstakeRateLimitExceeded);
        }

        if (!ColdkeyOwnsHotkey(coldkey, hotkey) && stake - amount < S.NominatorMinRequiredStake.Get())
        {
            throw Error(SubtensorError.NomStakeBelowMinimumThreshold);
        }

        var b = Block;
        DecreaseStake(coldkey, hotkey, amount);
        Balances.Deposit(coldkey, amount);
        S.LastTxBlock.Set(coldkey, b);
        S.TotalHotkeyColdkeyStakesThisInterval.Set(coldkey, hotkey, (Sat.Add(count, 1), b));
        Emit(new SubtensorEvent.StakeRemoved(hotkey, amount));
    }
}
