using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>Calls of the triumvirate collective (chain spec §7.3): motions and their closing.</summary>
public abstract record TriumvirateCall : RuntimeCall
{
    public override byte ModuleIndex => Calls.ModuleIndex.Triumvirate;

    public sealed record Propose(RuntimeCall Proposal, uint LengthBound, ulong Duration) : TriumvirateCall
    {
        public override byte CallIndex => 2;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Proposal.Encode(writer);
            writer.WriteCompact((ulong)LengthBound);
            writer.WriteU64(Duration);
        }
    }

    public sealed record DisapproveProposal(Hash32 ProposalHash) : TriumvirateCall
    {
        public override byte CallIndex => 5;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ProposalHash.Write(writer);
        }
    }

    public sealed record Close(Hash32 ProposalHash, uint Index, ulong ProposalWeightBound, uint LengthBound) : TriumvirateCall
    {
        public override byte CallIndex => 6;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ProposalHash.Write(writer);
            writer.WriteCompact((ulong)Index);
            writer.WriteU64(ProposalWeightBound);
            writer.WriteCompact((ulong)LengthBound);
        }
    }

    /// <summary>Reads the arguments of call <paramref name="callIndex"/>; <paramref name="decodeInner"/> reads nested calls.</summary>
    public static TriumvirateCall Decode(byte callIndex, ref ScaleReader r, CallDecoder decodeInner)
    {
        ArgumentNullException.ThrowIfNull(decodeInner);
        return callIndex switch
        {
            2 => new Propose(decodeInner(ref r), CompactU32(ref r, "lengthBound"), r.ReadU64("duration")),
            5 => new DisapproveProposal(Hash32.Read(ref r)),
            6 => new Close(Hash32.Read(ref r), CompactU32(ref r, "index"), r.ReadU64("proposalWeightBound"), CompactU32(ref r, "lengthBound")),
            _ => throw new ScaleFormatException($"Triumvirate: unknown call index {callIndex}."),
        };
    }

    private static uint CompactU32(ref ScaleReader r, string what)
    {
        var v = r.ReadCompact(what);
        return v <= uint.MaxValue ? (uint)v : throw new ScaleFormatException($"{what}: {v} does not fit in 32 bits.");
    }
}
