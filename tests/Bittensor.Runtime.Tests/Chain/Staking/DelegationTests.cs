using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Staking.ChainSetup;

namespace Bittensor.Runtime.Tests.Chain.Staking;

/// <summary><c>become_delegate</c>, <c>decrease_take</c>, <c>increase_take</c> (chain spec §3.2–3.3) and the shared <c>LastTxBlock</c> (§11 item 18).</summary>
public sealed class DelegationTests
{
    private static readonly AccountId Cold = TestChain.Account(1);
    private static readonly AccountId Hot = TestChain.Account(2);
    private static readonly AccountId Other = TestChain.Account(3);
    private static readonly AccountId Stranger = TestChain.Account(9);

    private static TestChain Chain()
    {
        var chain = new TestChain();
        chain.SetBlock(1);
        OwnHotkey(chain, Cold, Hot);
        chain.Fund(Cold, 1_000_000);
        return chain;
    }

    private static SubtensorModule M(TestChain chain) => chain.Runtime.Subtensor;

    // ---- become_delegate ----

    [Fact]
    public void BecomeDelegate_Check1_UnknownHotkey_NotRegistered()
    {
        var chain = Chain();
        AssertFails(chain, Cold, new SubtensorCall.BecomeDelegate(Stranger), SubtensorError.NotRegistered);
    }

    [Fact]
    public void BecomeDelegate_Check1_NotTheOwner_NonAssociatedColdKey()
    {
        var chain = Chain();
        AssertFails(chain, Other, new SubtensorCall.BecomeDelegate(Hot), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void BecomeDelegate_Check2_AlreadyDelegate_BeforeRateLimit()
    {
        var chain = Chain();
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));
        AssertFails(chain, Cold, new SubtensorCall.BecomeDelegate(Hot), SubtensorError.AlreadyDelegate);
    }

    [Fact]
    public void BecomeDelegate_Check3_TxRateLimit_PerColdkey()
    {
        var chain = Chain();
        var hot2 = TestChain.Account(4);
        OwnHotkey(chain, Cold, hot2);
        chain.SetBlock(100);
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));

        // exceeds when b − prev <= 1000.
        chain.SetBlock(1_100);
        AssertFails(chain, Cold, new SubtensorCall.BecomeDelegate(hot2), SubtensorError.TxRateLimitExceeded);
        chain.SetBlock(1_101);
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(hot2));
    }

    [Fact]
    public void BecomeDelegate_Check3_StakingWritesTheSharedLastTxBlock()
    {
        var chain = Chain();
        chain.SetBlock(2_000);
        AssertOk(chain, Cold, new SubtensorCall.AddStake(Hot, 1_000));
        Assert.Equal(2_000UL, M(chain).S.LastTxBlock.Get(Cold));

        chain.SetBlock(3_000);
        AssertFails(chain, Cold, new SubtensorCall.BecomeDelegate(Hot), SubtensorError.TxRateLimitExceeded);
        chain.SetBlock(3_001);
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));
    }

    [Fact]
    public void BecomeDelegate_Check3_RemoveStakeWritesTheSharedLastTxBlock()
    {
        var chain = Chain();
        M(chain).IncreaseStake(Cold, Hot, 1_000);
        chain.SetBlock(5_000);
        AssertOk(chain, Cold, new SubtensorCall.RemoveStake(Hot, 1_000));
        chain.SetBlock(5_500);
        AssertFails(chain, Cold, new SubtensorCall.BecomeDelegate(Hot), SubtensorError.TxRateLimitExceeded);
    }

    [Fact]
    public void BecomeDelegate_Check3_ZeroLimitDisablesIt()
    {
        var chain = Chain();
        M(chain).S.TxRateLimit.Set(0);
        M(chain).S.LastTxBlock.Set(Cold, 1);
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));
    }

    [Fact]
    public void BecomeDelegate_Check4_MaxTakeBelowMinTake_InvalidTake()
    {
        var chain = Chain();
        M(chain).S.MinTake.Set(12_000);
        AssertFails(chain, Cold, new SubtensorCall.BecomeDelegate(Hot), SubtensorError.InvalidTake);
    }

    [Fact]
    public void BecomeDelegate_Effects()
    {
        var chain = Chain();
        chain.SetBlock(77);
        chain.Runtime.State.ClearEvents();
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));
        Assert.Equal((ushort)11_796, M(chain).S.Delegates.Get(Hot));
        Assert.True(M(chain).IsDelegate(Hot));
        Assert.Equal(77UL, M(chain).S.LastTxBlock.Get(Cold));
        Assert.Equal(77UL, M(chain).S.LastTxBlockDelegateTake.Get(Cold));
        Assert.Equal(new SubtensorEvent.DelegateAdded(Cold, Hot, 11_796), Assert.Single(chain.Events));
    }

    [Fact]
    public void BecomeDelegate_UsesTheCurrentMaxTake()
    {
        var chain = Chain();
        M(chain).S.MaxTake.Set(7_000);
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));
        Assert.Equal((ushort)7_000, M(chain).S.Delegates.Get(Hot));
    }

    // ---- decrease_take ----

    [Fact]
    public void DecreaseTake_OwnerChecks()
    {
        var chain = Chain();
        AssertFails(chain, Cold, new SubtensorCall.DecreaseTake(Stranger, 6_000), SubtensorError.NotRegistered);
        AssertFails(chain, Other, new SubtensorCall.DecreaseTake(Hot, 6_000), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void DecreaseTake_NotLower_InvalidTake()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 10_000);
        AssertFails(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 10_000), SubtensorError.InvalidTake);
        AssertFails(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 10_001), SubtensorError.InvalidTake);
    }

    [Fact]
    public void DecreaseTake_BelowMinTake_InvalidTake()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 10_000);
        AssertFails(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 5_897), SubtensorError.InvalidTake);
        AssertOk(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 5_898));
        Assert.Equal((ushort)5_898, M(chain).S.Delegates.Get(Hot));
    }

    [Fact]
    public void DecreaseTake_Effects_NoRateLimitAndNoLastTxBlock()
    {
        var chain = Chain();
        chain.SetBlock(10);
        M(chain).S.Delegates.Set(Hot, 10_000);
        AssertOk(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 9_000));
        AssertOk(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 8_000));
        Assert.Equal((ushort)8_000, M(chain).S.Delegates.Get(Hot));
        Assert.Equal(0UL, M(chain).S.LastTxBlock.Get(Cold));
        Assert.Equal(0UL, M(chain).S.LastTxBlockDelegateTake.Get(Cold));
        Assert.Equal(new SubtensorEvent.TakeDecreased(Cold, Hot, 8_000), chain.Events[^1]);
    }

    [Fact]
    public void DecreaseTake_OnNonDelegate_MakesItADelegate_WithoutUpperBound()
    {
        var chain = Chain();
        AssertOk(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 60_000));
        Assert.Equal((ushort)60_000, M(chain).S.Delegates.Get(Hot));
    }

    // ---- increase_take ----

    [Fact]
    public void IncreaseTake_OwnerChecks()
    {
        var chain = Chain();
        AssertFails(chain, Cold, new SubtensorCall.IncreaseTake(Stranger, 6_000), SubtensorError.NotRegistered);
        AssertFails(chain, Other, new SubtensorCall.IncreaseTake(Hot, 6_000), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void IncreaseTake_NotHigher_InvalidTake_BeforeRateLimit()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 10_000);
        M(chain).S.LastTxBlockDelegateTake.Set(Cold, 1);
        AssertFails(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 10_000), SubtensorError.InvalidTake);
        AssertFails(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 9_999), SubtensorError.InvalidTake);
    }

    [Fact]
    public void IncreaseTake_AboveMaxTake_InvalidTake_BeforeRateLimit()
    {
        var chain = Chain();
        M(chain).S.Delegates.Set(Hot, 10_000);
        M(chain).S.LastTxBlockDelegateTake.Set(Cold, 1);
        AssertFails(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 11_797), SubtensorError.InvalidTake);
    }

    [Fact]
    public void IncreaseTake_RateLimit_TxDelegateTakeRateLimit()
    {
        var chain = Chain();
        chain.SetBlock(10);
        AssertOk(chain, Cold, new SubtensorCall.BecomeDelegate(Hot));
        AssertOk(chain, Cold, new SubtensorCall.DecreaseTake(Hot, 8_000));

        chain.SetBlock(10 + 216_000);
        AssertFails(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 9_000), SubtensorError.TxRateLimitExceeded);
        chain.SetBlock(10 + 216_001);
        AssertOk(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 9_000));
        Assert.Equal(10UL + 216_001, M(chain).S.LastTxBlockDelegateTake.Get(Cold));
        Assert.Equal(10UL, M(chain).S.LastTxBlock.Get(Cold));
        Assert.Equal((ushort)9_000, M(chain).S.Delegates.Get(Hot));
        Assert.Equal(new SubtensorEvent.TakeIncreased(Cold, Hot, 9_000), chain.Events[^1]);

        chain.SetBlock(10 + 216_002);
        AssertFails(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 9_500), SubtensorError.TxRateLimitExceeded);
    }

    [Fact]
    public void IncreaseTake_OnNonDelegate_HasNoMinTakeCheck()
    {
        var chain = Chain();
        AssertOk(chain, Cold, new SubtensorCall.IncreaseTake(Hot, 100));
        Assert.Equal((ushort)100, M(chain).S.Delegates.Get(Hot));
    }
}
