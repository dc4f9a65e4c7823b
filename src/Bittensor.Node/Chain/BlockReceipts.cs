using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Chain;

/// <summary>A block's receipts: the events of its initialisation (the block step), then one receipt per transaction.</summary>
public sealed record BlockReceipts(IReadOnlyList<EventRecord> InitializationEvents, IReadOnlyList<TransactionReceipt> Transactions)
{
    public static BlockReceipts Empty { get; } = new([], []);

    public static BlockReceipts From(BlockResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new BlockReceipts([.. result.InitializationEvents.Select(EventRecord.From)], [.. result.Receipts.Select(TransactionReceipt.From)]);
    }

    public byte[] Encode()
    {
        var w = new ScaleWriter(256);
        w.WriteCompact((ulong)InitializationEvents.Count);
        foreach (var e in InitializationEvents)
        {
            e.Write(w);
        }

        w.WriteCompact((ulong)Transactions.Count);
        foreach (var t in Transactions)
        {
            t.Write(w);
        }

        return w.ToArray();
    }

    public static BlockReceipts Decode(ReadOnlySpan<byte> encoded)
    {
        var r = new ScaleReader(encoded);
        var count = r.ReadLength(4, "initialisation events");
        var events = new EventRecord[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = EventRecord.Read(ref r);
        }

        var txCount = r.ReadLength(42, "transaction receipts");
        var receipts = new TransactionReceipt[txCount];
        for (var i = 0; i < txCount; i++)
        {
            receipts[i] = TransactionReceipt.Read(ref r);
        }

        r.EnsureEnd("block receipts");
        return new BlockReceipts(events, receipts);
    }
}
