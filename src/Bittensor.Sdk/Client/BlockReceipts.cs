using System.Text.Json;

namespace Bittensor.Sdk.Client;

/// <summary>A block's receipts (<c>chain_getReceipts</c>): the events of its initialisation (the block step), then one receipt per transaction in block order.</summary>
public sealed record BlockReceipts(IReadOnlyList<ChainEvent> Initialization, IReadOnlyList<TransactionReceipt> Transactions)
{
    internal static BlockReceipts Read(JsonElement e) => new(
        ChainEvent.ReadAll(NodeJson.Property(e, "initialization")),
        NodeJson.Array(NodeJson.Property(e, "transactions"), "transactions", (t, _) => TransactionReceipt.Read(t)));
}
