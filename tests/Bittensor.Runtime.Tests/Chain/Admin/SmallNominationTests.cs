using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Tests.Chain.Registration;

namespace Bittensor.Runtime.Tests.Chain.Admin;

/// <summary>
/// Raising NominatorMinRequiredStake clears smaller nominations (chain spec §3.15, call 43); the stake returns to
/// free balance and the issuance is left alone (§11 item 12 fix).
/// </summary>
public sealed class SmallNominationTests
{
    private static readonly Primitives.Accounts.AccountId Hot = TestChain.Account(1);
    private static readonly Primitives.Accounts.AccountId OwnerCold = TestChain.Account(2);
    private static readonly Primitives.Accounts.AccountId SmallNominator = TestChain.Account(3);
    private static readonly Primitives.Accounts.AccountId LargeNominator = TestChain.Account(4);

    private static RegistrationFixture Fixture()
    {
        var f = new RegistrationFixture();
        f.S.Owner.Set(Hot, OwnerCold);
        f.M.IncreaseStake(OwnerCold, Hot, 1_000);
        f.M.IncreaseStake(SmallNominator, Hot, 4_000);
        f.M.IncreaseStake(LargeNominator, Hot, 9_000);
        f.S.TotalIssuance.Set(14_000);
        return f;
    }

    [Fact]
    public void RaisingTheMinimumReturnsSmallNominationsToFreeBalance()
    {
        var f = Fixture();
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetNominatorMinRequiredStake(5_000)));

        Assert.False(f.S.Stake.Contains(Hot, SmallNominator));
        Assert.Equal(4_000UL, f.Chain.Runtime.Balances.Free(SmallNominator));
        Assert.Equal(0UL, f.S.TotalColdkeyStake.Get(SmallNominator));
        Assert.Equal(10_000UL, f.S.TotalHotkeyStake.Get(Hot));
        Assert.Equal(10_000UL, f.S.TotalStake.Get());
        Assert.Equal(14_000UL, f.S.TotalIssuance.Get());

        // The owner's own stake stays however small; larger nominations stay.
        Assert.Equal(1_000UL, f.S.Stake.Get(Hot, OwnerCold));
        Assert.Equal(9_000UL, f.S.Stake.Get(Hot, LargeNominator));
        Assert.Equal(5_000UL, f.S.NominatorMinRequiredStake.Get());
        Assert.Empty(f.SubtensorEvents());
    }

    [Fact]
    public void LoweringOrKeepingTheMinimumClearsNothing()
    {
        var f = Fixture();
        f.S.NominatorMinRequiredStake.Set(5_000);
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetNominatorMinRequiredStake(5_000)));
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetNominatorMinRequiredStake(4_500)));
        Assert.Equal(4_000UL, f.S.Stake.Get(Hot, SmallNominator));
        Assert.Equal(14_000UL, f.S.TotalStake.Get());
    }

    [Fact]
    public void NominationTooSmallToOpenAnAccountIsDestroyedAndLeavesTheIssuance()
    {
        var f = new RegistrationFixture();
        f.S.Owner.Set(Hot, OwnerCold);
        f.M.IncreaseStake(SmallNominator, Hot, 300);
        f.S.TotalIssuance.Set(300);
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetNominatorMinRequiredStake(1_000)));
        Assert.Equal(0UL, f.Chain.Runtime.Balances.Free(SmallNominator));
        Assert.Equal(0UL, f.S.TotalStake.Get());
        Assert.Equal(0UL, f.S.TotalIssuance.Get());
    }
}
