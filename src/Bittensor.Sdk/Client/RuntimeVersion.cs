using System.Text.Json;

namespace Bittensor.Sdk.Client;

/// <summary>
/// The runtime the node runs (<c>state_getRuntimeVersion</c>). A transaction's signature covers
/// <see cref="SpecVersion"/> and <see cref="TransactionVersion"/>, so a transaction signed for another runtime is refused.
/// </summary>
public sealed record RuntimeVersion(string SpecName, uint SpecVersion, uint TransactionVersion)
{
    internal static RuntimeVersion Read(JsonElement e) => new(
        NodeJson.String(NodeJson.Property(e, "specName"), "specName"),
        UInt32(NodeJson.Property(e, "specVersion"), "specVersion"),
        UInt32(NodeJson.Property(e, "transactionVersion"), "transactionVersion"));

    private static uint UInt32(JsonElement e, string what) =>
        NodeJson.UInt64(e, what) is var v && v <= uint.MaxValue ? (uint)v : throw new FormatException($"{what} does not fit in 32 bits.");
}
