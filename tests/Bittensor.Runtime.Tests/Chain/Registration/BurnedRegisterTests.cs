using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>Registration by burning TAO, chain spec §3.7.</summary>
public sealed class BurnedRegisterTests
{
    private const ushort Net = 1;
    private const ulong Tao = 1_000_000_000;
    private static readonly Primitives.Accounts.AccountId Hot = TestChain.Account(10);
    private static readonly Primitives.Accounts.AccountId Cold = TestChain.Account(20);

    private static RegistrationFixture Fixture(ulong balance = 10 * Tao)
    {
        var f = new RegistrationFixture();
        f.AddSubnet(Net);
        if (balance > 0)
        {
            f.Chain.Fund(Cold, balance);
        }

        return f;
    }

    private static SubtensorCall.BurnedRegister Call(ushort netuid = Net) => new(netuid, Hot);

    [Fact]
    public void BurnsThePriceAndEmitsRecycledThenRegistered()
    {
        var f = Fixture();
        f.S.Burn.Set(Net, 3 * Tao);
        f.S.RAORecycledForRegistration.Set(Net, 5);
        var issuance = f.S.TotalIssuance.Get();
        var balancesIssuance = f.Chain.Runtime.Balances.TotalIssuance.Get();

        Assert.Null(f.Chain.Signed(Cold, Call()));

        Assert.Equal(7 * Tao, f.Chain.Runtime.Balances.Free(Cold));
        Assert.Equal(issuance - (3 * Tao), f.S.TotalIssuance.Get());
        Assert.Equal(balancesIssuance - (3 * Tao), f.Chain.Runtime.Balances.TotalIssuance.Get());
        Assert.Equal((3 * Tao) + 5, f.S.RAORecycledForRegistration.Get(Net));
        Assert.Equal(
            [new SubtensorEvent.RAORecycledForRegistrationSet(Net, (3 * Tao) + 5), new SubtensorEvent.NeuronRegistered(Net, 0, Hot)],
            f.SubtensorEvents());
        Assert.Equal(Cold, f.S.Owner.Get(Hot));
        Assert.Equal(0, f.S.Uids.Get(Net, Hot));
        Assert.Equal((1, 1, 0, 1), (f.S.RegistrationsThisBlock.Get(Net), f.S.RegistrationsThisInterval.Get(Net), f.S.POWRegistrationsThisInterval.Get(Net), f.S.BurnRegistrationsThisInterval.Get(Net)));
        Assert.Equal(3 * Tao, f.S.Burn.Get(Net));
    }

    [Fact]
    public void WholeBalanceBurnsAllButTheExistentialDepositButCountsTheNominalPrice()
    {
        var f = Fixture(balance: Tao);
        var issuance = f.S.TotalIssuance.Get();
        Assert.Null(f.Chain.Signed(Cold, Call()));
        Assert.Equal(500UL, f.Chain.Runtime.Balances.Free(Cold));
        Assert.Equal(issuance - (Tao - 500), f.S.TotalIssuance.Get());
        Assert.Equal(Tao, f.S.RAORecycledForRegistration.Get(Net));
    }

    [Fact]
    public void ZeroBurnNeedsNoBalance()
    {
        var f = Fixture(balance: 0);
        f.S.Burn.Set(Net, 0);
        Assert.Null(f.Chain.Signed(Cold, Call()));
        Assert.Equal(0, f.S.Uids.Get(Net, Hot));
    }

    [Fact]
    public void UnsignedOriginIsBadOrigin() =>
        Fixture().AssertFailsUnchanged(Origin.Root, Call(), "System", "BadOrigin");

    [Fact]
    public void RootSubnetIsRefused()
    {
        var f = Fixture();
        f.AddSubnet(0);
        f.AssertSubtensorError(Origin.Signed(Cold), Call(0), SubtensorError.OperationNotPermittedOnRootSubnet);
    }

    [Fact]
    public void MissingSubnetIsRefused() =>
        Fixture().AssertSubtensorError(Origin.Signed(Cold), Call(5), SubtensorError.NetworkDoesNotExist);

    [Fact]
    public void RegistrationMustBeAllowed()
    {
        var f = Fixture();
        f.S.NetworkRegistrationAllowed.Set(Net, false);
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.RegistrationDisabled);
    }

    [Fact]
    public void PerBlockLimit()
    {
        var f = Fixture();
        f.S.RegistrationsThisBlock.Set(Net, 1);
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.TooManyRegistrationsThisBlock);
        f.Advance();
        Assert.Null(f.Chain.Signed(Cold, Call()));
    }

    [Fact]
    public void PerIntervalLimitCountsPowRegistrationsToo()
    {
        var f = Fixture();
        f.S.TargetRegistrationsPerInterval.Set(Net, 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(f.Register(Net, TestChain.Account(30 + i), Cold));
            f.Advance();
        }

        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.TooManyRegistrationsThisInterval);
    }

    [Fact]
    public void AlreadyRegisteredHotkeyIsRefused()
    {
        var f = Fixture();
        Assert.Null(f.Chain.Signed(Cold, Call()));
        f.Advance();
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.AlreadyRegistered);
    }

    [Fact]
    public void PriceAboveTheBalanceIsRefused()
    {
        var f = Fixture(balance: Tao - 1);
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.NotEnoughBalanceToStake);
    }

    [Fact]
    public void WithdrawingNothingIsRefused()
    {
        var f = Fixture(balance: 500);
        f.S.Burn.Set(Net, 400);
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.BalanceWithdrawalError);
    }

    [Fact]
    public void HotkeyOwnedByAnotherColdkeyIsRefused()
    {
        var f = Fixture();
        f.S.Owner.Set(Hot, TestChain.Account(21));
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void SubnetWithoutUidsIsRefused()
    {
        var f = Fixture();
        f.S.MaxAllowedUids.Set(Net, 0);
        f.AssertSubtensorError(Origin.Signed(Cold), Call(), SubtensorError.NoNeuronIdAvailable);
    }

    [Fact]
    public void ChecksRunInTheSpecifiedOrder()
    {
        var f = Fixture(balance: 500);
        f.AddSubnet(0);
        f.S.Owner.Set(Hot, TestChain.Account(21));
        f.S.MaxAllowedUids.Set(Net, 0);
        f.S.Burn.Set(Net, 501);
        f.S.NetworkRegistrationAllowed.Set(Net, false);
        f.S.RegistrationsThisBlock.Set(Net, 1);
        f.S.RegistrationsThisInterval.Set(Net, 6);
        f.S.Uids.Set(Net, Hot, 0);

        string? Try(ushort netuid = Net) => f.Chain.Signed(Cold, Call(netuid))?.Name;

        Assert.Equal("OperationNotPermittedOnRootSubnet", Try(0));
        Assert.Equal("NetworkDoesNotExist", Try(9));
        Assert.Equal("RegistrationDisabled", Try());
        f.S.NetworkRegistrationAllowed.Set(Net, true);
        Assert.Equal("TooManyRegistrationsThisBlock", Try());
        f.S.RegistrationsThisBlock.Set(Net, 0);
        Assert.Equal("TooManyRegistrationsThisInterval", Try());
        f.S.RegistrationsThisInterval.Set(Net, 0);
        Assert.Equal("AlreadyRegistered", Try());
        f.S.Uids.Remove(Net, Hot);
        Assert.Equal("NotEnoughBalanceToStake", Try());
        f.S.Burn.Set(Net, 500);
        Assert.Equal("BalanceWithdrawalError", Try());
        f.Chain.Fund(Cold, Tao);
        Assert.Equal("NonAssociatedColdKey", Try());
        f.S.Owner.Remove(Hot);
        Assert.Equal("NoNeuronIdAvailable", Try());
        f.S.MaxAllowedUids.Set(Net, 1);
        Assert.Null(Try());
    }
}
