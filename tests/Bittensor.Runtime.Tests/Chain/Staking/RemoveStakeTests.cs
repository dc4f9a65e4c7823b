using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Staking.ChainSetup;

namespace Bittensor.Runtime.Tests.Chain.Staking;

/// <summary><c>remove_stake</c> (chain spec §3.4): each check in the reference's order, the nominator minimum, then the effects.</summary>
public sealed class RemoveStakeTests
{
    private static readonly AccountId Cold = TestChain.Account(1);
    private static readonly AccountId Hot = TestChain.Account(2);
    private static readonly AccountId Nominator = TestChain.Account(3);
    private static readonly AccountId Stranger = TestChain.Account(9);

    /// <summary>Hot is a delegate owned by Cold; Cold holds 5 000 and Nominator 3 000 on it.</summary>
    private static TestChain Chain()
    {
        var chain = new TestChain();
        chain.SetBlock(1);
        OwnHotkey(chain, Cold, Hot);
        chain.Fund(Cold, 1_000_000);
        chain.Fund(Nominator, 1_000_000);
        var m = chain.Runtime.Subtensor;
        m.S.Delegates.Set(Hot, 11_796);
        m.IncreaseStake(Cold, Hot, 5_000);
        m.IncreaseStake(Nominator, Hot, 3_000);
        return chain;
    }

    private static SubtensorModule M(TestChain chain) => chain.Runtime.Subtensor;

    [Fact]
    public void Check1_UnknownHotkey_NotRegistered()
    {
        var chain = Chain();
        AssertFails(chain, Cold, new SubtensorCall.RemoveStake(Stranger, 0), SubtensorError.NotRegistered);
    }

    [Fact]
    public void Check2_NonDelegateNotOwned_NonAssociatedColdKey()
    {
        var chain = Chain();
        M(chain).S.Delegates.Remove(Hot);
        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 0), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void Check3_ZeroAmount_NotEnoughStaketoWithdraw()
    {
        var chain = Chain();
        AssertFails(chain, Cold, new SubtensorCall.RemoveStake(Hot, 0), SubtensorError.NotEnoughStaketoWithdraw);
    }

    [Fact]
    public void Check4_MoreThanStaked_NotEnoughStaketoWithdraw_BeforeRateLimit()
    {
        var chain = Chain();
        AssertOk(chain, Cold, new SubtensorCall.RemoveStake(Hot, 1));
        AssertFails(chain, Cold, new SubtensorCall.RemoveStake(Hot, 5_000), SubtensorError.NotEnoughStaketoWithdraw);
    }

    [Fact]
    public void Check5_SharesTheCounterWithAddStake_UnstakeRateLimitExceeded()
    {
        var chain = Chain();
        chain.SetBlock(500);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 10));
        chain.SetBlock(859);
        AssertFails(chain, Cold, new SubtensorCall.RemoveStake(Hot, 10), SubtensorError.UnstakeRateLimitExceeded);
        chain.SetBlock(860);
        AssertOk(chain, Cold, new SubtensorCall.RemoveStake(Hot, 10));
        chain.SetBlock(861);
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 10), SubtensorError.StakeRateLimitExceeded);
    }

    [Fact]
    public void Check5_BeforeNominatorMinimum()
    {
        var chain = Chain();
        AssertOk(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 1));
        M(chain).S.NominatorMinRequiredStake.Set(1_000_000);
        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 1), SubtensorError.UnstakeRateLimitExceeded);
    }

    [Fact]
    public void Check6_NominatorCanNeverGoBelowTheMinimum_NotEvenToZero()
    {
        var chain = Chain();
        M(chain).S.NominatorMinRequiredStake.Set(1_000);

        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 2_001), SubtensorError.NomStakeBelowMinimumThreshold);
        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 3_000), SubtensorError.NomStakeBelowMinimumThreshold);
        AssertOk(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 2_000));
        Assert.Equal(1_000UL, M(chain).GetStakeForColdkeyAndHotkey(Nominator, Hot));

        chain.SetBlock(1 + 360);
        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 1), SubtensorError.NomStakeBelowMinimumThreshold);
        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 1_000), SubtensorError.NomStakeBelowMinimumThreshold);
        Assert.Equal(1_000UL, M(chain).GetStakeForColdkeyAndHotkey(Nominator, Hot));
    }

    [Fact]
    public void Check6_OwnerIsExempt_AndMayExitFully()
    {
        var chain = Chain();
        M(chain).S.NominatorMinRequiredStake.Set(1_000_000);
        AssertOk(chain, Cold, new SubtensorCall.RemoveStake(Hot, 5_000));
        Assert.Equal(0UL, M(chain).GetStakeForColdkeyAndHotkey(Cold, Hot));
        Assert.True(M(chain).S.Stake.Contains(Hot, Cold));
    }

    [Fact]
    public void Effects_DepositBack_Counters_LastTxBlock_Event()
    {
        var chain = Chain();
        chain.SetBlock(42);
        var issuance = M(chain).S.TotalIssuance.Get();

        AssertOk(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 1_200));

        Assert.Equal(1_001_200UL, chain.Runtime.Balances.Free(Nominator));
        Assert.Equal(1_800UL, M(chain).GetStakeForColdkeyAndHotkey(Nominator, Hot));
        Assert.Equal(6_800UL, M(chain).GetTotalStakeForHotkey(Hot));
        Assert.Equal(1_800UL, M(chain).GetTotalStakeForColdkey(Nominator));
        Assert.Equal(6_800UL, M(chain).S.TotalStake.Get());
        Assert.Equal(issuance, M(chain).S.TotalIssuance.Get());
        Assert.Equal(42UL, M(chain).S.LastTxBlock.Get(Nominator));
        Assert.Equal((1UL, 42UL), M(chain).S.TotalHotkeyColdkeyStakesThisInterval.Get(Nominator, Hot));
        Assert.Equal(new SubtensorEvent.StakeRemoved(Hot, 1_200), chain.Events[^1]);
    }

    [Fact]
    public void NominatorOfAFormerDelegate_CannotUnstake()
    {
        var chain = Chain();
        M(chain).S.Delegates.Remove(Hot);
        AssertFails(chain, Nominator, new SubtensorCall.RemoveStake(Hot, 10), SubtensorError.NonAssociatedColdKey);
        AssertOk(chain, Cold, new SubtensorCall.RemoveStake(Hot, 10));
    }

    [Fact]
    public void UnstakeBelowExistentialDepositIntoEmptyAccount_IsLost_AndLeavesTheIssuance()
    {
        var chain = Chain();
        var empty = TestChain.Account(7);
        M(chain).IncreaseStake(empty, Hot, 1_000);
        M(chain).S.TotalIssuance.Set(M(chain).S.TotalIssuance.Get() + 1_000);
        var issuance = M(chain).S.TotalIssuance.Get();

        AssertOk(chain, empty, new SubtensorCall.RemoveStake(Hot, 400));

        Assert.Equal(0UL, chain.Runtime.Balances.Free(empty));
        Assert.Equal(600UL, M(chain).GetStakeForColdkeyAndHotkey(empty, Hot));
        Assert.Equal(issuance - 400, M(chain).S.TotalIssuance.Get());
        Assert.Equal(new SubtensorEvent.StakeRemoved(Hot, 400), chain.Events[^1]);

        chain.SetBlock(1 + 360);
        AssertOk(chain, empty, new SubtensorCall.RemoveStake(Hot, 600));
        Assert.Equal(600UL, chain.Runtime.Balances.Free(empty));
        Assert.Equal(issuance - 400, M(chain).S.TotalIssuance.Get());
    }
}
