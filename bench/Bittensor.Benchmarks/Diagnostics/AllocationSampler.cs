using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Bittensor.Benchmarks.Diagnostics;

/// <summary>
/// Where the process allocates, by type: the runtime's allocation-tick events (one per 100 KB or so allocated on a
/// thread, naming the type that crossed the mark) counted while <see cref="Enabled"/> is set. A sampled picture, not
/// an exact account: a type's share of ticks is its approximate share of the bytes allocated.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // AllocationTick_V4 (event 10): the type name and the bytes allocated since the previous tick.
        if (!Enabled || e.EventId != 10 || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var name = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(name, amount, (_, total) => total + amount);
    }

    /// <summary>The types with the most sampled bytes, with their share, one per line.</summary>
    public string Report(int top, long transactions)
    {
        var total = Math.Max(1, _bytes.Values.Sum());
        return string.Join(Environment.NewLine, _bytes.OrderByDescending(kv => kv.Value).Take(top)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"    {100.0 * kv.Value / total,5:F1} %  {kv.Value / Math.Max(1, transactions),6} B/tx  {kv.Key}")));
    }
}
