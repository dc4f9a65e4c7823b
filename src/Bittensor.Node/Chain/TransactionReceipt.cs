using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Chain;

/// <summary>
/// What an included transaction did: its hash, whether its call succeeded (otherwise the error as <c>Module.Error</c>),
/// the fee it paid in rao, and its events in order.
/// </summary>
public sealed record TransactionReceipt(Hash32 Hash, string? Error, ulong Fee, IReadOnlyList<EventRecord> Events)
{
    public bool Success => Error is null;

    public static TransactionReceipt From(ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new TransactionReceipt(result.TransactionHash, result.Error?.ToString(), result.Fee, [.. result.Events.Select(EventRecord.From)]);
    }

    public void Write(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Hash.Write(w);
        w.WriteBool(Error is not null);
        if (Error is not null)
        {
            w.WriteString(Error);
        }

        w.WriteU64(Fee);
        w.WriteCompact((ulong)Events.Count);
        foreach (var e in Events)
        {
            e.Write(w);
        }
    }

    public static TransactionReceipt Read(ref ScaleReader r)
    {
        var hash = Hash32.Read(ref r);
        var error = r.ReadBool("has error") ? r.ReadString("error") : null;
        var fee = r.ReadU64("fee");
        var count = r.ReadLength(4, "events");
        var events = new EventRecord[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = EventRecord.Read(ref r);
        }

        return new TransactionReceipt(hash, error, fee, events);
    }
}
