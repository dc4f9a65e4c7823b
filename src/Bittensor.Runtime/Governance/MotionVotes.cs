using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Governance;

/// <summary>The record of an open motion: its index, the ayes needed, the voters each way, and the block voting ends.</summary>
public sealed record MotionVotes(uint Index, uint Threshold, IReadOnlyList<AccountId> Ayes, IReadOnlyList<AccountId> Nays, ulong End)
{
    public static IScaleCodec<MotionVotes> Codec { get; } = new Codecs.Lambda<MotionVotes>(
        (w, v) =>
        {
            w.WriteU32(v.Index);
            w.WriteU32(v.Threshold);
            Codecs.AccountList.Encode(w, v.Ayes);
            Codecs.AccountList.Encode(w, v.Nays);
            w.WriteU64(v.End);
        },
        (ref r) => new MotionVotes(r.ReadU32(), r.ReadU32(), Codecs.AccountList.Decode(ref r), Codecs.AccountList.Decode(ref r), r.ReadU64()));
}
