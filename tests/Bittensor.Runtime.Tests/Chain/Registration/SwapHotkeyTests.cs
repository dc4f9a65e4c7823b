using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>swap_hotkey, chain spec §3.9 (with the §11 item 8 fix: pending emission renamed by hotkey).</summary>
public sealed class SwapHotkeyTests
{
    private const ulong Tao = 1_000_000_000;
    private static readonly Primitives.Accounts.AccountId Old = TestChain.Account(10);
    private static readonly Primitives.Accounts.AccountId New = TestChain.Account(11);
    private static readonly Primitives.Accounts.AccountId Cold = TestChain.Account(20);
    private static readonly Primitives.Accounts.AccountId Nominator = TestChain.Account(21);

    private static SubtensorCall.SwapHotkey Call => new(Old, New);

    /// <summary>Old registered on subnets 1 (uid 1, after hotkey 5 at uid 0) and 2 (uid 0); coldkey funded with 10 TAO.</summary>
    private static RegistrationFixture Fixture()
    {
        var f = new RegistrationFixture();
        f.AddSubnet(1);
        f.AddSubnet(2);
        f.Chain.Fund(Cold, 10 * Tao);
        Assert.Null(f.Register(1, TestChain.Account(5), TestChain.Account(6)));
        f.Advance();
        Assert.Null(f.Register(1, Old, Cold));
        Assert.Null(f.Register(2, Old, Cold));
        f.Advance();
        return f;
    }

    [Fact]
    public void MovesEverythingKeyedByTheHotkey()
    {
        var f = Fixture();
        f.M.IncreaseStake(Cold, Old, 4_000);
        f.M.IncreaseStake(Nominator, Old, 6_000);
        f.S.Delegates.Set(Old, 1234);
        f.S.LastTxBlock.Set(Old, 77);
        var axon = new AxonInfo(50, 1, 0x7F000001, 8091, 4, 0, 0, 0);
        f.S.Axons.Set(1, Old, axon);
        var prometheus = new PrometheusInfo(50, 1, 0x7F000001, 9000, 4);
        f.S.Prometheus.Set(1, Old, prometheus);
        f.S.TotalHotkeyColdkeyStakesThisInterval.Set(Cold, Old, (2, 90));

        // Pending emission listed out of uid order: the tuple is found by hotkey, not by position uid.
        f.S.LoadedEmission.Set(1, [(Old, 10UL, 20UL), (TestChain.Account(5), 1UL, 2UL)]);
        var issuance = f.S.TotalIssuance.Get();
        var coldStake = f.S.TotalColdkeyStake.Get(Cold);

        Assert.Null(f.Chain.Signed(Cold, Call));

        Assert.False(f.S.Owner.Contains(Old));
        Assert.Equal(Cold, f.S.Owner.Get(New));
        Assert.False(f.S.TotalHotkeyStake.Contains(Old));
        Assert.Equal(10_000UL, f.S.TotalHotkeyStake.Get(New));
        Assert.False(f.S.Delegates.Contains(Old));
        Assert.Equal((ushort)1234, f.S.Delegates.Get(New));
        Assert.False(f.S.LastTxBlock.Contains(Old));
        Assert.Equal(77UL, f.S.LastTxBlock.Get(New));
        Assert.Empty(f.S.Stake.Entries(Old));
        Assert.Equal(4_000UL, f.S.Stake.Get(New, Cold));
        Assert.Equal(6_000UL, f.S.Stake.Get(New, Nominator));
        Assert.Empty(f.S.IsNetworkMember.Entries(Old));
        Assert.True(f.S.IsNetworkMember.Get(New, 1));
        Assert.True(f.S.IsNetworkMember.Get(New, 2));
        Assert.False(f.S.Axons.Contains(1, Old));
        Assert.Equal(axon, f.S.Axons.Get(1, New));
        Assert.False(f.S.Uids.Contains(1, Old));
        Assert.Equal(1, f.S.Uids.Get(1, New));
        Assert.Equal(0, f.S.Uids.Get(2, New));
        Assert.Equal(New, f.S.Keys.Get(1, 1));
        Assert.Equal(New, f.S.Keys.Get(2, 0));
        Assert.Equal(TestChain.Account(5), f.S.Keys.Get(1, 0));
        Assert.Equal([(New, 10UL, 20UL), (TestChain.Account(5), 1UL, 2UL)], f.S.LoadedEmission.Get(1));

        // Not moved.
        Assert.Equal(prometheus, f.S.Prometheus.Get(1, Old));
        Assert.False(f.S.Prometheus.Contains(1, New));
        Assert.Equal((2UL, 90UL), f.S.TotalHotkeyColdkeyStakesThisInterval.Get(Cold, Old));
        Assert.Equal(coldStake, f.S.TotalColdkeyStake.Get(Cold));

        // One TAO burned; the coldkey's rate-limit block set; one event.
        Assert.Equal(9 * Tao, f.Chain.Runtime.Balances.Free(Cold));
        Assert.Equal(issuance - Tao, f.S.TotalIssuance.Get());
        Assert.Equal(f.Block, f.S.LastTxBlock.Get(Cold));
        Assert.Equal([new SubtensorEvent.HotkeySwapped(Cold, Old, New)], f.SubtensorEvents());
    }

    [Fact]
    public void UnsignedOriginIsBadOrigin() =>
        Fixture().AssertFailsUnchanged(Origin.Root, Call, "System", "BadOrigin");

    [Fact]
    public void OnlyTheOwningColdkeyMaySwap()
    {
        var f = Fixture();
        f.Chain.Fund(Nominator, 10 * Tao);
        f.AssertSubtensorError(Origin.Signed(Nominator), Call, SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void UnknownHotkeyIsNotAssociated()
    {
        var f = Fixture();
        f.AssertSubtensorError(Origin.Signed(Cold), new SubtensorCall.SwapHotkey(TestChain.Account(99), New), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void RateLimitedByTheColdkeysLastTransaction()
    {
        var f = Fixture();
        f.S.LastTxBlock.Set(Cold, f.Block - 1000);
        f.AssertSubtensorError(Origin.Signed(Cold), Call, SubtensorError.TxRateLimitExceeded);
        f.S.LastTxBlock.Set(Cold, f.Block - 1001);
        Assert.Null(f.Chain.Signed(Cold, Call));
    }

    [Fact]
    public void SwapToItselfIsRefused()
    {
        var f = Fixture();
        f.AssertSubtensorError(Origin.Signed(Cold), new SubtensorCall.SwapHotkey(Old, Old), SubtensorError.AlreadyRegistered);
    }

    [Fact]
    public void NewHotkeyRegisteredAnywhereIsRefused()
    {
        var f = Fixture();
        f.AddSubnet(3);
        Assert.Null(f.Register(3, New, TestChain.Account(30)));
        f.AssertSubtensorError(Origin.Signed(Cold), Call, SubtensorError.AlreadyRegistered);
    }

    [Fact]
    public void ColdkeyMustHoldOneTao()
    {
        var f = new RegistrationFixture();
        f.AddSubnet(1);
        f.Chain.Fund(Cold, Tao - 1);
        Assert.Null(f.Register(1, Old, Cold));
        f.AssertSubtensorError(Origin.Signed(Cold), Call, SubtensorError.NotEnoughBalance);
    }

    [Fact]
    public void ExactlyOneTaoBurnsAllButTheExistentialDeposit()
    {
        var f = new RegistrationFixture();
        f.AddSubnet(1);
        f.Chain.Fund(Cold, Tao);
        Assert.Null(f.Register(1, Old, Cold));
        var issuance = f.S.TotalIssuance.Get();
        Assert.Null(f.Chain.Signed(Cold, Call));
        Assert.Equal(500UL, f.Chain.Runtime.Balances.Free(Cold));
        Assert.Equal(issuance - (Tao - 500), f.S.TotalIssuance.Get());
    }

    [Fact]
    public void ChecksRunInTheSpecifiedOrder()
    {
        var f = new RegistrationFixture();
        f.AddSubnet(1);
        f.Chain.Fund(Cold, 600);
        Assert.Null(f.Register(1, Old, Cold));
        f.S.LastTxBlock.Set(Cold, f.Block);
        string? Try(Primitives.Accounts.AccountId newHotkey) => f.Chain.Signed(Cold, new SubtensorCall.SwapHotkey(Old, newHotkey))?.Name;

        Assert.Equal("NonAssociatedColdKey", f.Chain.Signed(Nominator, Call)?.Name);
        Assert.Equal("TxRateLimitExceeded", Try(Old));
        f.S.LastTxBlock.Remove(Cold);
        Assert.Equal("AlreadyRegistered", Try(Old));
        Assert.Equal("NotEnoughBalance", Try(New));
        f.Chain.Fund(Cold, Tao);
        Assert.Null(Try(New));
    }
}
