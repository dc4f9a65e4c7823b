using System.Text.Json.Nodes;

namespace Bittensor.Node.Rpc;

/// <summary>Where a subscription sends its notifications (one WebSocket connection).</summary>
public interface ISubscriptionSink
{
    /// <summary>The subscription's id, as returned to the subscriber.</summary>
    string Id { get; }

    /// <summary>Queues one notification; never blocks the caller.</summary>
    void Notify(JsonNode? result);
}
