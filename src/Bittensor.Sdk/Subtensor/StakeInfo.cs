using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Sdk.Subtensor;

/// <summary>One stake of a coldkey (<c>stakeInfo_getStakeInfoForColdkey</c>): the hotkey it is on, the coldkey, and the amount in rao.</summary>
public sealed record StakeInfo(AccountId Hotkey, AccountId Coldkey, ulong Stake)
{
    internal static StakeInfo Read(ref ScaleReader r)
    {
        var hotkey = AccountId.Read(ref r);
        var coldkey = AccountId.Read(ref r);
        return new StakeInfo(hotkey, coldkey, r.ReadCompact("stake"));
    }
}
