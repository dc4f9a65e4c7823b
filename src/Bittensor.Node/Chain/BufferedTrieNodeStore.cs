using Bittensor.Node.State;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Chain;

/// <summary>
/// Collects the trie nodes a block creates, reading through to the database for older ones, so the new nodes can be
/// written in the same database transaction as the block (and dropped if the block is not committed).
/// </summary>
internal sealed class BufferedTrieNodeStore(ITrieNodeStore committed) : ITrieNodeStore
{
    private readonly Dictionary<Hash32, byte[]> _pending = [];
    private readonly List<(Hash32, byte[])> _order = [];

    /// <summary>The nodes written since the last <see cref="Clear"/>, in the order they were written.</summary>
    public IReadOnlyList<(Hash32 Hash, byte[] Node)> Pending => _order;

    public byte[]? Get(Hash32 hash) => _pending.TryGetValue(hash, out var node) ? node : committed.Get(hash);

    public void Put(Hash32 hash, byte[] encoded)
    {
        if (_pending.TryAdd(hash, encoded))
        {
            _order.Add((hash, encoded));
        }
    }

    public void Clear()
    {
        _pending.Clear();
        _order.Clear();
    }
}
