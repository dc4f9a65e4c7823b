using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor.Registration;

namespace Bittensor.Runtime.Subtensor;

/// <summary>Registration on subnets (PoW and burned), hotkey swaps and the test-network faucet (chain spec §3.6, 3.7, 3.9, 3.13, §4).</summary>
public sealed partial class SubtensorModule
{
    /// <summary>How many blocks a seal stays valid: it may be computed on b−2, b−1 or b (chain spec §4.3).</summary>
    public const ulong WorkBlockWindow = 3;

    /// <summary>The fixed difficulty of a faucet seal (chain spec §3.13).</summary>
    public const ulong FaucetDifficulty = 1_000_000;

    /// <summary>What one faucet call mints, rao (100 TAO).</summary>
    public const ulong FaucetAmount = 100_000_000_000;

    /// <summary>The price of a hotkey swap, burned from the coldkey (1 TAO).</summary>
    public const ulong HotkeySwapCost = 1_000_000_000;

    private StorageValue<bool>? _faucetEnabled;

    /// <summary>
    /// Whether the chain spec enables the faucet (the reference's <c>pow-faucet</c> build feature, for test networks).
    /// Default false: the faucet call then fails with <see cref="SubtensorError.FaucetDisabled"/>.
    /// </summary>
    public StorageValue<bool> FaucetEnabled => _faucetEnabled ??= new(State, Module, "FaucetEnabled", Codecs.Bool, false);

    private bool DispatchRegistration(Origin origin, RuntimeCall call)
    {
        switch (call)
        {
            case SubtensorCall.Register c:
                DoRegister(origin, c);
                return true;
            case SubtensorCall.BurnedRegister c:
                DoBurnedRegister(origin, c.Netuid, c.Hotkey);
                return true;
            case SubtensorCall.SwapHotkey c:
                DoSwapHotkey(origin, c.Hotkey, c.NewHotkey);
                return true;
            case SubtensorCall.Faucet c:
                DoFaucet(origin, c);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The seal a client must submit for <paramref name="blockNumber"/> and <paramref name="nonce"/> (chain spec §4.1).</summary>
    public byte[] CreateSeal(ulong blockNumber, ulong nonce, AccountId key) =>
        RegistrationSeal.Create(System.HashOf(blockNumber), nonce, key);

    // ---- register (6) ----------------------------------------------------------------------------------------

    private void DoRegister(Origin origin, SubtensorCall.Register c)
    {
        var signer = origin.EnsureSigned();
        if (signer != c.Hotkey)
        {
            throw Error(SubtensorError.HotkeyOriginMismatch);
        }

        EnsureRegistrableSubnet(c.Netuid);
        if (!S.NetworkPowRegistrationAllowed.Get(c.Netuid))
        {
            throw Error(SubtensorError.RegistrationDisabled);
        }

        EnsureRegistrationLimits(c.Netuid);
        if (S.Uids.Contains(c.Netuid, c.Hotkey))
        {
            throw Error(SubtensorError.AlreadyRegistered);
        }

        var b = Block;
        EnsureWorkBlock(c.BlockNumber, b);
        var work = c.Work ?? [];
        if (work.Length != RegistrationSeal.Size)
        {
            throw Error(SubtensorError.InvalidSeal);
        }

        if (!RegistrationSeal.MeetsDifficulty(work, S.Difficulty.Get(c.Netuid)))
        {
            throw Error(SubtensorError.InvalidDifficulty);
        }

        if (!CreateSeal(c.BlockNumber, c.Nonce, c.Hotkey).AsSpan().SequenceEqual(work))
        {
            throw Error(SubtensorError.InvalidSeal);
        }

        S.UsedWork.Set(work, b);
        CreateAccountIfNonExistent(c.Coldkey, c.Hotkey);
        if (!ColdkeyOwnsHotkey(c.Coldkey, c.Hotkey))
        {
            throw Error(SubtensorError.NonAssociatedColdKey);
        }

        var uid = AppendOrReplaceNeuron(c.Netuid, c.Hotkey, b);
        S.POWRegistrationsThisInterval.Set(c.Netuid, Sat.Add(S.POWRegistrationsThisInterval.Get(c.Netuid), (ushort)1));
        CountRegistration(c.Netuid);
        Emit(new SubtensorEvent.NeuronRegistered(c.Netuid, uid, c.Hotkey));
    }

    // ---- burned_register (7) ---------------------------------------------------------------------------------

    private void DoBurnedRegister(Origin origin, ushort netuid, AccountId hotkey)
    {
        var coldkey = origin.EnsureSigned();
        EnsureRegistrableSubnet(netuid);
        if (!S.NetworkRegistrationAllowed.Get(netuid))
        {
            throw Error(SubtensorError.RegistrationDisabled);
        }

        EnsureRegistrationLimits(netuid);
        if (S.Uids.Contains(netuid, hotkey))
        {
            throw Error(SubtensorError.AlreadyRegistered);
        }

        var cost = S.Burn.Get(netuid);
        if (cost > Balances.Transferable(coldkey))
        {
            throw Error(SubtensorError.NotEnoughBalanceToStake);
        }

        BurnFromColdkey(coldkey, cost);
        CreateAccountIfNonExistent(coldkey, hotkey);
        if (!ColdkeyOwnsHotkey(coldkey, hotkey))
        {
            throw Error(SubtensorError.NonAssociatedColdKey);
        }

        var b = Block;
        var uid = AppendOrReplaceNeuron(netuid, hotkey, b);
        S.BurnRegistrationsThisInterval.Set(netuid, Sat.Add(S.BurnRegistrationsThisInterval.Get(netuid), (ushort)1));
        CountRegistration(netuid);
        var recycled = Sat.Add(S.RAORecycledForRegistration.Get(netuid), cost);
        S.RAORecycledForRegistration.Set(netuid, recycled);
        Emit(new SubtensorEvent.RAORecycledForRegistrationSet(netuid, recycled));
        Emit(new SubtensorEvent.NeuronRegistered(netuid, uid, hotkey));
    }

    // ---- shared registration steps ---------------------------------------------------------------------------

    private void EnsureRegistrableSubnet(ushort netuid)
    {
        if (netuid == 0)
        {
            throw Error(SubtensorError.OperationNotPermittedOnRootSubnet);
        }

        if (!NetworkExists(netuid))
        {
            throw Error(SubtensorError.NetworkDoesNotExist);
        }
    }

    /// <summary>The per-block and per-interval limits of chain spec §4.6 (3 × target computed without wrapping).</summary>
    private void EnsureRegistrationLimits(ushort netuid)
    {
        if (S.RegistrationsThisBlock.Get(netuid) >= S.MaxRegistrationsPerBlock.Get(netuid))
        {
            throw Error(SubtensorError.TooManyRegistrationsThisBlock);
        }

        if (S.RegistrationsThisInterval.Get(netuid) >= 3 * S.TargetRegistrationsPerInterval.Get(netuid))
        {
            throw Error(SubtensorError.TooManyRegistrationsThisInterval);
        }
    }

    private static void EnsureWorkBlock(ulong blockNumber, ulong b)
    {
        if (blockNumber > b || b - blockNumber >= WorkBlockWindow)
        {
            throw Error(SubtensorError.InvalidWorkBlock);
        }
    }

    /// <summary>Appends at uid n while the subnet has room, else replaces the uid chosen by §4.5.</summary>
    private ushort AppendOrReplaceNeuron(ushort netuid, AccountId hotkey, ulong b)
    {
        var max = S.MaxAllowedUids.Get(netuid);
        if (max == 0)
        {
            throw Error(SubtensorError.NoNeuronIdAvailable);
        }

        if (S.SubnetworkN.Get(netuid) < max)
        {
            return AppendNeuron(netuid, hotkey, b);
        }

        var uid = GetNeuronToPrune(netuid);
        ReplaceNeuron(netuid, uid, hotkey, b);
        return uid;
    }

    private void CountRegistration(ushort netuid)
    {
        S.RegistrationsThisInterval.Set(netuid, Sat.Add(S.RegistrationsThisInterval.Get(netuid), (ushort)1));
        S.RegistrationsThisBlock.Set(netuid, Sat.Add(S.RegistrationsThisBlock.Get(netuid), (ushort)1));
    }

    /// <summary>
    /// Withdraws <paramref name="amount"/> best-effort keep-alive and destroys it, lowering the issuance by what was
    /// actually taken (chain spec §1.3). Fails with <see cref="SubtensorError.BalanceWithdrawalError"/> when a
    /// positive amount yields nothing.
    /// </summary>
    private void BurnFromColdkey(AccountId coldkey, ulong amount)
    {
        var actual = Balances.WithdrawKeepAlive(coldkey, amount);
        if (amount > 0 && actual == 0)
        {
            throw Error(SubtensorError.BalanceWithdrawalError);
        }

        S.TotalIssuance.Set(Sat.Sub(S.TotalIssuance.Get(), actual));
    }

    // ---- swap_hotkey (70) ------------------------------------------------------------------------------------

    private void DoSwapHotkey(Origin origin, AccountId old, AccountId @new)
    {
        var coldkey = origin.EnsureSigned();
        if (!ColdkeyOwnsHotkey(coldkey, old))
        {
            throw Error(SubtensorError.NonAssociatedColdKey);
        }

        var b = Block;
        if (ExceedsTxRateLimit(S.TxRateLimit.Get(), S.LastTxBlock.Get(coldkey), b))
        {
            throw Error(SubtensorError.TxRateLimitExceeded);
        }

        if (old == @new || IsHotkeyRegisteredOnAnyNetwork(@new))
        {
            throw Error(SubtensorError.AlreadyRegistered);
        }

        if (HotkeySwapCost > Balances.Transferable(coldkey))
        {
            throw Error(SubtensorError.NotEnoughBalance);
        }

        BurnFromColdkey(coldkey, HotkeySwapCost);

        S.Owner.Remove(old);
        S.Owner.Set(@new, coldkey);
        if (S.TotalHotkeyStake.TryGet(old, out var total))
        {
            S.TotalHotkeyStake.Remove(old);
            S.TotalHotkeyStake.Set(@new, total);
        }

        if (S.Delegates.TryGet(old, out var take))
        {
            S.Delegates.Remove(old);
            S.Delegates.Set(@new, take);
        }

        if (S.LastTxBlock.TryGet(old, out var last))
        {
            S.LastTxBlock.Remove(old);
            S.LastTxBlock.Set(@new, last);
        }

        foreach (var (ck, stake) in S.Stake.Entries(old))
        {
            S.Stake.Remove(old, ck);
            S.Stake.Set(@new, ck, stake);
        }

        var memberships = S.IsNetworkMember.Entries(old);
        foreach (var (netuid, member) in memberships)
        {
            S.IsNetworkMember.Remove(old, netuid);
            S.IsNetworkMember.Set(@new, netuid, member);
        }

        foreach (var (netuid, _) in memberships)
        {
            if (S.Axons.TryGet(netuid, old, out var axon))
            {
                S.Axons.Remove(netuid, old);
                S.Axons.Set(netuid, @new, axon);
            }

            if (S.Uids.TryGet(netuid, old, out var uid))
            {
                S.Uids.Remove(netuid, old);
                S.Uids.Set(netuid, @new, uid);
                S.Keys.Set(netuid, uid, @new);
                RenameInLoadedEmission(netuid, old, @new);
            }
        }

        S.LastTxBlock.Set(coldkey, b);
        Emit(new SubtensorEvent.HotkeySwapped(coldkey, old, @new));
    }

    /// <summary>Renames <paramref name="old"/> in the subnet's pending epoch output, matched by hotkey (chain spec §11 item 8 fix).</summary>
    private void RenameInLoadedEmission(ushort netuid, AccountId old, AccountId @new)
    {
        if (!S.LoadedEmission.TryGet(netuid, out var loaded))
        {
            return;
        }

        var copy = loaded.ToArray();
        var changed = false;
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i].Item1 == old)
            {
                copy[i] = (@new, copy[i].Item2, copy[i].Item3);
                changed = true;
            }
        }

        if (changed)
        {
            S.LoadedEmission.Set(netuid, copy);
        }
    }

    // ---- faucet (60) -----------------------------------------------------------------------------------------

    private void DoFaucet(Origin origin, SubtensorCall.Faucet c)
    {
        if (!FaucetEnabled.Get())
        {
            throw Error(SubtensorError.FaucetDisabled);
        }

        var coldkey = origin.EnsureSigned();
        var b = Block;
        EnsureWorkBlock(c.BlockNumber, b);
        var work = c.Work ?? [];
        if (work.Length != RegistrationSeal.Size)
        {
            throw Error(SubtensorError.InvalidSeal);
        }

        if (!RegistrationSeal.MeetsDifficulty(work, FaucetDifficulty))
        {
            throw Error(SubtensorError.InvalidDifficulty);
        }

        if (!CreateSeal(c.BlockNumber, c.Nonce, coldkey).AsSpan().SequenceEqual(work))
        {
            throw Error(SubtensorError.InvalidSeal);
        }

        S.UsedWork.Set(work, b);
        S.TotalIssuance.Set(Sat.Add(S.TotalIssuance.Get(), FaucetAmount));
        Balances.Deposit(coldkey, FaucetAmount);
        Emit(new SubtensorEvent.Faucet(coldkey, FaucetAmount));
    }
}
