using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>Calls of the sudo module: run a call as root with the sudo key, or hand the key over.</summary>
public abstract record SudoCall : RuntimeCall
{
    public override byte ModuleIndex => Calls.ModuleIndex.Sudo;

    public sealed record Sudo(RuntimeCall Call) : SudoCall
    {
        public override byte CallIndex => 0;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Call.Encode(writer);
        }
    }

    /// <summary>As <see cref="Sudo"/>; the declared weight is ignored (the runtime does not meter weights).</summary>
    public sealed record SudoUncheckedWeight(RuntimeCall Call, ulong Weight) : SudoCall
    {
        public override byte CallIndex => 1;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Call.Encode(writer);
            writer.WriteU64(Weight);
        }
    }

    public sealed record SetKey(AccountId NewKey) : SudoCall
    {
        public override byte CallIndex => 2;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            NewKey.Write(writer);
        }
    }

    /// <summary>Reads the arguments of call <paramref name="callIndex"/>; <paramref name="decodeInner"/> reads nested calls.</summary>
    public static SudoCall Decode(byte callIndex, ref ScaleReader r, CallDecoder decodeInner)
    {
        ArgumentNullException.ThrowIfNull(decodeInner);
        return callIndex switch
        {
            0 => new Sudo(decodeInner(ref r)),
            1 => new SudoUncheckedWeight(decodeInner(ref r), r.ReadU64("weight")),
            2 => new SetKey(AccountId.Read(ref r)),
            _ => throw new ScaleFormatException($"Sudo: unknown call index {callIndex}."),
        };
    }
}
