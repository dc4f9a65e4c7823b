using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>One stake entry as the stake-info runtime API reports it (chain spec §8): hotkey, coldkey, compact stake.</summary>
public sealed record StakeInfo(AccountId Hotkey, AccountId Coldkey, ulong Stake)
{
    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Hotkey.Write(w);
        Coldkey.Write(w);
        w.WriteCompact(Stake);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static StakeInfo Decode(ref ScaleReader r)
    {
        var hotkey = AccountId.Read(ref r);
        var coldkey = AccountId.Read(ref r);
        return new StakeInfo(hotkey, coldkey, r.ReadCompact("stake"));
    }
}
