using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Frame;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Governance;

/// <summary>
/// Governance (chain spec §7.3): the sudo key, the triumvirate collective and its motions, the triumvirate and
/// senate memberships. Split into partial files by concern (collective, sudo); this part wires the memberships
/// and dispatches the calls.
/// </summary>
public sealed partial class GovernanceModule : ISenateGovernance
{
    public const string Module = "Governance";

    /// <summary>At most three triumvirate members.</summary>
    public const int MaxTriumvirateMembers = 3;

    /// <summary>At most twelve senators.</summary>
    public const int MaxSenateMembers = 12;

    public GovernanceModule(StateAccess state, SystemModule system, BalancesModule balances, SubtensorModule subtensor)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        System = system ?? throw new ArgumentNullException(nameof(system));
        Balances = balances ?? throw new ArgumentNullException(nameof(balances));
        Subtensor = subtensor ?? throw new ArgumentNullException(nameof(subtensor));
        TriumvirateMembers = new Membership(state, ModuleIndex.TriumvirateMembers, "TriumvirateMembers", MaxTriumvirateMembers);
        SenateMembers = new Membership(state, ModuleIndex.SenateMembers, "SenateMembers", MaxSenateMembers);
        CollectiveMembersItem = new(state, CollectiveModule, "Members", Codecs.AccountList, Array.Empty<AccountId>());
        CollectivePrimeItem = new(state, CollectiveModule, "Prime", Codecs.Account, AccountId.Zero);
        Proposals = new(state, CollectiveModule, "Proposals", Codecs.List(HashCodec, 32), Array.Empty<Hash32>());
        ProposalOf = new(state, CollectiveModule, "ProposalOf", HashCodec, Codecs.Bytes, Array.Empty<byte>());
        Voting = new(state, CollectiveModule, "Voting", HashCodec, MotionVotes.Codec, new MotionVotes(0, 0, [], [], 0));
        ProposalCount = new(state, CollectiveModule, "ProposalCount", Codecs.U32, 0);
        SudoKeyItem = new(state, SudoModule, "Key", Codecs.Account, AccountId.Zero);

        // The triumvirate membership drives the collective's members and prime; the senate membership only
        // withdraws the votes of outgoing senators.
        TriumvirateMembers.Changed = ChangeCollectiveMembers;
        TriumvirateMembers.PrimeChanged = SetCollectivePrime;
        SenateMembers.Changed = (_, outgoing, _) =>
        {
            foreach (var who in outgoing)
            {
                RemoveVotes(who);
            }
        };
    }

    public StateAccess State { get; }

    public SystemModule System { get; }

    public BalancesModule Balances { get; }

    public SubtensorModule Subtensor { get; }

    /// <summary>The triumvirate membership (max 3), mirrored into the collective's members.</summary>
    public Membership TriumvirateMembers { get; }

    /// <summary>The senate membership (max 12 hotkeys): the voters on triumvirate motions.</summary>
    public Membership SenateMembers { get; }

    private static IScaleCodec<Hash32> HashCodec { get; } = new Codecs.Lambda<Hash32>((w, v) => v.Write(w), (ref r) => Hash32.Read(ref r));

    /// <summary>Sets the sudo key and the initial memberships at genesis (no events).</summary>
    public void InitializeGenesis(AccountId? sudoKey, IReadOnlyList<AccountId> triumvirate, IReadOnlyList<AccountId> senate)
    {
        if (sudoKey is { } key)
        {
            SudoKeyItem.Set(key);
        }

        TriumvirateMembers.Initialize(triumvirate);
        SenateMembers.Initialize(senate);
    }

    /// <summary>Runs a governance call; <paramref name="dispatch"/> runs a nested call (sudo, approved motions).</summary>
    public bool Dispatch(Origin origin, RuntimeCall call, Action<Origin, RuntimeCall> dispatch)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(dispatch);
        switch (call)
        {
            case TriumvirateCall.Propose p:
                Propose(origin.EnsureSigned(), p);
                return true;
            case TriumvirateCall.Close c:
                origin.EnsureSigned();
                Close(c, dispatch);
                return true;
            case TriumvirateCall.DisapproveProposal d:
                origin.EnsureRoot();
                DisapproveProposal(d.ProposalHash);
                return true;
            case MembershipCall m:
                DispatchMembership(origin, m);
                return true;
            case SudoCall.Sudo s:
                EnsureSudo(origin);
                State.Deposit(new SudoEvent.Sudid(TryDispatch(Origin.Root, s.Call, dispatch)));
                return true;
            case SudoCall.SudoUncheckedWeight s:
                EnsureSudo(origin);
                State.Deposit(new SudoEvent.Sudid(TryDispatch(Origin.Root, s.Call, dispatch)));
                return true;
            case SudoCall.SetKey k:
                {
                    EnsureSudo(origin);
                    AccountId? old = SudoKeyItem.Exists ? SudoKeyItem.Get() : null;
                    SudoKeyItem.Set(k.NewKey);
                    State.Deposit(new SudoEvent.KeyChanged(old));
                    return true;
                }

            default:
                return false;
        }
    }

    private void DispatchMembership(Origin origin, MembershipCall call)
    {
        var membership = call.Module switch
        {
            ModuleIndex.TriumvirateMembers => TriumvirateMembers,
            ModuleIndex.SenateMembers => SenateMembers,
            _ => throw new InvalidOperationException($"No membership module has index {call.Module}."),
        };
        if (call is MembershipCall.ChangeKey ck)
        {
            membership.ChangeKey(origin.EnsureSigned(), ck.NewKey);
            return;
        }

        origin.EnsureRoot();
        switch (call)
        {
            case MembershipCall.AddMember a:
                membership.Add(a.Who);
                break;
            case MembershipCall.RemoveMember r:
                membership.Remove(r.Who);
                break;
            case MembershipCall.SwapMember s:
                membership.Swap(s.Remove, s.Add);
                break;
            case MembershipCall.ResetMembers r:
                membership.Reset(r.Members);
                break;
            case MembershipCall.SetPrime p:
                membership.SetPrime(p.Who);
                break;
            case MembershipCall.ClearPrime:
                membership.ClearPrime();
                break;
            default:
                throw new InvalidOperationException($"Unknown membership call {call.GetType().Name}.");
        }
    }

    /// <summary>Runs a nested call in its own storage layer: its writes and events are kept only if it succeeds.</summary>
    private DispatchError? TryDispatch(Origin origin, RuntimeCall call, Action<Origin, RuntimeCall> dispatch) =>
        State.TryInLayer(() => dispatch(origin, call));

    // ---- the senate as the subtensor module sees it (root_register, vote) -----------------------------------

    IReadOnlyList<AccountId> ISenateGovernance.SenateMembers => SenateMembers.Members;

    int ISenateGovernance.MaxSenateMembers => MaxSenateMembers;

    void ISenateGovernance.AddSenateMember(AccountId hotkey) => SenateMembers.Add(hotkey);

    void ISenateGovernance.SwapSenateMember(AccountId remove, AccountId add) => SenateMembers.Swap(remove, add);
}
