using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.FixedPoint;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Subtensor.Admin;
using Bittensor.Runtime.Tests.Chain.Registration;

namespace Bittensor.Runtime.Tests.Chain.Admin;

/// <summary>The administrative setters of chain spec §3.15: origins, existence checks, bounds and events.</summary>
public sealed class AdminSetterTests
{
    private const ushort Net = 1;
    private static readonly AccountId Owner = TestChain.Account(100);
    private static readonly AccountId OtherOwner = TestChain.Account(101);
    private static readonly AccountId Stranger = TestChain.Account(102);

    public static TheoryData<string> AllSetters => AdminSetterCase.Names(_ => true);

    public static TheoryData<string> OwnerSetters => AdminSetterCase.Names(c => c.Owner);

    public static TheoryData<string> RootOnlySubnetSetters => AdminSetterCase.Names(c => !c.Owner && c.HasNetuid);

    public static TheoryData<string> ExistenceCheckedSetters => AdminSetterCase.Names(c => c.ChecksExists);

    public static TheoryData<string> UncheckedSubnetSetters => AdminSetterCase.Names(c => c.HasNetuid && !c.ChecksExists);

    private static RegistrationFixture Fixture()
    {
        var f = new RegistrationFixture();
        f.AddSubnet(Net, owner: Owner);
        f.AddSubnet(2, owner: OtherOwner);
        f.AddSubnet(3);
        f.S.NetworkRegistrationAllowed.Set(Net, false);
        f.S.NetworkPowRegistrationAllowed.Set(Net, false);
        return f;
    }

    private static void AssertApplied(RegistrationFixture f, AdminSetterCase c, ushort netuid)
    {
        Assert.Equal(c.Expected, c.Read(f.S, netuid));
        var expected = c.Event(netuid);
        Assert.Equal(expected is null ? [] : [expected], f.SubtensorEvents());
    }

    [Theory]
    [MemberData(nameof(AllSetters))]
    public void RootSetsTheValueAndEmitsItsEvent(string name)
    {
        var f = Fixture();
        var c = AdminSetterCase.Get(name);
        Assert.NotEqual(c.Expected, c.Read(f.S, Net));
        Assert.Null(f.Chain.Root(c.Make(Net)));
        AssertApplied(f, c, Net);
    }

    [Theory]
    [MemberData(nameof(AllSetters))]
    public void StrangerIsBadOrigin(string name)
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Signed(Stranger), AdminSetterCase.Get(name).Make(Net), "System", "BadOrigin");
    }

    [Theory]
    [MemberData(nameof(AllSetters))]
    public void CollectiveOriginIsBadOrigin(string name)
    {
        var f = Fixture();
        f.AssertFailsUnchanged(new CollectiveOrigin(3, 3), AdminSetterCase.Get(name).Make(Net), "System", "BadOrigin");
    }

    [Theory]
    [MemberData(nameof(OwnerSetters))]
    public void SubnetOwnerMaySetItsOwnSubnet(string name)
    {
        var f = Fixture();
        var c = AdminSetterCase.Get(name);
        Assert.Null(f.Chain.Signed(Owner, c.Make(Net)));
        AssertApplied(f, c, Net);
    }

    [Theory]
    [MemberData(nameof(OwnerSetters))]
    public void OwnerOfAnotherSubnetIsBadOrigin(string name)
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Signed(OtherOwner), AdminSetterCase.Get(name).Make(Net), "System", "BadOrigin");
    }

    [Theory]
    [MemberData(nameof(OwnerSetters))]
    public void SubnetWithoutARecordedOwnerAcceptsOnlyRoot(string name)
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Signed(AccountId.Zero), AdminSetterCase.Get(name).Make(3), "System", "BadOrigin");
    }

    [Theory]
    [MemberData(nameof(RootOnlySubnetSetters))]
    public void RootOnlySetterRefusesTheSubnetOwner(string name)
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Signed(Owner), AdminSetterCase.Get(name).Make(Net), "System", "BadOrigin");
    }

    [Theory]
    [MemberData(nameof(ExistenceCheckedSetters))]
    public void MissingSubnetIsAnAdminError(string name)
    {
        var f = Fixture();
        var before = f.Snapshot();
        var error = f.Chain.Root(AdminSetterCase.Get(name).Make(9));
        Assert.Equal(new DispatchError(19, 0, "AdminUtils", "NetworkDoesNotExist"), error);
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(UncheckedSubnetSetters))]
    public void RegistrationFlagsAndServingLimitDoNotCheckExistence(string name)
    {
        var f = Fixture();
        var c = AdminSetterCase.Get(name);
        Assert.Null(f.Chain.Root(c.Make(9)));
        AssertApplied(f, c, 9);
    }

    [Fact]
    public void OriginIsCheckedBeforeExistence()
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Signed(Owner), new AdminCall.SudoSetKappa(9, 1), "System", "BadOrigin");
        f.AssertFailsUnchanged(Origin.Signed(Owner), new AdminCall.SudoSetTempo(9, 1), "System", "BadOrigin");
    }

    [Fact]
    public void MaxAllowedUidsMustExceedTheCurrentCount()
    {
        var f = Fixture();
        f.S.SubnetworkN.Set(Net, 5);
        var before = f.Snapshot();
        Assert.Equal(new DispatchError(19, 2, "AdminUtils", "MaxAllowedUIdsNotAllowed"), f.Chain.Root(new AdminCall.SudoSetMaxAllowedUids(Net, 5)));
        Assert.Equal("MaxAllowedUIdsNotAllowed", f.Chain.Root(new AdminCall.SudoSetMaxAllowedUids(Net, 4))?.Name);
        Assert.Equal(before, f.Snapshot());
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetMaxAllowedUids(Net, 6)));
        Assert.Equal(6, f.S.MaxAllowedUids.Get(Net));
    }

    [Fact]
    public void MaxAllowedValidatorsMayNotExceedMaxAllowedUids()
    {
        var f = Fixture();
        f.S.MaxAllowedUids.Set(Net, 64);
        f.AssertFailsUnchanged(Origin.Root, new AdminCall.SudoSetMaxAllowedValidators(Net, 65), "AdminUtils", "StorageValueOutOfRange");
        Assert.Equal(1, f.Chain.Root(new AdminCall.SudoSetMaxAllowedValidators(Net, 65))!.ErrorIndex);
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetMaxAllowedValidators(Net, 64)));
        Assert.Equal(64, f.S.MaxAllowedValidators.Get(Net));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(21_845, true)]
    [InlineData(21_846, false)]
    [InlineData(65_535, false)]
    public void TargetRegistrationsIsBoundedSoThreeTimesItFitsAU16(int value, bool accepted)
    {
        var f = Fixture();
        var call = new AdminCall.SudoSetTargetRegistrationsPerInterval(Net, (ushort)value);
        if (accepted)
        {
            Assert.Null(f.Chain.Root(call));
            Assert.Equal(value, f.S.TargetRegistrationsPerInterval.Get(Net));
        }
        else
        {
            f.AssertFailsUnchanged(Origin.Root, call, "AdminUtils", "StorageValueOutOfRange");
        }
    }

    [Fact]
    public void LockReductionIntervalZeroIsRefused()
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Root, new AdminCall.SudoSetLockReductionInterval(0), "AdminUtils", "StorageValueOutOfRange");
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetLockReductionInterval(1)));
    }

    [Fact]
    public void RhoIsBoundedSoTheRootExponentCannotOverflow()
    {
        var f = Fixture();
        f.AddSubnet(0);
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetRho(0, SubtensorModule.MaxRho)));
        f.AssertFailsUnchanged(Origin.Root, new AdminCall.SudoSetRho(0, SubtensorModule.MaxRho + 1), "AdminUtils", "StorageValueOutOfRange");
        f.AssertFailsUnchanged(Origin.Signed(Owner), new AdminCall.SudoSetRho(Net, ushort.MaxValue), "AdminUtils", "StorageValueOutOfRange");

        // |trust − κ| ≤ 1, so the exponent stays within ±MaxRho (plus flooring), where exp succeeds.
        var limit = I64F64.FromRaw((Int128)SubtensorModule.MaxRho << 64);
        var justAbove = I64F64.FromRaw(((Int128)SubtensorModule.MaxRho << 64) + 1);
        Assert.True(FixedTranscendental.TryExp(limit, out _));
        Assert.True(FixedTranscendental.TryExp(justAbove, out _));
        Assert.True(FixedTranscendental.TryExp(I64F64.FromRaw(-justAbove.Raw), out _));

        // The bound is not far from where the series does overflow.
        Assert.False(FixedTranscendental.TryExp(I64F64.FromRaw((Int128)(SubtensorModule.MaxRho + 1) << 64), out _));
    }

    [Fact]
    public void BondsMovingAverageAboveOneMillionIsRefused()
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Root, new AdminCall.SudoSetBondsMovingAverage(Net, 1_000_001), "AdminUtils", "StorageValueOutOfRange");
        Assert.Null(f.Chain.Root(new AdminCall.SudoSetBondsMovingAverage(Net, 1_000_000)));
    }

    [Fact]
    public void AdminErrorsCarryTheAdminModuleIndex()
    {
        var e = SubtensorModule.AdminError(AdminUtilsError.StorageValueOutOfRange).Error;
        Assert.Equal(new DispatchError(19, 1, "AdminUtils", "StorageValueOutOfRange"), e);
    }
}
