using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Governance;

/// <summary>Events of the triumvirate collective (chain spec §7.3), with the reference's indices.</summary>
public abstract record CollectiveEvent : RuntimeEvent
{
    public override byte ModuleIndex => Contracts.Calls.ModuleIndex.Triumvirate;

    /// <summary>A motion was proposed by a member; it needs <paramref name="Threshold"/> ayes.</summary>
    public sealed record Proposed(AccountId Account, uint ProposalIndex, Hash32 ProposalHash, uint Threshold) : CollectiveEvent
    {
        public override byte EventIndex => 0;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Account.Write(writer);
            writer.WriteU32(ProposalIndex);
            ProposalHash.Write(writer);
            writer.WriteU32(Threshold);
        }
    }

    /// <summary>A vote was cast; <paramref name="Yes"/> and <paramref name="No"/> are the counts after it.</summary>
    public sealed record Voted(AccountId Account, Hash32 ProposalHash, bool Approve, uint Yes, uint No) : CollectiveEvent
    {
        public override byte EventIndex => 1;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Account.Write(writer);
            ProposalHash.Write(writer);
            writer.WriteBool(Approve);
            writer.WriteU32(Yes);
            writer.WriteU32(No);
        }
    }

    public sealed record Approved(Hash32 ProposalHash) : CollectiveEvent
    {
        public override byte EventIndex => 2;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ProposalHash.Write(writer);
        }
    }

    public sealed record Disapproved(Hash32 ProposalHash) : CollectiveEvent
    {
        public override byte EventIndex => 3;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ProposalHash.Write(writer);
        }
    }

    /// <summary>An approved motion was dispatched; <paramref name="Result"/> is null on success.</summary>
    public sealed record Executed(Hash32 ProposalHash, DispatchError? Result) : CollectiveEvent
    {
        public override byte EventIndex => 4;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ProposalHash.Write(writer);
            DispatchResultCodec.Write(writer, Result);
        }
    }

    /// <summary>A motion was closed with these final counts.</summary>
    public sealed record Closed(Hash32 ProposalHash, uint Yes, uint No) : CollectiveEvent
    {
        public override byte EventIndex => 6;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ProposalHash.Write(writer);
            writer.WriteU32(Yes);
            writer.WriteU32(No);
        }
    }
}
