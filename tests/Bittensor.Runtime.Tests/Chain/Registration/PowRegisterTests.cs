using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>Proof-of-work registration, chain spec §3.6 and §4.1–4.6.</summary>
public sealed class PowRegisterTests
{
    private const ushort Net = 1;
    private static readonly Primitives.Accounts.AccountId Hot = TestChain.Account(10);
    private static readonly Primitives.Accounts.AccountId Cold = TestChain.Account(20);

    private static RegistrationFixture Fixture()
    {
        var f = new RegistrationFixture();
        f.AddSubnet(Net);
        return f;
    }

    [Fact]
    public void RegistersAtUidNWithEveryPerUidEntry()
    {
        var f = Fixture();
        var call = f.RegisterCall(Net, Hot, Cold);
        Assert.Null(f.Chain.Signed(Hot, call));

        var b = f.Block;
        Assert.Equal(1, f.S.SubnetworkN.Get(Net));
        Assert.Equal(0, f.S.Uids.Get(Net, Hot));
        Assert.Equal(Hot, f.S.Keys.Get(Net, 0));
        Assert.Equal(b, f.S.BlockAtRegistration.Get(Net, 0));
        Assert.True(f.S.IsNetworkMember.Get(Hot, Net));
        Assert.Equal(Cold, f.S.Owner.Get(Hot));
        Assert.True(f.S.Stake.Contains(Hot, Cold));
        Assert.Equal([b], f.S.LastUpdate.Get(Net));
        Assert.Equal([true], f.S.Active.Get(Net));
        Assert.Equal([(ushort)0], f.S.PruningScores.Get(Net));
        Assert.Equal([false], f.S.ValidatorPermit.Get(Net));
        Assert.Equal(b, f.S.UsedWork.Get(call.Work));
        Assert.Equal((1, 1, 1, 0), (f.S.RegistrationsThisBlock.Get(Net), f.S.RegistrationsThisInterval.Get(Net), f.S.POWRegistrationsThisInterval.Get(Net), f.S.BurnRegistrationsThisInterval.Get(Net)));
        Assert.Equal([new SubtensorEvent.NeuronRegistered(Net, 0, Hot)], f.SubtensorEvents());
    }

    [Fact]
    public void NoTaoIsPaid()
    {
        var f = Fixture();
        f.Chain.Fund(Cold, 5_000_000_000);
        var issuance = f.S.TotalIssuance.Get();
        Assert.Null(f.Register(Net, Hot, Cold));
        Assert.Equal(5_000_000_000UL, f.Chain.Runtime.Balances.Free(Cold));
        Assert.Equal(issuance, f.S.TotalIssuance.Get());
    }

    [Fact]
    public void UnsignedOriginIsBadOrigin()
    {
        var f = Fixture();
        f.AssertFailsUnchanged(Origin.Root, f.RegisterCall(Net, Hot, Cold), "System", "BadOrigin");
    }

    [Fact]
    public void SignerMustBeTheHotkey()
    {
        var f = Fixture();
        f.AssertSubtensorError(Origin.Signed(Cold), f.RegisterCall(Net, Hot, Cold), SubtensorError.HotkeyOriginMismatch);
    }

    [Fact]
    public void RootSubnetIsRefusedEvenWhenItExists()
    {
        var f = Fixture();
        f.AddSubnet(0);
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(0, Hot, Cold), SubtensorError.OperationNotPermittedOnRootSubnet);
    }

    [Fact]
    public void MissingSubnetIsRefused()
    {
        var f = Fixture();
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(2, Hot, Cold), SubtensorError.NetworkDoesNotExist);
    }

    [Fact]
    public void PowRegistrationMustBeAllowed()
    {
        var f = Fixture();
        f.S.NetworkPowRegistrationAllowed.Set(Net, false);
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold), SubtensorError.RegistrationDisabled);
    }

    [Fact]
    public void BurnedRegistrationFlagDoesNotEnablePow()
    {
        var f = Fixture();
        f.S.NetworkPowRegistrationAllowed.Set(Net, false);
        f.S.NetworkRegistrationAllowed.Set(Net, true);
        Assert.Equal("RegistrationDisabled", f.Register(Net, Hot, Cold)?.Name);
    }

    [Fact]
    public void OneRegistrationPerBlockThenNextBlockAgain()
    {
        var f = Fixture();
        Assert.Null(f.Register(Net, TestChain.Account(11), Cold));
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold), SubtensorError.TooManyRegistrationsThisBlock);
        f.Advance();
        Assert.Null(f.Register(Net, Hot, Cold));
    }

    [Fact]
    public void PerBlockLimitFollowsMaxRegistrationsPerBlock()
    {
        var f = Fixture();
        f.S.MaxRegistrationsPerBlock.Set(Net, 3);
        f.S.TargetRegistrationsPerInterval.Set(Net, 10);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(f.Register(Net, TestChain.Account(30 + i), Cold));
        }

        Assert.Equal("TooManyRegistrationsThisBlock", f.Register(Net, Hot, Cold)?.Name);
    }

    [Fact]
    public void IntervalAllowsThreeTimesTheTarget()
    {
        var f = Fixture();
        f.S.TargetRegistrationsPerInterval.Set(Net, 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(f.Register(Net, TestChain.Account(30 + i), Cold));
            f.Advance();
        }

        Assert.Equal(3, f.S.RegistrationsThisInterval.Get(Net));
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold), SubtensorError.TooManyRegistrationsThisInterval);

        // The interval count includes burned registrations.
        f.S.RegistrationsThisInterval.Set(Net, 2);
        f.S.BurnRegistrationsThisInterval.Set(Net, 2);
        Assert.Null(f.Register(Net, Hot, Cold));
    }

    [Fact]
    public void SameHotkeyCannotRegisterTwice()
    {
        var f = Fixture();
        Assert.Null(f.Register(Net, Hot, Cold));
        f.Advance();
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold), SubtensorError.AlreadyRegistered);
    }

    [Fact]
    public void OneSealServesSeveralSubnetsWithinItsWindow()
    {
        var f = Fixture();
        f.AddSubnet(2);
        var call = f.RegisterCall(Net, Hot, Cold);
        Assert.Null(f.Chain.Signed(Hot, call));
        Assert.Null(f.Chain.Signed(Hot, call with { Netuid = 2 }));
        f.Advance();
        Assert.Equal("AlreadyRegistered", f.Chain.Signed(Hot, call)?.Name);
    }

    [Fact]
    public void WorkBlockInTheFutureIsRefused()
    {
        var f = Fixture();
        var call = f.RegisterCall(Net, Hot, Cold, workBlock: f.Block) with { BlockNumber = f.Block + 1 };
        f.AssertSubtensorError(Origin.Signed(Hot), call, SubtensorError.InvalidWorkBlock);
    }

    [Fact]
    public void WorkBlockThreeBlocksBackIsRefused()
    {
        var f = Fixture();
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold, workBlock: f.Block - 3), SubtensorError.InvalidWorkBlock);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void SealsOnTheTwoPreviousBlocksUseTheirRealHashes(int back)
    {
        var f = Fixture();
        var wb = f.Block - (ulong)back;
        Assert.Null(f.Chain.Signed(Hot, f.RegisterCall(Net, Hot, Cold, workBlock: wb)));

        // The same block number sealed over a zero hash is not the seal of that block.
        var f2 = Fixture();
        var zeroSeal = RegistrationFixture.Seal(new byte[32], 7, Hot);
        f2.AssertSubtensorError(Origin.Signed(Hot), new SubtensorCall.Register(Net, wb, 7, zeroSeal, Hot, Cold), SubtensorError.InvalidSeal);
    }

    [Fact]
    public void SealOnTheCurrentBlockUsesTheZeroHash()
    {
        var f = Fixture();
        Assert.Null(f.Chain.Signed(Hot, f.RegisterCall(Net, Hot, Cold, workBlock: f.Block)));

        var f2 = Fixture();
        var realHashSeal = RegistrationFixture.Seal(RegistrationFixture.HashOfBlock(f2.Block), 7, Hot);
        f2.AssertSubtensorError(Origin.Signed(Hot), new SubtensorCall.Register(Net, f2.Block, 7, realHashSeal, Hot, Cold), SubtensorError.InvalidSeal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void WorkOfWrongLengthIsAnInvalidSeal(int length)
    {
        var f = Fixture();
        var call = f.RegisterCall(Net, Hot, Cold) with { Work = new byte[length] };
        f.AssertSubtensorError(Origin.Signed(Hot), call, SubtensorError.InvalidSeal);
    }

    [Fact]
    public void WorkMustMeetTheDifficultyBeforeItIsCompared()
    {
        var f = Fixture();
        f.S.Difficulty.Set(Net, ulong.MaxValue);
        var call = f.RegisterCall(Net, Hot, Cold);
        Assert.False(Runtime.Subtensor.Registration.RegistrationSeal.MeetsDifficulty(call.Work, ulong.MaxValue));
        f.AssertSubtensorError(Origin.Signed(Hot), call, SubtensorError.InvalidDifficulty);
    }

    [Fact]
    public void WorkMustEqualTheSeal()
    {
        var f = Fixture();
        var call = f.RegisterCall(Net, Hot, Cold);
        f.AssertSubtensorError(Origin.Signed(Hot), call with { Nonce = call.Nonce + 1 }, SubtensorError.InvalidSeal);
        var other = RegistrationFixture.Seal(RegistrationFixture.HashOfBlock(call.BlockNumber), call.Nonce, TestChain.Account(99));
        f.AssertSubtensorError(Origin.Signed(Hot), call with { Work = other }, SubtensorError.InvalidSeal);
    }

    [Fact]
    public void HotkeyOwnedByAnotherColdkeyIsRefused()
    {
        var f = Fixture();
        f.S.Owner.Set(Hot, TestChain.Account(21));
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold), SubtensorError.NonAssociatedColdKey);
    }

    [Fact]
    public void ExistingOwnerMayRegisterAgainOnAnotherSubnet()
    {
        var f = Fixture();
        f.AddSubnet(2);
        Assert.Null(f.Register(Net, Hot, Cold));
        Assert.Null(f.Register(2, Hot, Cold));
        Assert.Equal(Cold, f.S.Owner.Get(Hot));
    }

    [Fact]
    public void SubnetWithoutUidsIsRefused()
    {
        var f = Fixture();
        f.S.MaxAllowedUids.Set(Net, 0);
        f.AssertSubtensorError(Origin.Signed(Hot), f.RegisterCall(Net, Hot, Cold), SubtensorError.NoNeuronIdAvailable);
    }

    [Fact]
    public void ChecksRunInTheSpecifiedOrder()
    {
        var f = Fixture();
        f.AddSubnet(0);
        f.S.Owner.Set(Hot, TestChain.Account(21));
        f.S.MaxAllowedUids.Set(Net, 0);
        f.S.Difficulty.Set(Net, ulong.MaxValue);
        f.S.NetworkPowRegistrationAllowed.Set(Net, false);
        f.S.RegistrationsThisBlock.Set(Net, 1);
        f.S.RegistrationsThisInterval.Set(Net, 6);
        f.S.Uids.Set(Net, Hot, 0);
        var good = f.RegisterCall(Net, Hot, Cold);
        var bad = good with { BlockNumber = f.Block - 5 };

        string? Try(SubtensorCall.Register c, Origin? o = null) => f.Chain.Dispatch(o ?? Origin.Signed(Hot), c)?.Name;

        Assert.Equal("HotkeyOriginMismatch", Try(bad with { Netuid = 0 }, Origin.Signed(Cold)));
        Assert.Equal("OperationNotPermittedOnRootSubnet", Try(bad with { Netuid = 0 }));
        Assert.Equal("NetworkDoesNotExist", Try(bad with { Netuid = 9 }));
        Assert.Equal("RegistrationDisabled", Try(bad));
        f.S.NetworkPowRegistrationAllowed.Set(Net, true);
        Assert.Equal("TooManyRegistrationsThisBlock", Try(bad));
        f.S.RegistrationsThisBlock.Set(Net, 0);
        Assert.Equal("TooManyRegistrationsThisInterval", Try(bad));
        f.S.RegistrationsThisInterval.Set(Net, 0);
        Assert.Equal("AlreadyRegistered", Try(bad));
        f.S.Uids.Remove(Net, Hot);
        Assert.Equal("InvalidWorkBlock", Try(bad));
        Assert.Equal("InvalidDifficulty", Try(good with { Nonce = 99 }));
        f.S.Difficulty.Set(Net, 1);
        Assert.Equal("InvalidSeal", Try(good with { Nonce = 99 }));
        Assert.Equal("NonAssociatedColdKey", Try(good));
        f.S.Owner.Remove(Hot);
        Assert.Equal("NoNeuronIdAvailable", Try(good));
        f.S.MaxAllowedUids.Set(Net, 1);
        Assert.Null(Try(good));
    }
}
