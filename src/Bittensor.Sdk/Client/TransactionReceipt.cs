using System.Text.Json;

namespace Bittensor.Sdk.Client;

/// <summary>
/// What an included transaction did: whether its call succeeded (otherwise <see cref="Error"/>), the fee it paid in
/// rao (tip included; a failed call pays too), and its events in order.
/// </summary>
public sealed record TransactionReceipt(bool Success, DispatchError? Error, ulong Fee, IReadOnlyList<ChainEvent> Events)
{
    internal static TransactionReceipt Read(JsonElement e)
    {
        var success = NodeJson.Bool(NodeJson.Property(e, "success"), "success");
        var error = e.TryGetProperty("error", out var err) && !NodeJson.IsNull(err) ? DispatchError.FromName(NodeJson.String(err, "error")) : null;
        if (success != error is null)
        {
            throw new FormatException(success ? "a successful receipt names an error." : "a failed receipt names no error.");
        }

        return new(success, error, NodeJson.UInt64(NodeJson.Property(e, "fee"), "fee"), ChainEvent.ReadAll(NodeJson.Property(e, "events")));
    }
}
