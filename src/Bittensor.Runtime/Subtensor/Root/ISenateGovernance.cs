using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Runtime.Subtensor;

/// <summary>
/// What the subtensor module needs from governance (chain spec §7.2 step 7, §3.11): the senate membership and the
/// triumvirate collective's votes. The governance module implements it; the runtime connects the two.
/// </summary>
public interface ISenateGovernance
{
    /// <summary>The senators (hotkeys), sorted by account id.</summary>
    IReadOnlyList<AccountId> SenateMembers { get; }

    int MaxSenateMembers { get; }

    /// <summary>Adds a senator; fails with the membership module's AlreadyMember / TooManyMembers.</summary>
    void AddSenateMember(AccountId hotkey);

    /// <summary>Replaces a senator; fails with the membership module's NotMember / AlreadyMember.</summary>
    void SwapSenateMember(AccountId remove, AccountId add);

    /// <summary>Withdraws every vote of <paramref name="who"/> from the open motions.</summary>
    void RemoveVotes(AccountId who);

    /// <summary>Records a vote on a motion; true when it is the voter's first vote on it.</summary>
    bool Vote(AccountId who, Hash32 proposal, uint index, bool approve);
}
