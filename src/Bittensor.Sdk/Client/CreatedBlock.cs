using System.Text.Json;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Sdk.Client;

/// <summary>A block authored on request (<c>engine_createBlock</c>): its hash and number, the transactions it took and those it rejected.</summary>
public sealed record CreatedBlock(Hash32 Hash, ulong Number, int Transactions, int Rejected)
{
    internal static CreatedBlock Read(JsonElement e) => new(
        NodeJson.Hash(NodeJson.Property(e, "hash"), "hash"),
        NodeJson.UInt64(NodeJson.Property(e, "number"), "number"),
        NodeJson.Int32(NodeJson.Property(e, "transactions"), "transactions"),
        NodeJson.Int32(NodeJson.Property(e, "rejected"), "rejected"));
}
