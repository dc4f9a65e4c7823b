using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Staking.ChainSetup;

namespace Bittensor.Runtime.Tests.Chain.Staking;

/// <summary><c>add_stake</c> (chain spec §3.4): each check in the reference's order, then the effects.</summary>
public sealed class AddStakeTests
{
    private static readonly Primitives.Accounts.AccountId Cold = TestChain.Account(1);
    private static readonly Primitives.Accounts.AccountId Hot = TestChain.Account(2);
    private static readonly Primitives.Accounts.AccountId Nominator = TestChain.Account(3);
    private static readonly Primitives.Accounts.AccountId Stranger = TestChain.Account(9);

    private static TestChain Chain()
    {
        var chain = new TestChain();
        chain.SetBlock(1);
        OwnHotkey(chain, Cold, Hot);
        chain.Fund(Cold, 1_000_000);
        chain.Fund(Nominator, 1_000_000);
        return chain;
    }

    private static SubtensorModule M(TestChain chain) => chain.Runtime.Subtensor;

    [Fact]
    public void Check1_AmountAboveTransferable_NotEnoughBalanceToStake_BeforeOwnerChecks()
    {
        var chain = Chain();

        // The hotkey is unknown too: the balance check comes first.
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Stranger, 1_000_001), SubtensorError.NotEnoughBalanceToStake);
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 1_000_001), SubtensorError.NotEnoughBalanceToStake);
    }

    [Fact]
    public void Check2_UnknownHotkey_NotRegistered()
    {
        var chain = Chain();
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Stranger, 10), SubtensorError.NotRegistered);
    }

    [Fact]
    public void Check3_NominatingANonDelegate_NonAssociatedColdKey()
    {
        var chain = Chain();
        AssertFails(chain, Nominator, new SubtensorCall.AddStake(Hot, 10), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void Check4_SecondOperationInTheInterval_StakeRateLimitExceeded_UntilTheIntervalEnds()
    {
        var chain = Chain();
        chain.SetBlock(1_000);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 10));
        Assert.Equal((1UL, 1_000UL), M(chain).S.TotalHotkeyColdkeyStakesThisInterval.Get(Cold, Hot));

        chain.SetBlock(1_359);
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 10), SubtensorError.StakeRateLimitExceeded);

        // Measured from the last operation: last + 360 <= b resets the counter.
        chain.SetBlock(1_360);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 10));
        Assert.Equal((1UL, 1_360UL), M(chain).S.TotalHotkeyColdkeyStakesThisInterval.Get(Cold, Hot));
        Assert.Equal(20UL, M(chain).GetStakeForColdkeyAndHotkey(Cold, Hot));
    }

    [Fact]
    public void Check4_CounterIsPerColdkeyHotkeyPair_AndFollowsTheTarget()
    {
        var chain = Chain();
        var hot2 = TestChain.Account(5);
        OwnHotkey(chain, Cold, hot2);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 10));
        AssertOk(chain, Cold, new SubtensorCall.AddStake(hot2, 10));

        M(chain).S.TargetStakesPerInterval.Set(2);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 10));
        Assert.Equal((2UL, 1UL), M(chain).S.TotalHotkeyColdkeyStakesThisInterval.Get(Cold, Hot));
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 10), SubtensorError.StakeRateLimitExceeded);
    }

    [Fact]
    public void Check4_BeforeNominatorMinimum()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 11_796);
        AssertOk(chain, Nominator, new SubtensorCall.AddStake(Hot, 100));
        M(chain).S.NominatorMinRequiredStake.Set(1_000_000_000);
        AssertFails(chain, Nominator, new SubtensorCall.AddStake(Hot, 100), SubtensorError.StakeRateLimitExceeded);
    }

    [Fact]
    public void Check5_NominationBelowMinimum_NomStakeBelowMinimumThreshold_OwnerExempt()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 11_796);
        M(chain).S.NominatorMinRequiredStake.Set(1_000);

        AssertFails(chain, Nominator, new SubtensorCall.AddStake(Hot, 999), SubtensorError.NomStakeBelowMinimumThreshold);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 1));
        AssertOk(chain, Nominator, new SubtensorCall.AddStake(Hot, 1_000));
        Assert.Equal(1_000UL, M(chain).GetStakeForColdkeyAndHotkey(Nominator, Hot));
        Assert.Equal(1UL, M(chain).GetStakeForColdkeyAndHotkey(Cold, Hot));
    }

    [Fact]
    public void Check5_CountsTheExistingNomination()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 11_796);
        M(chain).IncreaseStake(Nominator, Hot, 900);
        M(chain).S.NominatorMinRequiredStake.Set(1_000);
        AssertFails(chain, Nominator, new SubtensorCall.AddStake(Hot, 99), SubtensorError.NomStakeBelowMinimumThreshold);
        AssertOk(chain, Nominator, new SubtensorCall.AddStake(Hot, 100));
        Assert.Equal(1_000UL, M(chain).GetStakeForColdkeyAndHotkey(Nominator, Hot));
    }

    [Fact]
    public void Check6_NothingAboveTheExistentialDeposit_BalanceWithdrawalError()
    {
        var chain = new TestChain();
        chain.SetBlock(1);
        OwnHotkey(chain, Cold, Hot);
        chain.Fund(Cold, 500);

        // 500 <= transferable 500 passes the pre-check, but keep-alive leaves nothing to take.
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 500), SubtensorError.BalanceWithdrawalError);
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 1), SubtensorError.BalanceWithdrawalError);
    }

    [Fact]
    public void StakingTheWholeBalance_MovesBalanceMinusExistentialDeposit()
    {
        var chain = new TestChain();
        chain.SetBlock(7);
        OwnHotkey(chain, Cold, Hot);
        chain.Fund(Cold, 10_000);
        var issuance = M(chain).S.TotalIssuance.Get();
        chain.Runtime.State.ClearEvents();

        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 10_000));

        Assert.Equal(500UL, chain.Runtime.Balances.Free(Cold));
        Assert.Equal(9_500UL, M(chain).GetStakeForColdkeyAndHotkey(Cold, Hot));
        Assert.Equal(9_500UL, M(chain).GetTotalStakeForHotkey(Hot));
        Assert.Equal(9_500UL, M(chain).GetTotalStakeForColdkey(Cold));
        Assert.Equal(9_500UL, M(chain).S.TotalStake.Get());
        Assert.Equal(issuance, M(chain).S.TotalIssuance.Get());
        Assert.Equal(500UL, chain.Runtime.Balances.TotalIssuance.Get());
        Assert.Equal(7UL, M(chain).S.LastTxBlock.Get(Cold));
        Assert.Equal((1UL, 7UL), M(chain).S.TotalHotkeyColdkeyStakesThisInterval.Get(Cold, Hot));
        Assert.Equal(new SubtensorEvent.StakeAdded(Hot, 9_500), Assert.Single(chain.Events));
        Assert.True(M(chain).HasEnoughStake(Cold, Hot, 9_500));
        Assert.False(M(chain).HasEnoughStake(Cold, Hot, 9_501));
    }

    [Fact]
    public void Nomination_OnDelegate_CreditsTheNominator()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 11_796);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 300));
        AssertOk(chain, Nominator, new SubtensorCall.AddStake(Hot, 200));

        Assert.Equal(300UL, M(chain).GetStakeForColdkeyAndHotkey(Cold, Hot));
        Assert.Equal(200UL, M(chain).GetStakeForColdkeyAndHotkey(Nominator, Hot));
        Assert.Equal(500UL, M(chain).GetTotalStakeForHotkey(Hot));
        Assert.Equal(200UL, M(chain).GetTotalStakeForColdkey(Nominator));
        Assert.Equal(999_800UL, chain.Runtime.Balances.Free(Nominator));
    }

    [Fact]
    public void ZeroAmount_IsAllowed_MovesNothing_AndCountsAsTheOperation()
    {
        var chain = Chain();
        chain.Runtime.State.ClearEvents();
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 0));
        Assert.Equal(new SubtensorEvent.StakeAdded(Hot, 0), Assert.Single(chain.Events));
        Assert.Equal(1_000_000UL, chain.Runtime.Balances.Free(Cold));
        Assert.Equal(0UL, M(chain).S.TotalStake.Get());
        AssertFails(chain, Cold, new SubtensorCall.AddStake(Hot, 0), SubtensorError.StakeRateLimitExceeded);
    }

    [Fact]
    public void RootOrigin_IsBadOrigin()
    {
        var chain = Chain();
        Assert.Equal(Framework.DispatchError.BadOrigin, chain.Root(new SubtensorCall.AddStake(Hot, 10)));
    }
}
