using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Governance;

/// <summary>Events of the sudo module.</summary>
public abstract record SudoEvent : RuntimeEvent
{
    public override byte ModuleIndex => Contracts.Calls.ModuleIndex.Sudo;

    /// <summary>A call was run as root; <paramref name="Result"/> is null on success.</summary>
    public sealed record Sudid(DispatchError? Result) : SudoEvent
    {
        public override byte EventIndex => 0;

        public override void EncodeFields(ScaleWriter writer) => DispatchResultCodec.Write(writer, Result);
    }

    /// <summary>The sudo key changed; <paramref name="OldSudoer"/> is the previous key, if there was one.</summary>
    public sealed record KeyChanged(AccountId? OldSudoer) : SudoEvent
    {
        public override byte EventIndex => 1;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (OldSudoer is { } old)
            {
                writer.WriteU8(1);
                old.Write(writer);
            }
            else
            {
                writer.WriteU8(0);
            }
        }
    }
}
