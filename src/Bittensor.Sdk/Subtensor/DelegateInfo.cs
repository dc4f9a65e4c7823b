using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>
/// A delegate (<c>delegateInfo_getDelegate</c>, chain spec §8): its hotkey, take (u16 fraction of validator emission),
/// nominators with non-zero stake (rao), owner coldkey, the netuids it is registered on and holds a validator permit
/// on, its return per 1,000 TAO staked and its total daily return (rao).
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
    /// <summary>The delegate's whole nominated stake, rao.</summary>
    public ulong TotalStake => Nominators.Aggregate(0UL, (sum, s) => checked(sum + s.Stake));

    internal static DelegateInfo Read(ref ScaleReader r)
    {
        var hotkey = AccountId.Read(ref r);
        var take = InfoReader.CompactU16(ref r, "take");
        var nominators = InfoReader.Stakes(ref r, "nominators");
        var owner = AccountId.Read(ref r);
        var registrations = InfoReader.Netuids(ref r, "registrations");
        var permits = InfoReader.Netuids(ref r, "validator_permits");
        var perThousand = r.ReadCompact("return_per_1000");
        var daily = r.ReadCompact("total_daily_return");
        return new DelegateInfo(hotkey, take, nominators, owner, registrations, permits, perThousand, daily);
    }
}
