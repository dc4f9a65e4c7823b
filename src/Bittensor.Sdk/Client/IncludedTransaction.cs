using System.Text.Json;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Sdk.Client;

/// <summary>Where a transaction was included (<c>chain_getTransaction</c>): the block, its number, the position in it, and the receipt.</summary>
public sealed record IncludedTransaction(Hash32 BlockHash, ulong BlockNumber, int Index, TransactionReceipt Receipt)
{
    internal static IncludedTransaction Read(JsonElement e) => new(
        NodeJson.Hash(NodeJson.Property(e, "blockHash"), "blockHash"),
        NodeJson.UInt64(NodeJson.Property(e, "blockNumber"), "blockNumber"),
        NodeJson.Int32(NodeJson.Property(e, "index"), "index"),
        TransactionReceipt.Read(NodeJson.Property(e, "receipt")));
}
