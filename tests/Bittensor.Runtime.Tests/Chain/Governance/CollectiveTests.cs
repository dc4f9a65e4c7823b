using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Governance;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Governance.GovernanceFixture;
using static Bittensor.Runtime.Tests.Chain.Root.RootFixture;
using static Bittensor.Runtime.Tests.Chain.TestChain;

namespace Bittensor.Runtime.Tests.Chain.Governance;

public sealed class CollectiveTests
{
    [Fact]
    public void ProposeChecksInOrderAndRecordsTheMotion()
    {
        var chain = NewGovernedChain();
        var proposal = AddSenatorMotion(Account(50));
        var len = (uint)proposal.ToBytes().Length;
        AssertFailsUnchanged(chain, () => chain.Signed(Account(9), new TriumvirateCall.Propose(proposal, len, 3600)), "NotMember");
        AssertFailsUnchanged(chain, () => chain.Root(new TriumvirateCall.Propose(proposal, len, 3600)), "BadOrigin");
        AssertFailsUnchanged(chain, () => chain.Signed(Triumvir, new TriumvirateCall.Propose(proposal, len, 3599)), "WrongDuration");
        AssertFailsUnchanged(chain, () => chain.Signed(Triumvir, new TriumvirateCall.Propose(proposal, len - 1, 3600)), "WrongProposalLength");
        Assert.Null(chain.Signed(Triumvir, new TriumvirateCall.Propose(proposal, len, 3600)));
        var hash = Hash32.Of(proposal.ToBytes());
        Assert.Equal(new CollectiveEvent.Proposed(Triumvir, 0, hash, 2), chain.Events[^1]);
        Assert.Equal(new MotionVotes(0, 2, [], [], 3601), Gov(chain).Voting.Get(hash) with { Ayes = [], Nays = [] });
        Assert.Equal(3601UL, Gov(chain).Voting.Get(hash).End);
        Assert.Equal(2u, Gov(chain).Voting.Get(hash).Threshold);
        Assert.Equal([hash], Gov(chain).Proposals.Get());
        Assert.Equal(1u, Gov(chain).ProposalCount.Get());
        AssertFailsUnchanged(chain, () => chain.Signed(Triumvir, new TriumvirateCall.Propose(proposal, len, 3600)), "DuplicateProposal");

        for (var i = 51; i < 60; i++)
        {
            Propose(chain, AddSenatorMotion(Account(i)));
        }

        Assert.Equal(10, Gov(chain).Proposals.Get().Count);
        AssertFailsUnchanged(chain, () => chain.Signed(Triumvir, new TriumvirateCall.Propose(AddSenatorMotion(Account(60)), 1000, 3600)), "TooManyProposals");
    }

    [Fact]
    public void ApprovedMotionRunsSudoWithTheCollectiveOrigin()
    {
        var chain = NewGovernedChain();
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        Assert.Null(Vote(chain, 1, hash, 0, true));
        Assert.Equal(new CollectiveEvent.Voted(Senator(1), hash, true, 1, 0), chain.Events[^1]);
        Assert.Null(Vote(chain, 2, hash, 0, true));
        Assert.Equal(new CollectiveEvent.Voted(Senator(2), hash, true, 2, 0), chain.Events[^1]);
        chain.Runtime.State.ClearEvents();
        Assert.Null(Close(chain, hash, 0));
        Assert.Equal(
            new RuntimeEvent[]
            {
                new CollectiveEvent.Closed(hash, 2, 0),
                new CollectiveEvent.Approved(hash),
                new MembershipEvent.MemberAdded(ModuleIndex.SenateMembers),
                new SubtensorEvent.Sudid(true),
                new CollectiveEvent.Executed(hash, null),
            },
            chain.Events.ToArray());
        Assert.Contains(Account(50), Gov(chain).SenateMembers.Members);
        Assert.Empty(Gov(chain).Proposals.Get());
        Assert.False(Gov(chain).Voting.Contains(hash));
        Assert.False(Gov(chain).ProposalOf.Contains(hash));
    }

    [Fact]
    public void MotionWithTooManyNaysIsRejectedEarly()
    {
        var chain = NewGovernedChain();
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        Assert.Null(Vote(chain, 1, hash, 0, false));
        AssertFailsUnchanged(chain, () => Close(chain, hash, 0), "TooEarly");
        Assert.Null(Vote(chain, 2, hash, 0, false));
        chain.Runtime.State.ClearEvents();

        // Rejection does not look at the length bound.
        Assert.Null(Close(chain, hash, 0, lengthBound: 0));
        Assert.Equal(new RuntimeEvent[] { new CollectiveEvent.Closed(hash, 0, 2), new CollectiveEvent.Disapproved(hash) }, chain.Events.ToArray());
        Assert.DoesNotContain(Account(50), Gov(chain).SenateMembers.Members);
        Assert.Empty(Gov(chain).Proposals.Get());
    }

    [Fact]
    public void AfterTheEndAbstentionsCountAsNayWithoutAPrime()
    {
        var chain = NewGovernedChain();
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        Assert.Null(Vote(chain, 1, hash, 0, true));
        chain.SetBlock(3600);
        AssertFailsUnchanged(chain, () => Close(chain, hash, 0), "TooEarly");
        chain.SetBlock(3601);
        chain.Runtime.State.ClearEvents();
        Assert.Null(Close(chain, hash, 0));
        Assert.Equal(new RuntimeEvent[] { new CollectiveEvent.Closed(hash, 1, 2), new CollectiveEvent.Disapproved(hash) }, chain.Events.ToArray());
    }

    [Fact]
    public void APrimeVotingAyeTurnsAbstentionsIntoAyes()
    {
        // Senator 1 is also a triumvir and the prime.
        var chain = NewGovernedChain([Senator(1), Account(200)]);
        Assert.Null(chain.Root(new MembershipCall.SetPrime(ModuleIndex.TriumvirateMembers, Senator(1))));
        Assert.Equal(Senator(1), Gov(chain).CollectivePrime);
        var hash = Propose(chain, AddSenatorMotion(Account(50)), duration: 4000);
        Assert.Null(Vote(chain, 1, hash, 0, true));
        chain.SetBlock(4001);
        chain.Runtime.State.ClearEvents();
        Assert.Null(Close(chain, hash, 0));
        Assert.Equal(new CollectiveEvent.Closed(hash, 3, 0), chain.Events[0]);
        Assert.Equal(new CollectiveEvent.Executed(hash, null), chain.Events[^1]);
        Assert.Contains(Account(50), Gov(chain).SenateMembers.Members);
    }

    [Fact]
    public void ATriumvirateChangeClearsThePrime()
    {
        var chain = NewGovernedChain([Senator(1), Account(200)]);
        Assert.Null(chain.Root(new MembershipCall.SetPrime(ModuleIndex.TriumvirateMembers, Senator(1))));
        Assert.Null(chain.Root(new MembershipCall.AddMember(ModuleIndex.TriumvirateMembers, Account(202))));
        Assert.Null(Gov(chain).CollectivePrime);
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        Assert.Null(Vote(chain, 1, hash, 0, true));
        chain.SetBlock(5000);
        Assert.Null(Close(chain, hash, 0));
        Assert.IsType<CollectiveEvent.Disapproved>(chain.Events[^1]);
    }

    [Fact]
    public void CloseChecksMotionIndexAndLength()
    {
        var chain = NewGovernedChain();
        var proposal = AddSenatorMotion(Account(50));
        var hash = Propose(chain, proposal);
        AssertFailsUnchanged(chain, () => Close(chain, Hash32.Of([1, 2, 3]), 0), "ProposalMissing");
        AssertFailsUnchanged(chain, () => Close(chain, hash, 1), "WrongIndex");
        AssertFailsUnchanged(chain, () => chain.Root(new TriumvirateCall.Close(hash, 0, 0, 1000)), "BadOrigin");
        Assert.Null(Vote(chain, 1, hash, 0, true));
        Assert.Null(Vote(chain, 2, hash, 0, true));
        var len = (uint)proposal.ToBytes().Length;
        AssertFailsUnchanged(chain, () => Close(chain, hash, 0, len - 1), "WrongProposalLength");
        Assert.Null(Close(chain, hash, 0, len));
    }

    [Fact]
    public void AFailingProposalStillClosesAndReportsTheError()
    {
        var chain = NewGovernedChain();
        var hash = Propose(chain, AddSenatorMotion(Senator(3)));
        Assert.Null(Vote(chain, 1, hash, 0, true));
        Assert.Null(Vote(chain, 2, hash, 0, true));
        chain.Runtime.State.ClearEvents();
        Assert.Null(Close(chain, hash, 0));
        var executed = Assert.IsType<CollectiveEvent.Executed>(chain.Events[^1]);
        Assert.Equal("AlreadyMember", executed.Result?.Name);
        Assert.Equal(ModuleIndex.SenateMembers, executed.Result?.ModuleIndex);
        Assert.Empty(chain.Events.OfType<SubtensorEvent.Sudid>());
        Assert.Empty(Gov(chain).Proposals.Get());
    }

    [Fact]
    public void DisapproveProposalIsRootOnly()
    {
        var chain = NewGovernedChain();
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        AssertFailsUnchanged(chain, () => chain.Signed(Triumvir, new TriumvirateCall.DisapproveProposal(hash)), "BadOrigin");
        Assert.Null(chain.Root(new TriumvirateCall.DisapproveProposal(hash)));
        Assert.Equal(new CollectiveEvent.Disapproved(hash), chain.Events[^1]);
        Assert.Empty(Gov(chain).Proposals.Get());
        Assert.False(Gov(chain).Voting.Contains(hash));
        Assert.Equal(1u, Gov(chain).ProposalCount.Get());
    }

    [Fact]
    public void VoteChecksInOrderAndTracksFirstVotes()
    {
        var chain = NewGovernedChain();
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        AssertFailsUnchanged(chain, () => chain.Signed(Account(9), new SubtensorCall.Vote(Senator(1), hash, 0, true)), "NonAssociatedColdKey");
        chain.Runtime.Subtensor.CreateAccountIfNonExistent(Account(9), Account(8));
        AssertFailsUnchanged(chain, () => chain.Signed(Account(9), new SubtensorCall.Vote(Account(8), hash, 0, true)), "NotSenateMember");
        AssertFailsUnchanged(chain, () => chain.Root(new SubtensorCall.Vote(Senator(1), hash, 0, true)), "BadOrigin");
        AssertFailsUnchanged(chain, () => Vote(chain, 1, Hash32.Of([9]), 0, true), "ProposalMissing");
        AssertFailsUnchanged(chain, () => Vote(chain, 1, hash, 5, true), "WrongIndex");
        Assert.True(Gov(chain).IsFirstVote(Senator(1), hash));
        Assert.Null(Vote(chain, 1, hash, 0, true));
        Assert.False(Gov(chain).IsFirstVote(Senator(1), hash));
        Assert.False(Gov(chain).IsFirstVote(Senator(1), Hash32.Of([9])));
        AssertFailsUnchanged(chain, () => Vote(chain, 1, hash, 0, true), "DuplicateVote");
        Assert.Null(Vote(chain, 1, hash, 0, false));
        Assert.Equal(new CollectiveEvent.Voted(Senator(1), hash, false, 0, 1), chain.Events[^1]);
        AssertFailsUnchanged(chain, () => Vote(chain, 1, hash, 0, false), "DuplicateVote");

        // Votes after the end are accepted.
        chain.SetBlock(100_000);
        Assert.Null(Vote(chain, 2, hash, 0, false));
    }

    [Fact]
    public void SubtensorSudoNeedsAStrictMajority()
    {
        var chain = NewGovernedChain();
        var call = AddSenatorMotion(Account(50));
        AssertFailsUnchanged(chain, () => chain.Root(call), "BadOrigin");
        AssertFailsUnchanged(chain, () => chain.Signed(SudoKey, call), "BadOrigin");
        AssertFailsUnchanged(chain, () => chain.Dispatch(new CollectiveOrigin(1, 2), call), "BadOrigin");
        AssertFailsUnchanged(chain, () => chain.Dispatch(new CollectiveOrigin(2, 3), AddSenatorMotion(Senator(1))), "AlreadyMember");
        Assert.Null(chain.Dispatch(new CollectiveOrigin(2, 3), call));
        Assert.Equal(new SubtensorEvent.Sudid(true), chain.Events[^1]);
        Assert.Contains(Account(50), Gov(chain).SenateMembers.Members);
    }
}
