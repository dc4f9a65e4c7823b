using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>
/// A call a transaction carries: module index, call index, then the arguments in SCALE. Each module declares its
/// calls as records deriving from this; <see cref="Decode(ref ScaleReader)"/> reads them back.
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

    /// <summary>Reads one call (module index, call index, arguments); unknown modules and calls are a <see cref="ScaleFormatException"/>.</summary>
    public static RuntimeCall Decode(ref ScaleReader r)
    {
        var module = r.ReadU8("call module index");
        var index = r.ReadU8("call index");
        return module switch
        {
            Calls.ModuleIndex.Subtensor => SubtensorCall.Decode(index, ref r, Decode),
            Calls.ModuleIndex.AdminUtils => AdminCall.Decode(index, ref r, Decode),
            Calls.ModuleIndex.Balances => BalancesCall.Decode(index, ref r, Decode),
            Calls.ModuleIndex.Triumvirate => TriumvirateCall.Decode(index, ref r, Decode),
            Calls.ModuleIndex.TriumvirateMembers or Calls.ModuleIndex.SenateMembers => MembershipCall.Decode(module, index, ref r, Decode),
            Calls.ModuleIndex.Sudo => SudoCall.Decode(index, ref r, Decode),
            _ => throw new ScaleFormatException($"call: unknown module index {module}."),
        };
    }

    /// <summary>Decodes a whole call; trailing bytes are an error.</summary>
    public static RuntimeCall Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new ScaleReader(bytes);
        var call = Decode(ref r);
        r.EnsureEnd("call");
        return call;
    }
}
