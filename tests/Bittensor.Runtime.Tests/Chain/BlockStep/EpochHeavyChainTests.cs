namespace Bittensor.Runtime.Tests.Chain.BlockStep;

/// <summary>The benchmark chain really runs every subnet's epoch in one block step.</summary>
public sealed class EpochHeavyChainTests
{
    [Fact]
    public void OneBlockStep_RunsTheEpochOfEverySubnet()
    {
        var chain = EpochHeavyChain.Build(subnets: 4, neurons: 32, validators: 8, weightsPerRow: 16);
        var s = chain.Runtime.Subtensor.S;

        chain.NextBlock();

        Assert.Equal(EpochHeavyChain.EpochBlock, chain.Block);
        for (ushort netuid = 1; netuid <= 4; netuid++)
        {
            Assert.Equal(EpochHeavyChain.EpochBlock, s.LastMechanismStepBlock.Get(netuid));
            Assert.Equal(32, s.LoadedEmission.Get(netuid).Count);
            Assert.Contains(s.Incentive.Get(netuid), v => v > 0);
            Assert.Contains(s.Dividends.Get(netuid), v => v > 0);
        }
    }

    [Fact]
    public void RunEpochBlockAndRollBack_LeavesTheStateAsItWas()
    {
        var chain = EpochHeavyChain.Build(subnets: 2, neurons: 16, validators: 4, weightsPerRow: 8);
        var before = chain.Store.All().Select(e => Convert.ToHexString(e.Key) + Convert.ToHexString(e.Value)).ToList();
        EpochHeavyChain.RunEpochBlockAndRollBack(chain);
        var after = chain.Store.All().Select(e => Convert.ToHexString(e.Key) + Convert.ToHexString(e.Value)).ToList();
        Assert.Equal(before, after);
        chain.NextBlock();
        Assert.Equal(EpochHeavyChain.EpochBlock, chain.Runtime.Subtensor.S.LastMechanismStepBlock.Get(1));
    }

    [Fact]
    public void FullSize_32SubnetsOf256_AllRunInTheSameBlock()
    {
        var chain = EpochHeavyChain.Build();
        chain.NextBlock();
        var s = chain.Runtime.Subtensor.S;
        for (ushort netuid = 1; netuid <= 32; netuid++)
        {
            Assert.Equal(256, s.LoadedEmission.Get(netuid).Count);
        }
    }
}
