using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Governance;

/// <summary>Events of a membership module; <see cref="Module"/> tells which (triumvirate members or senate members).</summary>
public abstract record MembershipEvent(byte Module) : RuntimeEvent
{
    public override byte ModuleIndex => Module;

    public override void EncodeFields(ScaleWriter writer) => ArgumentNullException.ThrowIfNull(writer);

    public sealed record MemberAdded(byte Module) : MembershipEvent(Module)
    {
        public override byte EventIndex => 0;
    }

    public sealed record MemberRemoved(byte Module) : MembershipEvent(Module)
    {
        public override byte EventIndex => 1;
    }

    public sealed record MembersSwapped(byte Module) : MembershipEvent(Module)
    {
        public override byte EventIndex => 2;
    }

    public sealed record MembersReset(byte Module) : MembershipEvent(Module)
    {
        public override byte EventIndex => 3;
    }

    public sealed record KeyChanged(byte Module) : MembershipEvent(Module)
    {
        public override byte EventIndex => 4;
    }
}
