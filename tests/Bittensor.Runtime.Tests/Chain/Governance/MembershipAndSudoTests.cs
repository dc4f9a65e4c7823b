using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Governance;
using static Bittensor.Runtime.Tests.Chain.Governance.GovernanceFixture;
using static Bittensor.Runtime.Tests.Chain.Root.RootFixture;
using static Bittensor.Runtime.Tests.Chain.TestChain;

namespace Bittensor.Runtime.Tests.Chain.Governance;

public sealed class MembershipAndSudoTests
{
    private const byte Tri = ModuleIndex.TriumvirateMembers;
    private const byte Senate = ModuleIndex.SenateMembers;

    [Fact]
    public void MembershipCallsAreRootOnlyAndBounded()
    {
        var chain = NewGovernedChain();
        AssertFailsUnchanged(chain, () => chain.Signed(SudoKey, new MembershipCall.AddMember(Tri, Account(9))), "BadOrigin");
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.AddMember(Tri, Account(9))), "TooManyMembers");
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.AddMember(Tri, Account(200))), "AlreadyMember");
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.RemoveMember(Tri, Account(9))), "NotMember");
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.SwapMember(Tri, Account(9), Account(10))), "NotMember");
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.SwapMember(Tri, Account(200), Account(201))), "AlreadyMember");
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.SetPrime(Tri, Account(9))), "NotMember");

        for (var i = 4; i <= 12; i++)
        {
            Assert.Null(chain.Root(new MembershipCall.AddMember(Senate, Account(i))));
        }

        Assert.Equal(12, Gov(chain).SenateMembers.Members.Count);
        AssertFailsUnchanged(chain, () => chain.Root(new MembershipCall.AddMember(Senate, Account(13))), "TooManyMembers");
        AssertFailsUnchanged(
            chain,
            () => chain.Root(new MembershipCall.ResetMembers(Senate, Enumerable.Range(20, 13).Select(Account).ToArray())),
            "TooManyMembers");
    }

    [Fact]
    public void TriumvirateChangesUpdateTheCollective()
    {
        var chain = NewGovernedChain();
        Assert.Null(chain.Root(new MembershipCall.SwapMember(Tri, Account(201), Account(203))));
        Assert.Equal(new MembershipEvent.MembersSwapped(Tri), chain.Events[^1]);
        Assert.Equal([Account(200), Account(202), Account(203)], Gov(chain).CollectiveMembers);
        AssertFailsUnchanged(chain, () => chain.Signed(Account(201), new TriumvirateCall.Propose(AddSenatorMotion(Account(50)), 1000, 3600)), "NotMember");
        Assert.Null(chain.Root(new MembershipCall.RemoveMember(Tri, Account(203))));
        Assert.Null(chain.Root(new MembershipCall.ResetMembers(Tri, [Account(205), Account(204)])));
        Assert.Equal(new MembershipEvent.MembersReset(Tri), chain.Events[^1]);
        Assert.Equal([Account(204), Account(205)], Gov(chain).CollectiveMembers);
    }

    [Fact]
    public void OutgoingMembersLoseTheirVotes()
    {
        // Senator 1 is also a triumvir.
        var chain = NewGovernedChain([Senator(1), Account(200)]);
        var hash = Propose(chain, AddSenatorMotion(Account(50)));
        Assert.Null(Vote(chain, 1, hash, 0, true));
        Assert.Null(Vote(chain, 2, hash, 0, false));
        Assert.Null(chain.Root(new MembershipCall.RemoveMember(Tri, Senator(1))));
        Assert.Empty(Gov(chain).Voting.Get(hash).Ayes);
        Assert.Null(chain.Root(new MembershipCall.RemoveMember(Senate, Senator(2))));
        Assert.Empty(Gov(chain).Voting.Get(hash).Nays);
    }

    [Fact]
    public void ChangeKeyMovesMembershipAndPrime()
    {
        var chain = NewGovernedChain();
        Assert.Null(chain.Root(new MembershipCall.SetPrime(Tri, Account(200))));
        AssertFailsUnchanged(chain, () => chain.Signed(Account(9), new MembershipCall.ChangeKey(Tri, Account(10))), "NotMember");
        AssertFailsUnchanged(chain, () => chain.Signed(Account(200), new MembershipCall.ChangeKey(Tri, Account(201))), "AlreadyMember");
        Assert.Null(chain.Signed(Account(200), new MembershipCall.ChangeKey(Tri, Account(210))));
        Assert.Equal(new MembershipEvent.KeyChanged(Tri), chain.Events[^1]);
        Assert.Equal([Account(201), Account(202), Account(210)], Gov(chain).TriumvirateMembers.Members);
        Assert.Equal(Account(210), Gov(chain).TriumvirateMembers.Prime);
        Assert.Equal(Account(210), Gov(chain).CollectivePrime);
        Assert.Null(chain.Root(new MembershipCall.ClearPrime(Tri)));
        Assert.Null(Gov(chain).CollectivePrime);
        Assert.Null(Gov(chain).TriumvirateMembers.Prime);
    }

    [Fact]
    public void SudoRunsCallsAsRootForTheKeyOnly()
    {
        var chain = NewGovernedChain();
        var add = new MembershipCall.AddMember(Senate, Account(50));
        AssertFailsUnchanged(chain, () => chain.Signed(Account(9), new SudoCall.Sudo(add)), "RequireSudo");
        AssertFailsUnchanged(chain, () => chain.Root(new SudoCall.Sudo(add)), "BadOrigin");
        Assert.Null(chain.Signed(SudoKey, new SudoCall.Sudo(add)));
        Assert.Equal(new SudoEvent.Sudid(null), chain.Events[^1]);
        Assert.Contains(Account(50), Gov(chain).SenateMembers.Members);

        // A failing inner call: sudo succeeds, the inner call's writes are rolled back, the error is reported.
        var before = Snapshot(chain);
        Assert.Null(chain.Signed(SudoKey, new SudoCall.Sudo(new MembershipCall.AddMember(Senate, Account(50)))));
        var sudid = Assert.IsType<SudoEvent.Sudid>(chain.Events[^1]);
        Assert.Equal("AlreadyMember", sudid.Result?.Name);
        Assert.Equal(before, Snapshot(chain));
    }

    [Fact]
    public void SetKeyHandsTheKeyOver()
    {
        var chain = NewGovernedChain();
        AssertFailsUnchanged(chain, () => chain.Signed(Account(9), new SudoCall.SetKey(Account(9))), "RequireSudo");
        Assert.Null(chain.Signed(SudoKey, new SudoCall.SetKey(Account(251))));
        Assert.Equal(new SudoEvent.KeyChanged(SudoKey), chain.Events[^1]);
        Assert.Equal(Account(251), Gov(chain).SudoKey);
        AssertFailsUnchanged(chain, () => chain.Signed(SudoKey, new SudoCall.Sudo(new MembershipCall.ClearPrime(Tri))), "RequireSudo");
        Assert.Null(chain.Signed(Account(251), new SudoCall.Sudo(new MembershipCall.ClearPrime(Tri))));
    }
}
