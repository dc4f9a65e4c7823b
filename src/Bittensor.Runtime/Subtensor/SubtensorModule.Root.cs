using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Subtensor;

/// <summary>The root network's calls (chain spec §7): root registration, subnet creation and dissolution, senate votes and sudo.</summary>
public sealed partial class SubtensorModule
{
    /// <summary>The root network's netuid.</summary>
    public const ushort RootNetuid = 0;

    /// <summary>The senate and the triumvirate collective (set by the runtime); votes and senate updates need it.</summary>
    public ISenateGovernance? Governance { get; private set; }

    /// <summary>Runs a nested call (the inner call of <c>sudo</c>); set by the runtime.</summary>
    public Action<Origin, RuntimeCall>? NestedDispatch { get; private set; }

    /// <summary>Connects the governance module and the runtime's dispatcher of nested calls.</summary>
    public void ConnectGovernance(ISenateGovernance governance, Action<Origin, RuntimeCall> nestedDispatch)
    {
        Governance = governance ?? throw new ArgumentNullException(nameof(governance));
        NestedDispatch = nestedDispatch ?? throw new ArgumentNullException(nameof(nestedDispatch));
    }

    private ISenateGovernance Senate => Governance ?? throw new InvalidOperationException("No governance module is connected to the subtensor module.");

    private bool DispatchRoot(Origin origin, RuntimeCall call)
    {
        switch (call)
        {
            case SubtensorCall.RootRegister r:
                RootRegister(origin, r.Hotkey);
                return true;
            case SubtensorCall.RegisterNetwork:
                RegisterNetwork(origin.EnsureSigned());
                return true;
            case SubtensorCall.DissolveNetwork d:
                DissolveNetwork(origin.EnsureSigned(), d.Netuid);
                return true;
            case SubtensorCall.Vote v:
                Vote(origin.EnsureSigned(), v);
                return true;
            case SubtensorCall.Sudo s:
                Sudo(origin, s.Call);
                return true;
            case SubtensorCall.SudoUncheckedWeight s:
                Sudo(origin, s.Call);
                return true;
            default:
                return false;
        }
    }

    /// <summary>vote (chain spec §3.11): NonAssociatedColdKey, NotSenateMember, then the collective's errors.</summary>
    private void Vote(AccountId coldkey, SubtensorCall.Vote call)
    {
        if (!ColdkeyOwnsHotkey(coldkey, call.Hotkey))
        {
            throw Error(SubtensorError.NonAssociatedColdKey);
        }

        if (!Senate.SenateMembers.Contains(call.Hotkey))
        {
            throw Error(SubtensorError.NotSenateMember);
        }

        Senate.Vote(call.Hotkey, call.Proposal, call.Index, call.Approve);
    }

    /// <summary>
    /// sudo (chain spec §3.12): only an approved senate motion with 2·ayes &gt; seats; the inner call runs as root. A
    /// failing inner call fails the whole call (so only <c>Sudid(Ok)</c> is ever observed).
    /// </summary>
    private void Sudo(Origin origin, RuntimeCall inner)
    {
        if (origin is not CollectiveOrigin { } collective || 2UL * collective.Ayes <= collective.Total)
        {
            throw new DispatchException(DispatchError.BadOrigin);
        }

        var dispatch = NestedDispatch ?? throw new InvalidOperationException("No nested dispatcher is connected to the subtensor module.");
        dispatch(Origin.Root, inner);
        Emit(new SubtensorEvent.Sudid(true));
    }

    /// <summary>root_register (chain spec §7.2).</summary>
    private void RootRegister(Origin origin, AccountId hotkey)
    {
        if (!NetworkExists(RootNetuid))
        {
            throw Error(SubtensorError.NetworkDoesNotExist);
        }

        var coldkey = origin.EnsureSigned();
        var b = Block;
        if (S.RegistrationsThisBlock.Get(RootNetuid) >= S.MaxRegistrationsPerBlock.Get(RootNetuid))
        {
            throw Error(SubtensorError.TooManyRegistrationsThisBlock);
        }

        if (S.RegistrationsThisInterval.Get(RootNetuid) >= 3 * S.TargetRegistrationsPerInterval.Get(RootNetuid))
        {
            throw Error(SubtensorError.TooManyRegistrationsThisInterval);
        }

        if (S.Uids.Contains(RootNetuid, hotkey))
        {
            throw Error(SubtensorError.AlreadyRegistered);
        }

        CreateAccountIfNonExistent(coldkey, hotkey);

        ushort uid;
        var n = S.SubnetworkN.Get(RootNetuid);
        if (n < S.MaxAllowedUids.Get(RootNetuid))
        {
            uid = AppendNeuron(RootNetuid, hotkey, b);
        }
        else
        {
            var lowest = ulong.MaxValue;
            ushort lowestUid = 0;
            foreach (var (u, member) in S.Keys.Entries(RootNetuid))
            {
                var stake = S.TotalHotkeyStake.Get(member);
                if (stake < lowest)
                {
                    lowest = stake;
                    lowestUid = u;
                }
            }

            if (lowest >= S.TotalHotkeyStake.Get(hotkey))
            {
                throw Error(SubtensorError.StakeTooLowForRoot);
            }

            uid = lowestUid;
            ReplaceNeuron(RootNetuid, uid, hotkey, b);
        }

        UpdateSenate(hotkey);

        if (!IsDelegate(hotkey))
        {
            S.Delegates.Set(hotkey, RootDelegateTake);
        }

        S.RegistrationsThisInterval.Set(RootNetuid, Sat.Add(S.RegistrationsThisInterval.Get(RootNetuid), (ushort)1));
        S.RegistrationsThisBlock.Set(RootNetuid, Sat.Add(S.RegistrationsThisBlock.Get(RootNetuid), (ushort)1));
        Emit(new SubtensorEvent.NeuronRegistered(RootNetuid, uid, hotkey));
    }

    /// <summary>
    /// Chain spec §7.2 step 7: a free seat goes to the new root member; a full senate swaps out its lowest-staked
    /// member (the later one in account order among equals) if the newcomer has strictly more stake.
    /// </summary>
    private void UpdateSenate(AccountId hotkey)
    {
        var senate = Senate;
        var members = senate.SenateMembers;
        if (members.Count >= senate.MaxSenateMembers)
        {
            // A stable sort by stake descending over the account-ordered list: the last element is the lowest
            // stake, and among equal stakes the one latest in account order.
            var last = members[0];
            var lastStake = S.TotalHotkeyStake.Get(last);
            for (var i = 1; i < members.Count; i++)
            {
                var stake = S.TotalHotkeyStake.Get(members[i]);
                if (stake <= lastStake)
                {
                    last = members[i];
                    lastStake = stake;
                }
            }

            if (lastStake < S.TotalHotkeyStake.Get(hotkey))
            {
                senate.RemoveVotes(last);
                senate.SwapSenateMember(last, hotkey);
            }
        }
        else
        {
            senate.AddSenateMember(hotkey);
        }
    }
}
