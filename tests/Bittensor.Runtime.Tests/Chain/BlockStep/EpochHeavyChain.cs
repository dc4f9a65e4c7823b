namespace Bittensor.Runtime.Tests.Chain.BlockStep;

/// <summary>The benchmark chain of <see cref="Simulation.EpochHeavyChain"/> on a test chain.</summary>
public static class EpochHeavyChain
{
    public const ulong EpochBlock = Simulation.EpochHeavyChain.EpochBlock;

    public static TestChain Build(int subnets = 32, int neurons = 256, int validators = 64, int weightsPerRow = 256)
    {
        var chain = new TestChain();
        Simulation.EpochHeavyChain.Populate(chain.Runtime, subnets, neurons, validators, weightsPerRow);
        return chain;
    }

    public static void RunEpochBlockAndRollBack(TestChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Runtime.State.ClearEvents();
        Simulation.EpochHeavyChain.RunEpochBlockAndRollBack(chain.Runtime);
    }
}
