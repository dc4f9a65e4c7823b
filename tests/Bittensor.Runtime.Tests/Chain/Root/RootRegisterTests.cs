using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Governance;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Root.RootFixture;
using static Bittensor.Runtime.Tests.Chain.TestChain;

namespace Bittensor.Runtime.Tests.Chain.Root;

public sealed class RootRegisterTests
{
    private static DispatchError? Register(TestChain chain, AccountId coldkey, AccountId hotkey) =>
        chain.Signed(coldkey, new SubtensorCall.RootRegister(hotkey));

    [Fact]
    public void MissingRootNetworkIsReportedBeforeTheOrigin()
    {
        var chain = new TestChain();
        AssertFailsUnchanged(chain, () => chain.Root(new SubtensorCall.RootRegister(Account(1))), "NetworkDoesNotExist");
        var rooted = NewChain();
        AssertFailsUnchanged(rooted, () => rooted.Root(new SubtensorCall.RootRegister(Account(1))), "BadOrigin");
    }

    [Fact]
    public void RegistrationAppendsMakesADelegateAndASenator()
    {
        var chain = NewChain();
        var s = M(chain).S;
        var (cold, hot) = (Account(1), Account(2));
        Assert.Null(Register(chain, cold, hot));
        Assert.Equal(cold, s.Owner.Get(hot));
        Assert.True(s.Stake.Contains(hot, cold));
        Assert.Equal((ushort)0, s.Uids.Get(0, hot));
        Assert.Equal(1, s.SubnetworkN.Get(0));
        Assert.True(s.IsNetworkMember.Get(hot, 0));
        Assert.Equal(SubtensorModule.RootDelegateTake, s.Delegates.Get(hot));
        Assert.True(s.Delegates.Contains(hot));
        Assert.Equal(1, s.RegistrationsThisBlock.Get(0));
        Assert.Equal(1, s.RegistrationsThisInterval.Get(0));
        Assert.Equal([hot], chain.Runtime.Governance.SenateMembers.Members);
        Assert.Equal(
            new RuntimeEvent[] { new MembershipEvent.MemberAdded(ModuleIndex.SenateMembers), new SubtensorEvent.NeuronRegistered(0, 0, hot) },
            chain.Events.Where(e => e is MembershipEvent or SubtensorEvent).ToArray());
    }

    [Fact]
    public void ChecksRunInOrder()
    {
        var chain = NewChain();
        var s = M(chain).S;
        Assert.Null(Register(chain, Account(1), Account(2)));
        AssertFailsUnchanged(chain, () => Register(chain, Account(1), Account(3)), "TooManyRegistrationsThisBlock");
        s.RegistrationsThisBlock.Set(0, 0);
        s.RegistrationsThisInterval.Set(0, 3);
        AssertFailsUnchanged(chain, () => Register(chain, Account(1), Account(3)), "TooManyRegistrationsThisInterval");
        s.RegistrationsThisInterval.Set(0, 2);
        AssertFailsUnchanged(chain, () => Register(chain, Account(1), Account(2)), "AlreadyRegistered");
        Assert.Null(Register(chain, Account(1), Account(3)));
    }

    [Fact]
    public void AnyoneMayRegisterAnExistingHotkeyWhichKeepsItsOwnerAndTake()
    {
        var chain = NewChain();
        var s = M(chain).S;
        var (owner, hot) = (Account(1), Account(2));
        M(chain).CreateAccountIfNonExistent(owner, hot);
        s.Delegates.Set(hot, 6000);
        Assert.Null(Register(chain, Account(9), hot));
        Assert.Equal(owner, s.Owner.Get(hot));
        Assert.False(s.Stake.Contains(hot, Account(9)));
        Assert.Equal((ushort)6000, s.Delegates.Get(hot));
    }

    [Fact]
    public void FullRootReplacesTheLowestStakeOrRefuses()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var s = M(chain).S;
        s.MaxAllowedUids.Set(0, 2);
        Stake(chain, Account(11), Account(1), 50);
        Stake(chain, Account(12), Account(2), 50);
        Assert.Null(Register(chain, Account(11), Account(1)));
        Assert.Null(Register(chain, Account(12), Account(2)));

        Stake(chain, Account(13), Account(3), 50);
        AssertFailsUnchanged(chain, () => Register(chain, Account(13), Account(3)), "StakeTooLowForRoot");

        // Among equal lowest stakes the lowest uid is replaced; the replaced hotkey, on no other network, is unstaked.
        M(chain).IncreaseStake(Account(13), Account(3), 10);
        chain.Fund(Account(11), 1_000);
        var coldBefore = chain.Runtime.Balances.Free(Account(11));
        Assert.Null(Register(chain, Account(13), Account(3)));
        Assert.Equal((ushort)0, s.Uids.Get(0, Account(3)));
        Assert.Equal(Account(3), s.Keys.Get(0, 0));
        Assert.False(s.Uids.Contains(0, Account(1)));
        Assert.Equal(0UL, s.TotalHotkeyStake.Get(Account(1)));
        Assert.Equal(coldBefore + 50, chain.Runtime.Balances.Free(Account(11)));
        Assert.Equal(2, s.SubnetworkN.Get(0));
        Assert.Equal(new SubtensorEvent.NeuronRegistered(0, 0, Account(3)), chain.Events[^1]);
    }

    [Fact]
    public void FullSenateSwapsOutTheLowestStakeAndItsVotes()
    {
        var chain = NewChain();
        LiftLimits(chain);
        var gov = chain.Runtime.Governance;
        var s = M(chain).S;
        var triumvir = Account(200);
        gov.InitializeGenesis(null, [triumvir], []);

        // Twelve senators; hotkeys 5 and 9 share the lowest stake (100), the rest hold 1000 + i.
        for (var i = 1; i <= 12; i++)
        {
            var stake = i is 5 or 9 ? 100UL : 1000UL + (ulong)i;
            Stake(chain, Account(100 + i), Account(i), stake);
            Assert.Null(Register(chain, Account(100 + i), Account(i)));
        }

        Assert.Equal(12, gov.SenateMembers.Members.Count);

        // Hotkey 9 votes on an open motion.
        var proposal = new SubtensorCall.Sudo(new MembershipCall.AddMember(ModuleIndex.SenateMembers, Account(99)));
        Assert.Null(chain.Signed(triumvir, new TriumvirateCall.Propose(proposal, 1000, 3600)));
        var hash = Hash32.Of(proposal.ToBytes());
        Assert.Null(chain.Signed(Account(109), new SubtensorCall.Vote(Account(9), hash, 0, true)));
        Assert.Null(chain.Signed(Account(105), new SubtensorCall.Vote(Account(5), hash, 0, false)));

        // Equal stake to the lowest: registered on root, no senate change.
        Stake(chain, Account(113), Account(13), 100);
        Assert.Null(Register(chain, Account(113), Account(13)));
        Assert.DoesNotContain(Account(13), gov.SenateMembers.Members);

        // More stake: the lowest member latest in account order (hotkey 9) is swapped out, and its vote withdrawn.
        Stake(chain, Account(114), Account(14), 101);
        chain.Runtime.State.ClearEvents();
        Assert.Null(Register(chain, Account(114), Account(14)));
        var members = gov.SenateMembers.Members;
        Assert.Contains(Account(14), members);
        Assert.DoesNotContain(Account(9), members);
        Assert.Contains(Account(5), members);
        Assert.Equal(12, members.Count);
        Assert.Equal(
            new RuntimeEvent[] { new MembershipEvent.MembersSwapped(ModuleIndex.SenateMembers), new SubtensorEvent.NeuronRegistered(0, 13, Account(14)) },
            chain.Events.Where(e => e is MembershipEvent or SubtensorEvent).ToArray());
        var votes = gov.Voting.Get(hash);
        Assert.Empty(votes.Ayes);
        Assert.Equal([Account(5)], votes.Nays);
        Assert.True(s.Uids.Contains(0, Account(9)));
    }

    [Fact]
    public void ASenatorAlreadyInTheSenateAbortsTheRegistration()
    {
        var chain = NewChain();
        Assert.Null(chain.Root(new MembershipCall.AddMember(ModuleIndex.SenateMembers, Account(2))));
        AssertFailsUnchanged(chain, () => Register(chain, Account(1), Account(2)), "AlreadyMember");
    }
}
