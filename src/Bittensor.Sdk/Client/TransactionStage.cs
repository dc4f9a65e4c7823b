namespace Bittensor.Sdk.Client;

/// <summary>Where a watched transaction is, as the node reports it.</summary>
public enum TransactionStage
{
    /// <summary>In the pool, ready for the next block.</summary>
    Ready,

    /// <summary>In the pool, waiting for an earlier nonce of its sender.</summary>
    Future,

    /// <summary>Included in a block (not final yet, unless a <see cref="Finalized"/> follows).</summary>
    InBlock,

    /// <summary>Its block is final. The watch ends.</summary>
    Finalized,

    /// <summary>The pool found it invalid and removed it. The watch ends.</summary>
    Invalid,

    /// <summary>The pool dropped it (e.g. to make room). The watch ends.</summary>
    Dropped,
}
