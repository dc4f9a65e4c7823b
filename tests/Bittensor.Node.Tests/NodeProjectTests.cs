using Bittensor.Node.State;

namespace Bittensor.Node.Tests;

public sealed class NodeProjectTests
{
    [Fact]
    public void TheNodeAssemblyExposesItsStateContracts() =>
        Assert.True(typeof(ITrieNodeStore).IsInterface);
}
