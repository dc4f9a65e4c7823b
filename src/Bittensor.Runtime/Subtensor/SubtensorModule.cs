using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Frame;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Subtensor;

/// <summary>
/// The subtensor module: subnets, registration, staking and delegation, weights, serving, the root network and
/// the block step that runs the epochs and pays emission. Split by concern into partial files
/// (<c>SubtensorModule.Concern.cs</c>); this part holds the state accessors and the helpers they share.
/// </summary>
public sealed partial class SubtensorModule
{
    public const string Module = SubtensorStorage.Module;

    /// <summary>The literal take given to every root member that is not yet a delegate (chain spec §7.2 step 8).</summary>
    public const ushort RootDelegateTake = 11_796;

    public SubtensorModule(StateAccess state, SystemModule system, BalancesModule balances)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        System = system ?? throw new ArgumentNullException(nameof(system));
        Balances = balances ?? throw new ArgumentNullException(nameof(balances));
        S = new SubtensorStorage(state);
    }

    public StateAccess State { get; }

    public SystemModule System { get; }

    public BalancesModule Balances { get; }

    /// <summary>Every storage item of the module.</summary>
    public SubtensorStorage S { get; }

    /// <summary>The number of the block being executed, b.</summary>
    public ulong Block => System.Number.Get();

    internal static DispatchException Error(SubtensorError error) => Fail.With(ModuleIndex.Subtensor, Module, error);

    internal void Emit(SubtensorEvent e) => State.Deposit(e);

    // ---- accounts and ownership -------------------------------------------------------------------------

    public bool HotkeyAccountExists(AccountId hotkey) => S.Owner.Contains(hotkey);

    public bool ColdkeyOwnsHotkey(AccountId coldkey, AccountId hotkey) =>
        S.Owner.TryGet(hotkey, out var owner) && owner == coldkey;

    public AccountId OwningColdkey(AccountId hotkey) => S.Owner.Get(hotkey);

    public bool IsDelegate(AccountId hotkey) => S.Delegates.Contains(hotkey);

    /// <summary>Creates the hotkey account owned by <paramref name="coldkey"/> when it does not exist yet.</summary>
    public void CreateAccountIfNonExistent(AccountId coldkey, AccountId hotkey)
    {
        if (!S.Owner.Contains(hotkey))
        {
            S.Owner.Set(hotkey, coldkey);
            S.Stake.Set(hotkey, coldkey, 0);
        }
    }

    public bool IsHotkeyRegisteredOnNetwork(ushort netuid, AccountId hotkey) => S.Uids.Contains(netuid, hotkey);

    /// <summary>True when <paramref name="hotkey"/> is a member of any network (chain spec §3.5 step 1).</summary>
    public bool IsHotkeyRegisteredOnAnyNetwork(AccountId hotkey)
    {
        foreach (var (_, member) in S.IsNetworkMember.Entries(hotkey))
        {
            if (member)
            {
                return true;
            }
        }

        return false;
    }

    public bool NetworkExists(ushort netuid) => S.NetworksAdded.Get(netuid);

    /// <summary>The rate-limit rule shared by delegation, take increases and hotkey swaps (chain spec §3.2 step 3).</summary>
    public static bool ExceedsTxRateLimit(ulong limit, ulong previousBlock, ulong block) =>
        limit != 0 && previousBlock != 0 && block - previousBlock <= limit;

    // ---- stake bookkeeping (chain spec §5.4: "stake (c, h) += x") ---------------------------------------

    /// <summary>Adds stake of <paramref name="coldkey"/> on <paramref name="hotkey"/>, saturating every counter.</summary>
    public void IncreaseStake(AccountId coldkey, AccountId hotkey, ulong amount)
    {
        S.TotalColdkeyStake.Set(coldkey, Sat.Add(S.TotalColdkeyStake.Get(coldkey), amount));
        S.TotalHotkeyStake.Set(hotkey, Sat.Add(S.TotalHotkeyStake.Get(hotkey), amount));
        S.Stake.Set(hotkey, coldkey, Sat.Add(S.Stake.Get(hotkey, coldkey), amount));
        S.TotalStake.Set(Sat.Add(S.TotalStake.Get(), amount));
    }

    /// <summary>Removes stake of <paramref name="coldkey"/> on <paramref name="hotkey"/>, saturating every counter (the entry stays, possibly 0).</summary>
    public void DecreaseStake(AccountId coldkey, AccountId hotkey, ulong amount)
    {
        S.TotalColdkeyStake.Set(coldkey, Sat.Sub(S.TotalColdkeyStake.Get(coldkey), amount));
        S.TotalHotkeyStake.Set(hotkey, Sat.Sub(S.TotalHotkeyStake.Get(hotkey), amount));
        S.Stake.Set(hotkey, coldkey, Sat.Sub(S.Stake.Get(hotkey, coldkey), amount));
        S.TotalStake.Set(Sat.Sub(S.TotalStake.Get(), amount));
    }

    /// <summary>Returns every coldkey's stake on <paramref name="hotkey"/> to its free balance (chain spec §4.4 step 2).</summary>
    public void UnstakeAllFromHotkey(AccountId hotkey)
    {
        foreach (var (coldkey, stake) in S.Stake.Entries(hotkey))
        {
            DecreaseStake(coldkey, hotkey, stake);
            Balances.Deposit(coldkey, stake);
        }
    }

    // ---- per-uid vectors -----------------------------------------------------------------------------------

    /// <summary>Element <paramref name="uid"/> of a per-subnet vector, or <paramref name="missing"/> when out of range.</summary>
    public static T At<T>(IReadOnlyList<T> vector, ushort uid, T missing)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return uid < vector.Count ? vector[uid] : missing;
    }

    /// <summary>Writes element <paramref name="uid"/> of a per-subnet vector (ignored when out of range, as the reference does).</summary>
    public static void SetAt<T>(StorageMap<ushort, IReadOnlyList<T>> item, ushort netuid, ushort uid, T value)
    {
        ArgumentNullException.ThrowIfNull(item);
        var v = item.Get(netuid);
        if (uid >= v.Count)
        {
            return;
        }

        var copy = v.ToArray();
        copy[uid] = value;
        item.Set(netuid, copy);
    }

    private static void Push<T>(StorageMap<ushort, IReadOnlyList<T>> item, ushort netuid, T value)
    {
        var v = item.Get(netuid);
        var copy = new T[v.Count + 1];
        for (var i = 0; i < v.Count; i++)
        {
            copy[i] = v[i];
        }

        copy[^1] = value;
        item.Set(netuid, copy);
    }

    // ---- appending, replacing and pruning neurons (chain spec §4.4–4.5) ------------------------------------

    /// <summary>Appends <paramref name="hotkey"/> at uid n and returns it.</summary>
    public ushort AppendNeuron(ushort netuid, AccountId hotkey, ulong block)
    {
        var uid = S.SubnetworkN.Get(netuid);
        S.SubnetworkN.Set(netuid, checked((ushort)(uid + 1)));
        Push(S.Rank, netuid, (ushort)0);
        Push(S.Trust, netuid, (ushort)0);
        Push(S.Active, netuid, true);
        Push(S.Emission, netuid, 0UL);
        Push(S.Consensus, netuid, (ushort)0);
        Push(S.Incentive, netuid, (ushort)0);
        Push(S.Dividends, netuid, (ushort)0);
        Push(S.LastUpdate, netuid, block);
        Push(S.PruningScores, netuid, (ushort)0);
        Push(S.ValidatorTrust, netuid, (ushort)0);
        Push(S.ValidatorPermit, netuid, false);
        S.Keys.Set(netuid, uid, hotkey);
        S.Uids.Set(netuid, hotkey, uid);
        S.BlockAtRegistration.Set(netuid, uid, block);
        S.IsNetworkMember.Set(hotkey, netuid, true);
        return uid;
    }

    /// <summary>Gives <paramref name="uid"/> to <paramref name="newHotkey"/>; the old occupant is unstaked if it is on no other network.</summary>
    public void ReplaceNeuron(ushort netuid, ushort uid, AccountId newHotkey, ulong block)
    {
        var old = S.Keys.Get(netuid, uid);
        S.Uids.Remove(netuid, old);
        S.IsNetworkMember.Remove(old, netuid);
        S.Keys.Remove(netuid, uid);
        if (!IsHotkeyRegisteredOnAnyNetwork(old))
        {
            UnstakeAllFromHotkey(old);
        }

        SetAt(S.Active, netuid, uid, true);
        S.Keys.Set(netuid, uid, newHotkey);
        S.Uids.Set(netuid, newHotkey, uid);
        S.BlockAtRegistration.Set(netuid, uid, block);
        S.IsNetworkMember.Set(newHotkey, netuid, true);
    }

    /// <summary>The uid a full subnet gives to the next registration (chain spec §4.5); marks its pruning score 65535.</summary>
    public ushort GetNeuronToPrune(ushort netuid)
    {
        var n = S.SubnetworkN.Get(netuid);
        if (n == 0)
        {
            return 0;
        }

        var b = Block;
        var immunity = S.ImmunityPeriod.Get(netuid);
        var scores = S.PruningScores.Get(netuid);
        ushort min = ushort.MaxValue, minUid = 0, minImmune = ushort.MaxValue, minImmuneUid = 0;
        for (ushort uid = 0; uid < n; uid++)
        {
            var p = At(scores, uid, ushort.MaxValue);
            var immune = b - S.BlockAtRegistration.Get(netuid, uid) < immunity;
            if (p == min)
            {
                if (immune)
                {
                    if (p < minImmune)
                    {
                        minImmune = p;
                        minImmuneUid = uid;
                    }
                }
                else
                {
                    minUid = uid;
                }
            }
            else if (p < min)
            {
                if (immune)
                {
                    if (p < minImmune)
                    {
                        minImmune = p;
                        minImmuneUid = uid;
                    }
                }
                else
                {
                    min = p;
                    minUid = uid;
                }
            }
        }

        var chosen = min == ushort.MaxValue ? minImmuneUid : minUid;
        SetAt(S.PruningScores, netuid, chosen, ushort.MaxValue);
        return chosen;
    }

    // ---- dispatch -----------------------------------------------------------------------------------------

    /// <summary>Runs one subtensor call; throws <see cref="DispatchException"/> on failure (the caller rolls back).</summary>
    public void Dispatch(Origin origin, RuntimeCall call)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(call);
        if (DispatchRegistration(origin, call) || DispatchStaking(origin, call) || DispatchRoot(origin, call) || DispatchAdmin(origin, call))
        {
            return;
        }

        throw new InvalidOperationException($"The subtensor module does not handle {call.GetType().Name}.");
    }
}
