using Bittensor.Node.Chain;
using Bittensor.Primitives.Blocks;
using Bittensor.Runtime;

namespace Bittensor.Node.Consensus;

/// <summary>
/// Development consensus: one authority, the first key of the chain's authority set, authors every block, and each
/// block is final when imported.
/// </summary>
public sealed class DevConsensus : IConsensusEngine
{
    public string Name => "dev";

    public bool FinalizesOnImport => true;

    public void VerifyAuthor(BlockHeader header, BlockHeader parent, ChainRuntime parentState)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(parentState);
        var authorities = parentState.System.Authorities.Get();
        if (authorities.Count == 0)
        {
            throw new BlockImportException(BlockImportError.UnauthorizedAuthor, "the chain has no authorities; add one to genesis.authorities in the chain spec.");
        }

        if (header.Author != authorities[0])
        {
            throw new BlockImportException(BlockImportError.UnauthorizedAuthor, $"block {header.Number} is authored by {header.Author}, but the dev authority is {authorities[0]}.");
        }
    }
}
