using Bittensor.Runtime;

namespace Bittensor.Node.Chain;

/// <summary>Runs a query over a read-only runtime on one consistent state (the best block's).</summary>
public interface IStateReader
{
    T Read<T>(Func<ChainRuntime, T> query);
}
