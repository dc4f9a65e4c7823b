using System.Text.Json;

namespace Bittensor.Sdk.Client;

/// <summary>
/// An event a block or a transaction emitted: its name as <c>Module.Event</c> (e.g. <c>Balances.Transfer</c>), the
/// module and event indexes, and its fields in SCALE (<see cref="Data"/>; read them with a
/// <see cref="Primitives.Scale.ScaleReader"/> in the order the event declares them).
/// </summary>
public sealed record ChainEvent(string Name, byte ModuleIndex, byte EventIndex, byte[] Data)
{
    /// <summary>The module part of <see cref="Name"/>.</summary>
    public string Module => Name.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? Name[..dot] : Name;

    /// <summary>The event part of <see cref="Name"/>.</summary>
    public string Event => Name.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? Name[(dot + 1)..] : Name;

    public override string ToString() => Name;

    internal static ChainEvent Read(JsonElement e, int index) => new(
        NodeJson.String(NodeJson.Property(e, "name"), $"events[{index}].name"),
        NodeJson.Byte(NodeJson.Property(e, "module"), $"events[{index}].module"),
        NodeJson.Byte(NodeJson.Property(e, "index"), $"events[{index}].index"),
        NodeJson.Bytes(NodeJson.Property(e, "data"), $"events[{index}].data"));

    internal static List<ChainEvent> ReadAll(JsonElement e) => NodeJson.Array(e, "events", Read);
}
