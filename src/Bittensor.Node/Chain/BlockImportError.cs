namespace Bittensor.Node.Chain;

/// <summary>Why a block was refused. Nothing of a refused block is stored.</summary>
public enum BlockImportError
{
    /// <summary>The block does not extend the best block (wrong parent hash or number).</summary>
    NotOnBest,

    /// <summary>The author is not allowed to author this block (consensus rules).</summary>
    UnauthorizedAuthor,

    /// <summary>The author's signature does not verify over the header.</summary>
    BadSignature,

    /// <summary>The timestamp is before the parent's.</summary>
    BadTimestamp,

    /// <summary>The extrinsics root does not commit to the block's transactions.</summary>
    BadExtrinsicsRoot,

    /// <summary>A transaction of the block is malformed or invalid against the parent state.</summary>
    InvalidTransaction,

    /// <summary>Executing the block gives a different state root than the header claims.</summary>
    BadStateRoot,
}
