namespace Bittensor.Sdk.Client;

/// <summary>How <see cref="ChainClient"/> builds, signs and waits for a transaction.</summary>
public sealed record TransactionOptions
{
    /// <summary>The default mortality, in blocks (about 13 minutes at 12-second blocks).</summary>
    public const ulong DefaultMortalPeriod = 64;

    public static TransactionOptions Default { get; } = new();

    /// <summary>Wait until the transaction is in a block (default) or until that block is final.</summary>
    public TransactionWait WaitFor { get; init; } = TransactionWait.InBlock;

    /// <summary>Rao paid on top of the fee to the block author's priority queue (and burnt like the fee). Default 0.</summary>
    public ulong Tip { get; init; }

    /// <summary>
    /// For how many blocks after the latest one the transaction stays valid (at least 4); null makes it immortal. A
    /// mortal transaction cannot be replayed once it expires. On a chain still at its genesis block every transaction
    /// is immortal, as no block exists yet to anchor an era to.
    /// </summary>
    public ulong? MortalPeriod { get; init; } = DefaultMortalPeriod;

    /// <summary>The nonce to sign with; null (default) asks the node for the account's next one.</summary>
    public ulong? Nonce { get; init; }

    /// <summary>How long to wait for the awaited stage once submitted. Default 2 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (MortalPeriod is < Contracts.Transactions.Era.MinPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(MortalPeriod), MortalPeriod, $"A mortal transaction lives at least {Contracts.Transactions.Era.MinPeriod} blocks; use null for an immortal one.");
        }

        Rpc.RpcClientOptions.Positive(Timeout, nameof(Timeout));
    }
}
