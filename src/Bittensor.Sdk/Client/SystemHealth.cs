using System.Text.Json;

namespace Bittensor.Sdk.Client;

/// <summary>The node's answer to <c>system_health</c>: its peer count, whether it is catching up, whether it expects peers.</summary>
public sealed record SystemHealth(int Peers, bool IsSyncing, bool ShouldHavePeers)
{
    internal static SystemHealth Read(JsonElement e) => new(
        NodeJson.Int32(NodeJson.Property(e, "peers"), "peers"),
        NodeJson.Bool(NodeJson.Property(e, "isSyncing"), "isSyncing"),
        NodeJson.Bool(NodeJson.Property(e, "shouldHavePeers"), "shouldHavePeers"));
}
