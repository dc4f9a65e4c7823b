using System.Text.Json;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Sdk.Client;

/// <summary>
/// One update of a watched transaction (<c>author_extrinsicUpdate</c>): its <see cref="Stage"/>; for
/// <see cref="TransactionStage.InBlock"/> and <see cref="TransactionStage.Finalized"/> the block and the receipt; for
/// <see cref="TransactionStage.Invalid"/> and <see cref="TransactionStage.Dropped"/> the node's reason and message.
/// </summary>
public sealed record TransactionStatus(TransactionStage Stage, Hash32? BlockHash = null, TransactionReceipt? Receipt = null, string? Reason = null, string? Message = null)
{
    /// <summary>Whether no further update follows.</summary>
    public bool IsFinal => Stage is TransactionStage.Finalized or TransactionStage.Invalid or TransactionStage.Dropped;

    internal static TransactionStatus Read(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString() switch
            {
                "ready" => new(TransactionStage.Ready),
                "future" => new(TransactionStage.Future),
                var other => throw new FormatException($"'{other}' is not a transaction status."),
            };
        }

        if (e.TryGetProperty("inBlock", out var inBlock))
        {
            return new(TransactionStage.InBlock, NodeJson.Hash(inBlock, "inBlock"), TransactionReceipt.Read(e));
        }

        if (e.TryGetProperty("finalized", out var finalized))
        {
            return new(TransactionStage.Finalized, NodeJson.Hash(finalized, "finalized"), TransactionReceipt.Read(e));
        }

        foreach (var (name, stage) in new[] { ("invalid", TransactionStage.Invalid), ("dropped", TransactionStage.Dropped) })
        {
            if (e.TryGetProperty(name, out var reason))
            {
                var message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return new(stage, Reason: NodeJson.String(reason, name), Message: message);
            }
        }

        throw new FormatException("the status names none of ready, future, inBlock, finalized, invalid, dropped.");
    }
}
