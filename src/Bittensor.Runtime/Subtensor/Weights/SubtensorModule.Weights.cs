using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Linear;

namespace Bittensor.Runtime.Subtensor;

/// <summary><c>set_weights</c> (chain spec §3.1), on a subnet (targets are uids) or on root (targets are netuids).</summary>
public sealed partial class SubtensorModule
{
    private void DoSetWeights(AccountId hotkey, ushort netuid, IReadOnlyList<ushort> dests, IReadOnlyList<ushort> weights, ulong versionKey)
    {
        ArgumentNullException.ThrowIfNull(dests);
        ArgumentNullException.ThrowIfNull(weights);
        var isRoot = netuid == 0; // root weights are over netuids, not uids

        // 1–3: shapes and the subnet.
        if (dests.Count != weights.Count)
        {
            throw Error(SubtensorError.WeightVecNotEqualSize);
        }

        if (!NetworkExists(netuid))
        {
            throw Error(SubtensorError.NetworkDoesNotExist);
        }

        var n = S.SubnetworkN.Get(netuid);
        if (isRoot)
        {
            foreach (var d in dests)
            {
                if (!NetworkExists(d))
                {
                    throw Error(SubtensorError.InvalidUid);
                }
            }
        }
        else if (dests.Count > n)
        {
            throw Error(SubtensorError.TooManyUids);
        }

        // 4–7: the caller.
        if (!S.Uids.TryGet(netuid, hotkey, out var uid))
        {
            throw Error(SubtensorError.NotRegistered);
        }

        if (S.TotalHotkeyStake.Get(hotkey) < S.WeightsMinStake.Get())
        {
            throw Error(SubtensorError.NotEnoughStakeToSetWeights);
        }

        var networkKey = S.WeightsVersionKey.Get(netuid);
        if (networkKey != 0 && versionKey < networkKey)
        {
            throw Error(SubtensorError.IncorrectNetworkVersionKey);
        }

        var b = Block;
        var lastUpdate = At(S.LastUpdate.Get(netuid), uid, 0UL);

        // The reference subtracts without a check; a last update after b (never reached) wraps and passes.
        if (lastUpdate != 0 && unchecked(b - lastUpdate) < S.WeightsSetRateLimit.Get(netuid))
        {
            throw Error(SubtensorError.SettingWeightsTooFast);
        }

        // 8–11: the targets.
        var selfWeight = dests.Count == 1 && dests[0] == uid;
        if (!isRoot && !selfWeight && !At(S.ValidatorPermit.Get(netuid), uid, false))
        {
            throw Error(SubtensorError.NoValidatorPermit);
        }

        if (HasDuplicates(dests))
        {
            throw Error(SubtensorError.DuplicateUids);
        }

        if (!isRoot)
        {
            foreach (var d in dests)
            {
                if (!S.Keys.Contains(netuid, d))
                {
                    throw Error(SubtensorError.InvalidUid);
                }
            }
        }

        var minAllowed = Math.Min(n, S.MinAllowedWeights.Get(netuid));
        if (!(!isRoot && selfWeight) && weights.Count < minAllowed)
        {
            throw Error(SubtensorError.NotSettingEnoughWeights);
        }

        // 12–13: max-upscale, then the max-weight limit on the upscaled values.
        var values = new ushort[weights.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = weights[i];
        }

        var upscaled = VectorMath.MaxUpscaleToU16(values);
        var maxLimit = S.MaxWeightsLimit.Get(netuid);
        if (!selfWeight && maxLimit != ushort.MaxValue && !VectorMath.CheckMaxLimited(upscaled, maxLimit))
        {
            throw Error(SubtensorError.MaxWeightExceeded);
        }

        var row = new (ushort, ushort)[dests.Count];
        for (var k = 0; k < row.Length; k++)
        {
            row[k] = (dests[k], upscaled[k]);
        }

        S.Weights.Set(netuid, uid, row);
        SetAt(S.LastUpdate, netuid, uid, b);
        Emit(new SubtensorEvent.WeightsSet(netuid, uid));
    }

    private static bool HasDuplicates(IReadOnlyList<ushort> dests)
    {
        var seen = new bool[ushort.MaxValue + 1];
        foreach (var d in dests)
        {
            if (seen[d])
            {
                return true;
            }

            seen[d] = true;
        }

        return false;
    }
}
