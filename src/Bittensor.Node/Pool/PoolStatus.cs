namespace Bittensor.Node.Pool;

/// <summary>Whether a pooled transaction can go into the next block.</summary>
public enum PoolStatus
{
    /// <summary>Its nonce is the account's next nonce, or follows the sender's previous ready transaction.</summary>
    Ready,

    /// <summary>It waits for the nonces before it.</summary>
    Future,
}
