namespace Bittensor.Sdk.Client;

/// <summary>How long <see cref="ChainClient.SignAndSubmitAsync"/> waits: until the transaction is in a block, or until that block is final.</summary>
public enum TransactionWait
{
    InBlock,
    Finalized,
}
