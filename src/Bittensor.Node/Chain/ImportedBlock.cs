using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Chain;

/// <summary>A block that is now part of the chain: the block, its hash, its receipts and its transactions' hashes.</summary>
public sealed record ImportedBlock(Block Block, Hash32 Hash, BlockReceipts Receipts, IReadOnlyList<Hash32> TransactionHashes)
{
    public BlockHeader Header => Block.Header;

    public ulong Number => Block.Header.Number;
}
