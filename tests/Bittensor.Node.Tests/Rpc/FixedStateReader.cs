using Bittensor.Node.Chain;
using Bittensor.Runtime;

namespace Bittensor.Node.Tests.Rpc;

/// <summary>Answers every query from one runtime (a chain that does not move).</summary>
internal sealed class FixedStateReader(ChainRuntime runtime) : IStateReader
{
    public T Read<T>(Func<ChainRuntime, T> query) => query(runtime);
}
