using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Governance;

/// <summary>The triumvirate collective (chain spec §7.3): motions proposed by the triumvirate, voted by the senate.</summary>
public sealed partial class GovernanceModule
{
    public const string CollectiveModule = "Triumvirate";

    /// <summary>The shortest voting period a motion may have: 12 hours.</summary>
    public const ulong MotionDuration = 3_600;

    /// <summary>At most ten open motions.</summary>
    public const int MaxProposals = 10;

    /// <summary>The collective's members (kept equal to the triumvirate membership).</summary>
    public StorageValue<IReadOnlyList<AccountId>> CollectiveMembersItem { get; }

    /// <summary>The collective's prime member; absent when none.</summary>
    public StorageValue<AccountId> CollectivePrimeItem { get; }

    /// <summary>The hashes of the open motions, in order of proposal.</summary>
    public StorageValue<IReadOnlyList<Hash32>> Proposals { get; }

    /// <summary>hash → the encoded call of an open motion.</summary>
    public StorageMap<Hash32, byte[]> ProposalOf { get; }

    /// <summary>hash → votes of an open motion.</summary>
    public StorageMap<Hash32, MotionVotes> Voting { get; }

    /// <summary>Motions ever proposed (the next motion's index).</summary>
    public StorageValue<uint> ProposalCount { get; }

    public IReadOnlyList<AccountId> CollectiveMembers => CollectiveMembersItem.Get();

    public AccountId? CollectivePrime => CollectivePrimeItem.Exists ? CollectivePrimeItem.Get() : null;

    private static DispatchException CollectiveFail(CollectiveError e) => Fail.With(ModuleIndex.Triumvirate, CollectiveModule, e);

    /// <summary>The collective's reaction to a triumvirate membership change: outgoing votes go, the prime is cleared.</summary>
    private void ChangeCollectiveMembers(IReadOnlyList<AccountId> incoming, IReadOnlyList<AccountId> outgoing, IReadOnlyList<AccountId> members)
    {
        foreach (var who in outgoing)
        {
            RemoveVotes(who);
        }

        CollectiveMembersItem.Set(members);
        CollectivePrimeItem.Remove();
    }

    private void SetCollectivePrime(AccountId? prime)
    {
        if (prime is { } p)
        {
            CollectivePrimeItem.Set(p);
        }
        else
        {
            CollectivePrimeItem.Remove();
        }
    }

    /// <summary>Withdraws every vote of <paramref name="who"/> from every open motion.</summary>
    public void RemoveVotes(AccountId who)
    {
        foreach (var hash in Proposals.Get())
        {
            if (Voting.TryGet(hash, out var votes))
            {
                Voting.Set(hash, votes with
                {
                    Ayes = votes.Ayes.Where(a => a != who).ToArray(),
                    Nays = votes.Nays.Where(a => a != who).ToArray(),
                });
            }
        }
    }

    private void Propose(AccountId who, TriumvirateCall.Propose call)
    {
        if (!CollectiveMembers.Contains(who))
        {
            throw CollectiveFail(CollectiveError.NotMember);
        }

        if (call.Duration < MotionDuration)
        {
            throw CollectiveFail(CollectiveError.WrongDuration);
        }

        var threshold = (uint)(SenateMembers.Members.Count / 2) + 1;
        var bytes = call.Proposal.ToBytes();
        if ((ulong)bytes.Length > call.LengthBound)
        {
            throw CollectiveFail(CollectiveError.WrongProposalLength);
        }

        var hash = Hash32.Of(bytes);
        if (ProposalOf.Contains(hash))
        {
            throw CollectiveFail(CollectiveError.DuplicateProposal);
        }

        var open = Proposals.Get();
        if (open.Count >= MaxProposals)
        {
            throw CollectiveFail(CollectiveError.TooManyProposals);
        }

        Proposals.Set([.. open, hash]);
        var index = ProposalCount.Get();
        ProposalCount.Set(index + 1);
        ProposalOf.Set(hash, bytes);
        Voting.Set(hash, new MotionVotes(index, threshold, [], [], Sat.Add(System.Number.Get(), call.Duration)));
        State.Deposit(new CollectiveEvent.Proposed(who, index, hash, threshold));
    }

    /// <summary>
    /// Records a senator's vote (chain spec §3.11 step 3): ProposalMissing, WrongIndex, DuplicateVote; changing a vote
    /// moves it. Returns true when <paramref name="who"/> had not voted on the motion before.
    /// </summary>
    public bool Vote(AccountId who, Hash32 proposal, uint index, bool approve)
    {
        if (!Voting.TryGet(proposal, out var votes))
        {
            throw CollectiveFail(CollectiveError.ProposalMissing);
        }

        if (votes.Index != index)
        {
            throw CollectiveFail(CollectiveError.WrongIndex);
        }

        var inAyes = votes.Ayes.Contains(who);
        var inNays = votes.Nays.Contains(who);
        var first = !inAyes && !inNays;
        IReadOnlyList<AccountId> ayes = votes.Ayes, nays = votes.Nays;
        if (approve)
        {
            if (inAyes)
            {
                throw CollectiveFail(CollectiveError.DuplicateVote);
            }

            ayes = [.. ayes, who];
            if (inNays)
            {
                nays = nays.Where(a => a != who).ToArray();
            }
        }
        else
        {
            if (inNays)
            {
                throw CollectiveFail(CollectiveError.DuplicateVote);
            }

            nays = [.. nays, who];
            if (inAyes)
            {
                ayes = ayes.Where(a => a != who).ToArray();
            }
        }

        Voting.Set(proposal, votes with { Ayes = ayes, Nays = nays });
        State.Deposit(new CollectiveEvent.Voted(who, proposal, approve, (uint)ayes.Count, (uint)nays.Count));
        return first;
    }

    /// <summary>
    /// True when <paramref name="who"/> has not yet voted on the open motion <paramref name="proposal"/>: such a
    /// vote (SubtensorCall.Vote) is free of fees if it succeeds. False when the motion is not open.
    /// </summary>
    public bool IsFirstVote(AccountId who, Hash32 proposal) =>
        Voting.TryGet(proposal, out var votes) && !votes.Ayes.Contains(who) && !votes.Nays.Contains(who);

    private void Close(TriumvirateCall.Close call, Action<Origin, RuntimeCall> dispatch)
    {
        var hash = call.ProposalHash;
        if (!Voting.TryGet(hash, out var votes))
        {
            throw CollectiveFail(CollectiveError.ProposalMissing);
        }

        if (votes.Index != call.Index)
        {
            throw CollectiveFail(CollectiveError.WrongIndex);
        }

        var yes = (uint)votes.Ayes.Count;
        var no = (uint)votes.Nays.Count;
        var seats = (uint)SenateMembers.Members.Count;
        var approved = yes >= votes.Threshold;
        var disapproved = (seats > no ? seats - no : 0) < votes.Threshold;
        if (!approved && !disapproved)
        {
            if (System.Number.Get() < votes.End)
            {
                throw CollectiveFail(CollectiveError.TooEarly);
            }

            // Abstentions follow the prime's vote: aye if the prime voted aye, nay otherwise.
            var primeAye = CollectivePrime is { } prime && votes.Ayes.Contains(prime);
            var abstentions = seats > yes + no ? seats - (yes + no) : 0;
            if (primeAye)
            {
                yes += abstentions;
            }
            else
            {
                no += abstentions;
            }

            approved = yes >= votes.Threshold;
        }

        if (approved)
        {
            var proposal = ValidatedProposal(hash, call.LengthBound, call.ProposalWeightBound);
            State.Deposit(new CollectiveEvent.Closed(hash, yes, no));
            State.Deposit(new CollectiveEvent.Approved(hash));
            var result = TryDispatch(new CollectiveOrigin(yes, seats), proposal, dispatch);
            State.Deposit(new CollectiveEvent.Executed(hash, result));
        }
        else
        {
            State.Deposit(new CollectiveEvent.Closed(hash, yes, no));
            State.Deposit(new CollectiveEvent.Disapproved(hash));
        }

        RemoveProposal(hash);
    }

    /// <summary>The stored call of an approved motion: ProposalMissing, WrongProposalLength (weights are not metered: no weight bound fails).</summary>
    private RuntimeCall ValidatedProposal(Hash32 hash, uint lengthBound, ulong weightBound)
    {
        _ = weightBound;
        if (!ProposalOf.TryGet(hash, out var bytes))
        {
            throw CollectiveFail(CollectiveError.ProposalMissing);
        }

        if ((ulong)bytes.Length > lengthBound)
        {
            throw CollectiveFail(CollectiveError.WrongProposalLength);
        }

        return RuntimeCall.Decode(bytes);
    }

    /// <summary>disapprove_proposal (root): removes the motion, whether or not it exists; event Disapproved.</summary>
    private void DisapproveProposal(Hash32 hash)
    {
        State.Deposit(new CollectiveEvent.Disapproved(hash));
        RemoveProposal(hash);
    }

    private void RemoveProposal(Hash32 hash)
    {
        ProposalOf.Remove(hash);
        Voting.Remove(hash);
        Proposals.Set(Proposals.Get().Where(h => h != hash).ToArray());
    }
}
