using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Epoch;

namespace Bittensor.Runtime.Subtensor.BlockStep;

/// <summary>
/// One subnet's epoch wired to storage (chain spec §6.1 and §6.3): reads the inputs, runs <see cref="YumaEpoch"/> and
/// writes the per-uid vectors and bond rows back. Keeps one epoch workspace and one output buffer for all subnets.
/// </summary>
internal sealed class SubnetEpochRunner(SubtensorModule module)
{
    private readonly YumaEpoch _epoch = new();
    private EpochOutput? _output;

    /// <summary>The epoch input and the occupied uids (in storage order) of one subnet.</summary>
    internal readonly record struct Prepared(EpochInput Input, List<(ushort Uid, AccountId Hotkey)> Keys);

    public static Prepared BuildInput(SubtensorModule module, ushort netuid, ulong emission)
    {
        var s = module.S;
        var n = (int)s.SubnetworkN.Get(netuid);
        var block = module.Block;
        var parameters = new EpochParameters(
            s.Kappa.Get(netuid),
            s.BondsMovingAverage.Get(netuid),
            s.ActivityCutoff.Get(netuid),
            s.MaxAllowedValidators.Get(netuid));

        var stake = new ulong[n];
        var registration = new ulong[n];
        var keys = s.Keys.Entries(netuid);
        foreach (var (uid, hotkey) in keys)
        {
            if (uid < n)
            {
                stake[uid] = s.TotalHotkeyStake.Get(hotkey);
                registration[uid] = s.BlockAtRegistration.Get(netuid, uid);
            }
        }

        var lastUpdate = Padded(s.LastUpdate.Get(netuid), n, 0UL);
        var permit = Padded(s.ValidatorPermit.Get(netuid), n, false);
        var weights = new IReadOnlyList<(ushort, ushort)>[n];
        var bonds = new IReadOnlyList<(ushort, ushort)>[n];
        for (var uid = 0; uid < n; uid++)
        {
            weights[uid] = s.Weights.Get(netuid, (ushort)uid);
            bonds[uid] = s.Bonds.Get(netuid, (ushort)uid);
        }

        var input = new EpochInput(
            block,
            emission,
            parameters,
            stake,
            lastUpdate,
            registration,
            permit,
            SparseU16Matrix.FromRows(weights),
            SparseU16Matrix.FromRows(bonds));
        return new Prepared(input, keys);
    }

    public List<(AccountId Hotkey, ulong Server, ulong Validator)>? Run(ushort netuid, ulong emission)
    {
        var (input, keys) = BuildInput(module, netuid, emission);
        var n = input.Count;
        if (_output is null || _output.Count != n)
        {
            _output = new EpochOutput(n);
        }

        var output = _output;
        try
        {
            _epoch.Run(input, output);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            // Stored parameters or stakes outside the epoch's domain (the reference would halt block production):
            // the subnet's epoch is skipped and its pending emission forfeited, as after a failed safety check.
            return null;
        }

        WriteBack(netuid, input, output);
        var tuples = new List<(AccountId, ulong, ulong)>(keys.Count);
        foreach (var (uid, hotkey) in keys)
        {
            if (uid < n)
            {
                tuples.Add((hotkey, output.ServerEmission[uid], output.ValidatorEmission[uid]));
            }
        }

        return tuples;
    }

    private void WriteBack(ushort netuid, EpochInput input, EpochOutput output)
    {
        var s = module.S;
        s.Active.Set(netuid, output.Active.ToArray());
        s.Emission.Set(netuid, output.Emission.ToArray());
        s.Consensus.Set(netuid, output.Consensus.ToArray());
        s.Incentive.Set(netuid, output.Incentive.ToArray());
        s.Dividends.Set(netuid, output.Dividends.ToArray());
        s.Trust.Set(netuid, output.Trust.ToArray());
        s.Rank.Set(netuid, output.Rank.ToArray());
        s.ValidatorTrust.Set(netuid, output.ValidatorTrust.ToArray());
        s.ValidatorPermit.Set(netuid, output.ValidatorPermit.ToArray());
        s.PruningScores.Set(netuid, output.PruningScore.ToArray());
        for (var uid = 0; uid < input.Count; uid++)
        {
            if (!output.BondsWritten[uid])
            {
                continue;
            }

            var columns = output.BondRowColumns(uid);
            var values = output.BondRowValues(uid);
            var row = new (ushort, ushort)[columns.Length];
            for (var e = 0; e < row.Length; e++)
            {
                row[e] = (columns[e], values[e]);
            }

            s.Bonds.Set(netuid, (ushort)uid, row);
        }
    }

    private static T[] Padded<T>(IReadOnlyList<T> stored, int n, T missing)
    {
        var result = new T[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = i < stored.Count ? stored[i] : missing;
        }

        return result;
    }
}
