using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Node.Chain;

/// <summary>
/// An event as a receipt keeps it: a readable name (<c>Module.Event</c>, e.g. <c>Balances.Transfer</c>), the module
/// and event indexes, and the event's SCALE-encoded fields.
/// </summary>
public sealed record EventRecord(string Name, byte ModuleIndex, byte EventIndex, byte[] Data)
{
    public static EventRecord From(RuntimeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var w = new ScaleWriter(64);
        e.EncodeFields(w);
        return new EventRecord(NameOf(e), e.ModuleIndex, e.EventIndex, w.ToArray());
    }

    // Event types are few and fixed, and a block can hold thousands of events: each type's name is built once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The event's type as <c>Module.Event</c>: the declaring record's name without its <c>Event</c> suffix.</summary>
    public static string NameOf(RuntimeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Names.GetOrAdd(e.GetType(), NameOfType);
    }

    private static string NameOfType(Type type)
    {
        var module = type.DeclaringType?.Name ?? type.BaseType?.Name ?? "Runtime";
        if (module.EndsWith("Event", StringComparison.Ordinal) && module.Length > "Event".Length)
        {
            module = module[..^"Event".Length];
        }

        return module + "." + type.Name;
    }

    public void Write(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteString(Name);
        w.WriteU8(ModuleIndex);
        w.WriteU8(EventIndex);
        w.WriteBytes(Data);
    }

    public static EventRecord Read(ref ScaleReader r)
    {
        var name = r.ReadString("event name");
        var module = r.ReadU8("event module");
        var index = r.ReadU8("event index");
        return new EventRecord(name, module, index, r.ReadBytes("event data"));
    }
}
