using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Framework;

/// <summary>
/// Something a block did, for receipts and subscribers: the module's index, the event's index within the module,
/// and its fields in SCALE (written by <see cref="EncodeFields"/>).
/// </summary>
public abstract record RuntimeEvent
{
    public abstract byte ModuleIndex { get; }

    public abstract byte EventIndex { get; }

    public abstract void EncodeFields(ScaleWriter writer);

    public void Encode(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteU8(ModuleIndex);
        writer.WriteU8(EventIndex);
        EncodeFields(writer);
    }
}
