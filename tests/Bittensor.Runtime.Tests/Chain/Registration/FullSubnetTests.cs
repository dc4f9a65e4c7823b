using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>Registration on a full subnet: the uid to replace (chain spec §4.5) and the replacement itself (§4.4).</summary>
public sealed class FullSubnetTests
{
    private const ushort Net = 1;
    private static readonly Primitives.Accounts.AccountId Cold = TestChain.Account(20);

    /// <summary>A subnet with three neurons (hotkeys 1, 2, 3 at uids 0, 1, 2), registered at block 100, 101, 102.</summary>
    private static RegistrationFixture FullSubnet(ushort immunity)
    {
        var f = new RegistrationFixture();
        f.AddSubnet(Net, maxUids: 3);
        f.S.ImmunityPeriod.Set(Net, immunity);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Null(f.Register(Net, TestChain.Account(i), Cold));
            f.Advance();
        }

        return f;
    }

    [Fact]
    public void AppendsWhileThereIsRoomThenReplaces()
    {
        var f = FullSubnet(immunity: 0);
        f.S.PruningScores.Set(Net, [(ushort)30, 10, 20]);
        var hot = TestChain.Account(50);
        Assert.Null(f.Register(Net, hot, Cold));
        Assert.Equal(3, f.S.SubnetworkN.Get(Net));
        Assert.Equal(hot, f.S.Keys.Get(Net, 1));
        Assert.Equal(1, f.S.Uids.Get(Net, hot));
        Assert.False(f.S.Uids.Contains(Net, TestChain.Account(2)));
        Assert.False(f.S.IsNetworkMember.Contains(TestChain.Account(2), Net));
        Assert.Equal(f.Block, f.S.BlockAtRegistration.Get(Net, 1));
        Assert.Equal([(ushort)30, 65535, 20], f.S.PruningScores.Get(Net));
        Assert.Equal([new SubtensorEvent.NeuronRegistered(Net, 1, hot)], f.SubtensorEvents());
    }

    [Fact]
    public void ReplacementKeepsTheUidsOtherVectors()
    {
        var f = FullSubnet(immunity: 0);
        f.S.PruningScores.Set(Net, [(ushort)5, 10, 20]);
        f.S.LastUpdate.Set(Net, [11UL, 12, 13]);
        f.S.ValidatorPermit.Set(Net, [true, false, false]);
        f.S.Active.Set(Net, [false, false, false]);
        f.S.Weights.Set(Net, 0, [((ushort)1, (ushort)65535)]);
        Assert.Null(f.Register(Net, TestChain.Account(50), Cold));
        Assert.Equal([11UL, 12, 13], f.S.LastUpdate.Get(Net));
        Assert.Equal([true, false, false], f.S.ValidatorPermit.Get(Net));
        Assert.Equal([true, false, false], f.S.Active.Get(Net));
        Assert.Equal([((ushort)1, (ushort)65535)], f.S.Weights.Get(Net, 0));
    }

    [Fact]
    public void TiesAmongNonImmuneGoToTheHighestUid()
    {
        var f = FullSubnet(immunity: 0);
        f.S.PruningScores.Set(Net, [(ushort)7, 7, 9]);
        Assert.Null(f.Register(Net, TestChain.Account(50), Cold));
        Assert.Equal(1, f.S.Uids.Get(Net, TestChain.Account(50)));
    }

    [Fact]
    public void ImmuneNeuronsAreSkippedWhileANonImmuneOneExists()
    {
        // At block 103: uid 0 registered at 100 (3 blocks ago), uid 1 at 101, uid 2 at 102; immunity 3 protects uids 1 and 2.
        var f = FullSubnet(immunity: 3);
        f.S.PruningScores.Set(Net, [(ushort)50, 0, 1]);
        Assert.Null(f.Register(Net, TestChain.Account(50), Cold));
        Assert.Equal(0, f.S.Uids.Get(Net, TestChain.Account(50)));
    }

    [Fact]
    public void WhenEveryNeuronIsImmuneTheLowestImmuneScoreGoes()
    {
        var f = FullSubnet(immunity: 1000);
        f.S.PruningScores.Set(Net, [(ushort)9, 4, 4]);
        Assert.Null(f.Register(Net, TestChain.Account(50), Cold));
        Assert.Equal(1, f.S.Uids.Get(Net, TestChain.Account(50)));
    }

    [Fact]
    public void SecondRegistrationInTheSameBlockTakesAnotherUid()
    {
        var f = FullSubnet(immunity: 0);
        f.S.MaxRegistrationsPerBlock.Set(Net, 2);
        f.S.PruningScores.Set(Net, [(ushort)1, 2, 3]);
        Assert.Null(f.Register(Net, TestChain.Account(50), Cold));
        Assert.Null(f.Register(Net, TestChain.Account(51), Cold));
        Assert.Equal(0, f.S.Uids.Get(Net, TestChain.Account(50)));
        Assert.Equal(1, f.S.Uids.Get(Net, TestChain.Account(51)));
    }

    [Fact]
    public void ReplacedHotkeyOnNoOtherNetworkIsUnstaked()
    {
        var f = FullSubnet(immunity: 0);
        var nominator = TestChain.Account(40);
        var old = TestChain.Account(1);
        f.M.IncreaseStake(Cold, old, 3_000);
        f.M.IncreaseStake(nominator, old, 2_000);
        f.S.PruningScores.Set(Net, [(ushort)0, 5, 5]);
        Assert.Null(f.BurnedRegisterFunded(TestChain.Account(50)));
        Assert.Equal(0UL, f.S.TotalHotkeyStake.Get(old));
        Assert.Equal(0UL, f.S.Stake.Get(old, nominator));
        Assert.Equal(2_000UL, f.Chain.Runtime.Balances.Free(nominator));
        Assert.Equal(0UL, f.S.TotalStake.Get());
        Assert.Equal(Cold, f.S.Owner.Get(old));
    }

    [Fact]
    public void ReplacedHotkeyStillOnAnotherNetworkKeepsItsStake()
    {
        var f = FullSubnet(immunity: 0);
        var old = TestChain.Account(1);
        f.AddSubnet(2);
        Assert.Null(f.Register(2, old, Cold));
        f.Advance();
        f.M.IncreaseStake(Cold, old, 3_000);
        f.S.PruningScores.Set(Net, [(ushort)0, 5, 5]);
        Assert.Null(f.Register(Net, TestChain.Account(50), Cold));
        Assert.Equal(3_000UL, f.S.TotalHotkeyStake.Get(old));
        Assert.True(f.S.IsNetworkMember.Get(old, 2));
    }
}
