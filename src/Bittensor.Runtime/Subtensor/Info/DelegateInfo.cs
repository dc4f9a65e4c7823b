using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>
/// A delegate as <c>delegateInfo_getDelegate</c> reports it (chain spec §8), in SCALE order: delegate, take, nominators
/// (stake &gt; 0), owner, registrations, validator permits, return per 1000 TAO, total daily return.
/// </summary>
public sealed record DelegateInfo(
    AccountId Delegate,
    ushort Take,
    IReadOnlyList<(AccountId Coldkey, ulong Stake)> Nominators,
    AccountId Owner,
    IReadOnlyList<ushort> Registrations,
    IReadOnlyList<ushort> ValidatorPermits,
    ulong ReturnPer1000,
    ulong TotalDailyReturn)
{
    public void Encode(ScaleWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Delegate.Write(w);
        w.WriteCompact(Take);
        InfoCodec.WriteStake(w, Nominators);
        Owner.Write(w);
        InfoCodec.WriteNetuids(w, Registrations);
        InfoCodec.WriteNetuids(w, ValidatorPermits);
        w.WriteCompact(ReturnPer1000);
        w.WriteCompact(TotalDailyReturn);
    }

    public byte[] ToBytes() => InfoCodec.Encode(Encode);

    public static DelegateInfo Decode(ref ScaleReader r)
    {
        var delegateKey = AccountId.Read(ref r);
        var take = InfoCodec.ReadCompactU16(ref r, "take");
        var nominators = InfoCodec.ReadStake(ref r, "nominators");
        var owner = AccountId.Read(ref r);
        var registrations = InfoCodec.ReadNetuids(ref r, "registrations");
        var permits = InfoCodec.ReadNetuids(ref r, "validator_permits");
        var perThousand = r.ReadCompact("return_per_1000");
        var daily = r.ReadCompact("total_daily_return");
        return new DelegateInfo(delegateKey, take, nominators, owner, registrations, permits, perThousand, daily);
    }
}
