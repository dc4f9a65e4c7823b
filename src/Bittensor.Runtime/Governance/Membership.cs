using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Governance;

/// <summary>
/// One membership module (chain spec §2.6, §7.3): a sorted, bounded list of accounts managed by root, whose members
/// may change their own key, and an optional prime member. Every change is reported to <see cref="Changed"/>
/// (incoming, outgoing, new sorted list) and every prime change to <see cref="PrimeChanged"/>.
/// </summary>
public sealed class Membership
{
    public Membership(StateAccess state, byte moduleIndex, string module, int maxMembers)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        ModuleIndex = moduleIndex;
        Module = module ?? throw new ArgumentNullException(nameof(module));
        MaxMembers = maxMembers;
        MembersItem = new(state, module, "Members", Codecs.AccountList, Array.Empty<AccountId>());
        PrimeItem = new(state, module, "Prime", Codecs.Account, AccountId.Zero);
    }

    public StateAccess State { get; }

    public byte ModuleIndex { get; }

    public string Module { get; }

    public int MaxMembers { get; }

    /// <summary>The members, sorted by account id.</summary>
    public StorageValue<IReadOnlyList<AccountId>> MembersItem { get; }

    /// <summary>The prime member; absent when none.</summary>
    public StorageValue<AccountId> PrimeItem { get; }

    /// <summary>Called with (incoming, outgoing, new sorted members) after every change of the list.</summary>
    public Action<IReadOnlyList<AccountId>, IReadOnlyList<AccountId>, IReadOnlyList<AccountId>>? Changed { get; set; }

    /// <summary>Called with the new prime (null when cleared).</summary>
    public Action<AccountId?>? PrimeChanged { get; set; }

    public IReadOnlyList<AccountId> Members => MembersItem.Get();

    public AccountId? Prime => PrimeItem.Exists ? PrimeItem.Get() : null;

    public bool Contains(AccountId who) => Find(Members, who) >= 0;

    private DispatchException Error(MembershipError e) => Fail.With(ModuleIndex, Module, e);

    private void Emit(RuntimeEvent e) => State.Deposit(e);

    private static int Find(IReadOnlyList<AccountId> members, AccountId who)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] == who)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<AccountId> Sorted(IEnumerable<AccountId> members)
    {
        var list = new List<AccountId>(members);
        list.Sort();
        return list;
    }

    /// <summary>add_member: AlreadyMember, TooManyMembers; event MemberAdded.</summary>
    public void Add(AccountId who)
    {
        var members = Members;
        if (Find(members, who) >= 0)
        {
            throw Error(MembershipError.AlreadyMember);
        }

        if (members.Count >= MaxMembers)
        {
            throw Error(MembershipError.TooManyMembers);
        }

        var next = Sorted(members.Append(who));
        MembersItem.Set(next);
        Changed?.Invoke([who], [], next);
        Emit(new MembershipEvent.MemberAdded(ModuleIndex));
    }

    /// <summary>remove_member: NotMember; event MemberRemoved.</summary>
    public void Remove(AccountId who)
    {
        var members = Members;
        if (Find(members, who) < 0)
        {
            throw Error(MembershipError.NotMember);
        }

        var next = Sorted(members.Where(m => m != who));
        MembersItem.Set(next);
        Changed?.Invoke([], [who], next);
        RejigPrime(next);
        Emit(new MembershipEvent.MemberRemoved(ModuleIndex));
    }

    /// <summary>swap_member: nothing when both are equal; NotMember, AlreadyMember; event MembersSwapped.</summary>
    public void Swap(AccountId remove, AccountId add)
    {
        if (remove == add)
        {
            return;
        }

        var members = Members;
        if (Find(members, remove) < 0)
        {
            throw Error(MembershipError.NotMember);
        }

        if (Find(members, add) >= 0)
        {
            throw Error(MembershipError.AlreadyMember);
        }

        var next = Sorted(members.Where(m => m != remove).Append(add));
        MembersItem.Set(next);
        Changed?.Invoke([add], [remove], next);
        RejigPrime(next);
        Emit(new MembershipEvent.MembersSwapped(ModuleIndex));
    }

    /// <summary>reset_members: TooManyMembers; event MembersReset.</summary>
    public void Reset(IReadOnlyList<AccountId> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var next = Sorted(members.Distinct());
        if (next.Count > MaxMembers)
        {
            throw Error(MembershipError.TooManyMembers);
        }

        var old = Members;
        MembersItem.Set(next);
        Changed?.Invoke(
            next.Where(m => Find(old, m) < 0).ToList(),
            old.Where(m => Find(next, m) < 0).ToList(),
            next);
        RejigPrime(next);
        Emit(new MembershipEvent.MembersReset(ModuleIndex));
    }

    /// <summary>change_key by a member: NotMember, AlreadyMember; the prime follows the key; event KeyChanged.</summary>
    public void ChangeKey(AccountId who, AccountId newKey)
    {
        if (who != newKey)
        {
            var members = Members;
            if (Find(members, who) < 0)
            {
                throw Error(MembershipError.NotMember);
            }

            if (Find(members, newKey) >= 0)
            {
                throw Error(MembershipError.AlreadyMember);
            }

            var next = Sorted(members.Where(m => m != who).Append(newKey));
            MembersItem.Set(next);
            Changed?.Invoke([newKey], [who], next);
            if (Prime == who)
            {
                PrimeItem.Set(newKey);
                PrimeChanged?.Invoke(newKey);
            }
        }

        Emit(new MembershipEvent.KeyChanged(ModuleIndex));
    }

    /// <summary>set_prime: NotMember.</summary>
    public void SetPrime(AccountId who)
    {
        if (!Contains(who))
        {
            throw Error(MembershipError.NotMember);
        }

        PrimeItem.Set(who);
        PrimeChanged?.Invoke(who);
    }

    public void ClearPrime()
    {
        PrimeItem.Remove();
        PrimeChanged?.Invoke(null);
    }

    /// <summary>Sets the initial members at genesis (no events).</summary>
    public void Initialize(IReadOnlyList<AccountId> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var next = Sorted(members.Distinct());
        if (next.Count > MaxMembers)
        {
            throw new ArgumentException($"{Module}: at most {MaxMembers} members.", nameof(members));
        }

        MembersItem.Set(next);
        Changed?.Invoke(next, [], next);
    }

    /// <summary>After a removal the prime is kept (and re-announced) if still a member, otherwise dropped.</summary>
    private void RejigPrime(IReadOnlyList<AccountId> members)
    {
        if (Prime is not { } prime)
        {
            return;
        }

        if (Find(members, prime) >= 0)
        {
            PrimeChanged?.Invoke(prime);
        }
        else
        {
            PrimeItem.Remove();
        }
    }
}
