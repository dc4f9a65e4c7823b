using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Framework;

/// <summary>
/// A call a transaction carries: module index, call index, then the arguments in SCALE. Each module declares its
/// calls as records deriving from this; the runtime's call decoder reads them back.
/// </summary>
public abstract record RuntimeCall
{
    public abstract byte ModuleIndex { get; }

    public abstract byte CallIndex { get; }

    /// <summary>How the call pays: free calls carry no fee (they are rate-limited instead).</summary>
    public virtual Pays Pays => Pays.Yes;

    public abstract void EncodeArgs(ScaleWriter writer);

    public void Encode(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteU8(ModuleIndex);
        writer.WriteU8(CallIndex);
        EncodeArgs(writer);
    }

    public byte[] ToBytes()
    {
        var w = new ScaleWriter();
        Encode(w);
        return w.ToArray();
    }
}
