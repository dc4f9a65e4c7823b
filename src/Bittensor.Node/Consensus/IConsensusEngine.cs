using Bittensor.Primitives.Blocks;
using Bittensor.Runtime;

namespace Bittensor.Node.Consensus;

/// <summary>
/// The consensus rules the block import path asks about. The import path itself (execution, state root, storage) is
/// the same for every engine; an engine decides who may author a block on a parent and when a block is final.
/// </summary>
public interface IConsensusEngine
{
    /// <summary>A short name for logs and <c>system_properties</c> (e.g. <c>dev</c>).</summary>
    string Name { get; }

    /// <summary>Whether a block is final as soon as it is imported (one authority) rather than by a later proof.</summary>
    bool FinalizesOnImport { get; }

    /// <summary>
    /// Checks the consensus rules of <paramref name="header"/> on <paramref name="parent"/>, whose post-state
    /// <paramref name="parentState"/> gives read-only access to (for the authority set). Throws
    /// <see cref="Chain.BlockImportException"/> with <see cref="Chain.BlockImportError.UnauthorizedAuthor"/> when the
    /// author may not author it.
    /// </summary>
    void VerifyAuthor(BlockHeader header, BlockHeader parent, ChainRuntime parentState);
}
