using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Metagraphs;

namespace Bittensor.Neurons.Miners;

/// <summary>The axon's caller directory over the latest synced metagraph, replaced whole at every resync.</summary>
public sealed class MetagraphCallers : ICallerDirectory
{
    private volatile Metagraph? _current;

    /// <summary>The latest metagraph, null before the first sync.</summary>
    public Metagraph? Current
    {
        get => _current;
        set => _current = value;
    }

    public bool TryGetCaller(AccountId hotkey, out CallerStanding standing)
    {
        if (_current is { } metagraph)
        {
            return metagraph.TryGetCaller(hotkey, out standing);
        }

        standing = default;
        return false;
    }
}
