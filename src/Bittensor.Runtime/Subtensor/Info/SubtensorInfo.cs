using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Subtensor.Info;

/// <summary>
/// The read-only runtime queries of chain spec §8 (neuron, subnet, delegate and stake info, lock cost), each as typed
/// records and as the SCALE bytes the RPC serves. A single-object query answers empty bytes when the object does not
/// exist; list queries answer an encoded (possibly empty) vector.
/// </summary>
public sealed class SubtensorInfo(SubtensorModule module)
{
    /// <summary>Blocks per day, the constant the delegate return uses.</summary>
    public const ulong BlocksPerDay = 7200;

    /// <summary>
    /// 0.82 as the reference's <c>U64F64::from_num(0.82)</c> holds it: the double nearest 0.82 (exactly representable
    /// in U64F64), i.e. 0.81999999999999995115… = 15126330140441831424 / 2^64.
    /// </summary>
    public static U64F64 ValidatorReturnShare { get; } = U64F64.FromRaw(15_126_330_140_441_831_424);

    private readonly SubtensorModule _module = module ?? throw new ArgumentNullException(nameof(module));

    private SubtensorStorage S => _module.S;

    // ---- neurons --------------------------------------------------------------------------------------------

    public NeuronInfo? GetNeuron(ushort netuid, ushort uid)
    {
        if (!_module.NetworkExists(netuid) || !S.Keys.TryGet(netuid, uid, out var hotkey))
        {
            return null;
        }

        var lite = BuildLite(netuid, uid, hotkey);
        var weights = Positive(S.Weights.Get(netuid, uid));
        var bonds = Positive(S.Bonds.Get(netuid, uid));
        return new NeuronInfo(
            lite.Hotkey, lite.Coldkey, lite.Uid, lite.Netuid, lite.Active, lite.AxonInfo, lite.PrometheusInfo, lite.Stake,
            lite.Rank, lite.Emission, lite.Incentive, lite.Consensus, lite.Trust, lite.ValidatorTrust, lite.Dividends,
            lite.LastUpdate, lite.ValidatorPermit, weights, bonds, lite.PruningScore);
    }

    public byte[] GetNeuronBytes(ushort netuid, ushort uid) => GetNeuron(netuid, uid)?.ToBytes() ?? [];

    public NeuronInfoLite? GetNeuronLite(ushort netuid, ushort uid) =>
        _module.NetworkExists(netuid) && S.Keys.TryGet(netuid, uid, out var hotkey) ? BuildLite(netuid, uid, hotkey) : null;

    public byte[] GetNeuronLiteBytes(ushort netuid, ushort uid) => GetNeuronLite(netuid, uid)?.ToBytes() ?? [];

    /// <summary>Neurons of uid 0..n−1, stopping at the first unoccupied uid; empty when the subnet does not exist.</summary>
    public List<NeuronInfo> GetNeurons(ushort netuid) => Collect(netuid, GetNeuron);

    public byte[] GetNeuronsBytes(ushort netuid) => InfoCodec.Encode(w => w.WriteVector(GetNeurons(netuid), (x, n) => n.Encode(x)));

    public List<NeuronInfoLite> GetNeuronsLite(ushort netuid) => Collect(netuid, GetNeuronLite);

    public byte[] GetNeuronsLiteBytes(ushort netuid) => InfoCodec.Encode(w => w.WriteVector(GetNeuronsLite(netuid), (x, n) => n.Encode(x)));

    private List<T> Collect<T>(ushort netuid, Func<ushort, ushort, T?> get)
        where T : class
    {
        var list = new List<T>();
        if (!_module.NetworkExists(netuid))
        {
            return list;
        }

        var n = S.SubnetworkN.Get(netuid);
        for (ushort uid = 0; uid < n; uid++)
        {
            if (get(netuid, uid) is not { } neuron)
            {
                break;
            }

            list.Add(neuron);
        }

        return list;
    }

    private NeuronInfoLite BuildLite(ushort netuid, ushort uid, AccountId hotkey)
    {
        var stake = S.Stake.Entries(hotkey).ConvertAll(e => (e.Key2, e.Value));
        return new NeuronInfoLite(
            hotkey,
            S.Owner.Get(hotkey),
            uid,
            netuid,
            SubtensorModule.At(S.Active.Get(netuid), uid, false),
            S.Axons.Get(netuid, hotkey),
            S.Prometheus.Get(netuid, hotkey),
            stake,
            SubtensorModule.At(S.Rank.Get(netuid), uid, (ushort)0),
            SubtensorModule.At(S.Emission.Get(netuid), uid, 0UL),
            SubtensorModule.At(S.Incentive.Get(netuid), uid, (ushort)0),
            SubtensorModule.At(S.Consensus.Get(netuid), uid, (ushort)0),
            SubtensorModule.At(S.Trust.Get(netuid), uid, (ushort)0),
            SubtensorModule.At(S.ValidatorTrust.Get(netuid), uid, (ushort)0),
            SubtensorModule.At(S.Dividends.Get(netuid), uid, (ushort)0),
            SubtensorModule.At(S.LastUpdate.Get(netuid), uid, 0UL),
            SubtensorModule.At(S.ValidatorPermit.Get(netuid), uid, false),
            SubtensorModule.At(S.PruningScores.Get(netuid), uid, ushort.MaxValue));
    }

    private static List<(ushort, ushort)> Positive(IReadOnlyList<(ushort, ushort)> row)
    {
        var list = new List<(ushort, ushort)>(row.Count);
        foreach (var entry in row)
        {
            if (entry.Item2 > 0)
            {
                list.Add(entry);
            }
        }

        return list;
    }

    // ---- subnets --------------------------------------------------------------------------------------------

    public SubnetInfo? GetSubnetInfo(ushort netuid)
    {
        if (!_module.NetworkExists(netuid))
        {
            return null;
        }

        return new SubnetInfo(
            netuid,
            S.Rho.Get(netuid),
            S.Kappa.Get(netuid),
            S.Difficulty.Get(netuid),
            S.ImmunityPeriod.Get(netuid),
            S.MaxAllowedValidators.Get(netuid),
            S.MinAllowedWeights.Get(netuid),
            S.MaxWeightsLimit.Get(netuid),
            S.ScalingLawPower.Get(netuid),
            S.SubnetworkN.Get(netuid),
            S.MaxAllowedUids.Get(netuid),
            S.BlocksSinceLastStep.Get(netuid),
            S.Tempo.Get(netuid),
            S.NetworkModality.Get(netuid),
            S.EmissionValues.Get(netuid),
            S.Burn.Get(netuid),
            S.SubnetOwner.Get(netuid));
    }

    public byte[] GetSubnetInfoBytes(ushort netuid) => GetSubnetInfo(netuid)?.ToBytes() ?? [];

    /// <summary>Every existing subnet in ascending netuid order (each present, as the reference's <c>Vec&lt;Option&lt;_&gt;&gt;</c> holds them).</summary>
    public List<SubnetInfo> GetSubnetsInfo()
    {
        var netuids = new List<ushort>();
        foreach (var (netuid, added) in S.NetworksAdded.Entries())
        {
            if (added)
            {
                netuids.Add(netuid);
            }
        }

        netuids.Sort();
        return netuids.ConvertAll(n => GetSubnetInfo(n)!);
    }

    public byte[] GetSubnetsInfoBytes() => InfoCodec.Encode(w => w.WriteVector(GetSubnetsInfo(), (x, s) => x.WriteOption(s, (y, v) => v.Encode(y))));

    public SubnetHyperparams? GetSubnetHyperparams(ushort netuid)
    {
        if (!_module.NetworkExists(netuid))
        {
            return null;
        }

        return new SubnetHyperparams(
            S.Rho.Get(netuid),
            S.Kappa.Get(netuid),
            S.ImmunityPeriod.Get(netuid),
            S.MinAllowedWeights.Get(netuid),
            S.MaxWeightsLimit.Get(netuid),
            S.Tempo.Get(netuid),
            S.MinDifficulty.Get(netuid),
            S.MaxDifficulty.Get(netuid),
            S.WeightsVersionKey.Get(netuid),
            S.WeightsSetRateLimit.Get(netuid),
            S.AdjustmentInterval.Get(netuid),
            S.ActivityCutoff.Get(netuid),
            S.NetworkRegistrationAllowed.Get(netuid),
            S.TargetRegistrationsPerInterval.Get(netuid),
            S.MinBurn.Get(netuid),
            S.MaxBurn.Get(netuid),
            S.BondsMovingAverage.Get(netuid),
            S.MaxRegistrationsPerBlock.Get(netuid),
            S.ServingRateLimit.Get(netuid),
            S.MaxAllowedValidators.Get(netuid),
            S.AdjustmentAlpha.Get(netuid),
            S.Difficulty.Get(netuid));
    }

    public byte[] GetSubnetHyperparamsBytes(ushort netuid) => GetSubnetHyperparams(netuid)?.ToBytes() ?? [];

    // ---- delegates ------------------------------------------------------------------------------------------

    /// <summary>The delegate whose 32-byte hotkey is <paramref name="account"/>; null for another length or a non-delegate.</summary>
    public DelegateInfo? GetDelegate(ReadOnlySpan<byte> account)
    {
        if (account.Length != AccountId.Size)
        {
            return null;
        }

        var hotkey = new AccountId(account);
        return _module.IsDelegate(hotkey) ? BuildDelegate(hotkey) : null;
    }

    public byte[] GetDelegateBytes(ReadOnlySpan<byte> account) => GetDelegate(account)?.ToBytes() ?? [];

    /// <summary>Every delegate, in storage order of <c>Delegates</c>.</summary>
    public List<DelegateInfo> GetDelegates() => S.Delegates.Keys().ConvertAll(BuildDelegate);

    public byte[] GetDelegatesBytes() => InfoCodec.Encode(w => w.WriteVector(GetDelegates(), (x, d) => d.Encode(x)));

    /// <summary>Every delegate on which the coldkey <paramref name="account"/> has non-zero stake, with that stake.</summary>
    public List<(DelegateInfo Delegate, ulong Stake)> GetDelegated(ReadOnlySpan<byte> account)
    {
        var list = new List<(DelegateInfo, ulong)>();
        if (account.Length != AccountId.Size)
        {
            return list;
        }

        var coldkey = new AccountId(account);
        foreach (var hotkey in S.Delegates.Keys())
        {
            var stake = S.Stake.Get(hotkey, coldkey);
            if (stake != 0)
            {
                list.Add((BuildDelegate(hotkey), stake));
            }
        }

        return list;
    }

    public byte[] GetDelegatedBytes(ReadOnlySpan<byte> account)
    {
        var delegated = GetDelegated(account);
        return InfoCodec.Encode(w => w.WriteVector(delegated, (x, e) =>
        {
            e.Delegate.Encode(x);
            x.WriteCompact(e.Stake);
        }));
    }

    private DelegateInfo BuildDelegate(AccountId hotkey)
    {
        var nominators = new List<(AccountId, ulong)>();
        foreach (var (coldkey, stake) in S.Stake.Entries(hotkey))
        {
            if (stake > 0)
            {
                nominators.Add((coldkey, stake));
            }
        }

        var registrations = new List<ushort>();
        foreach (var (netuid, member) in S.IsNetworkMember.Entries(hotkey))
        {
            if (member)
            {
                registrations.Add(netuid);
            }
        }

        var permits = new List<ushort>();
        var daily = U64F64.Zero;
        foreach (var netuid in registrations)
        {
            if (!S.Uids.TryGet(netuid, hotkey, out var uid))
            {
                continue;
            }

            if (SubtensorModule.At(S.ValidatorPermit.Get(netuid), uid, false))
            {
                permits.Add(netuid);
            }

            var tempo = S.Tempo.Get(netuid);
            if (tempo == 0)
            {
                // The reference divides by zero here; a subnet that never runs an epoch earns nothing per day.
                continue;
            }

            var emission = U64F64.FromUInt(SubtensorModule.At(S.Emission.Get(netuid), uid, 0UL));
            var epochsPerDay = U64F64.FromUInt(BlocksPerDay) / U64F64.FromUInt(tempo);
            daily = SaturatingAdd(daily, SaturatingMul(emission, epochsPerDay));
        }

        var total = S.TotalHotkeyStake.Get(hotkey);
        return new DelegateInfo(
            hotkey,
            S.Delegates.Get(hotkey),
            nominators,
            S.Owner.Get(hotkey),
            registrations,
            permits,
            ReturnPer1000(daily, total),
            daily.ToU64());
    }

    /// <summary>
    /// <c>daily × 0.82 / (stake / 1000)</c> in U64F64, truncated to rao; 0 without stake. A quotient beyond the U64F64
    /// range (stake of a few rao) saturates instead of overflowing.
    /// </summary>
    public static ulong ReturnPer1000(U64F64 dailyEmission, ulong totalStake)
    {
        if (totalStake == 0)
        {
            return 0;
        }

        var numerator = SaturatingMul(dailyEmission, ValidatorReturnShare);
        var perThousand = U64F64.FromUInt(totalStake) / U64F64.FromUInt(1000);
        try
        {
            return (numerator / perThousand).ToU64();
        }
        catch (OverflowException)
        {
            return ulong.MaxValue;
        }
    }

    private static U64F64 SaturatingMul(U64F64 a, U64F64 b) => U64F64.TryMultiply(a, b, out var r) ? r : U64F64.MaxValue;

    private static U64F64 SaturatingAdd(U64F64 a, U64F64 b) => a.Raw > U64F64.MaxValue.Raw - b.Raw ? U64F64.MaxValue : a + b;

    // ---- stake ----------------------------------------------------------------------------------------------

    /// <summary>Every <c>Stake</c> entry (zeros included) of the 32-byte coldkey <paramref name="account"/>; empty for another length.</summary>
    public List<StakeInfo> GetStakeInfoForColdkey(ReadOnlySpan<byte> account)
    {
        var list = new List<StakeInfo>();
        if (account.Length != AccountId.Size)
        {
            return list;
        }

        var coldkey = new AccountId(account);
        foreach (var (hotkey, staker, stake) in S.Stake.All())
        {
            if (staker == coldkey)
            {
                list.Add(new StakeInfo(hotkey, coldkey, stake));
            }
        }

        return list;
    }

    public byte[] GetStakeInfoForColdkeyBytes(ReadOnlySpan<byte> account)
    {
        var stakes = GetStakeInfoForColdkey(account);
        return InfoCodec.Encode(w => w.WriteVector(stakes, (x, s) => s.Encode(x)));
    }

    /// <summary>(coldkey, its stake entries) for every valid 32-byte key of <paramref name="accounts"/>, in the given order.</summary>
    public List<(AccountId Coldkey, List<StakeInfo> Stakes)> GetStakeInfoForColdkeys(IReadOnlyList<byte[]> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var list = new List<(AccountId, List<StakeInfo>)>();
        foreach (var account in accounts)
        {
            if (account is { Length: AccountId.Size })
            {
                list.Add((new AccountId(account), GetStakeInfoForColdkey(account)));
            }
        }

        return list;
    }

    public byte[] GetStakeInfoForColdkeysBytes(IReadOnlyList<byte[]> accounts) =>
        InfoCodec.Encode(w => w.WriteVector(GetStakeInfoForColdkeys(accounts), (x, e) =>
        {
            e.Coldkey.Write(x);
            x.WriteVector(e.Stakes, (y, s) => s.Encode(y));
        }));

    // ---- lock cost ------------------------------------------------------------------------------------------

    /// <summary>The current subnet lock cost (chain spec §7.5).</summary>
    public ulong NetworkLockCost() => _module.NetworkLockCost();

    public byte[] NetworkLockCostBytes() => InfoCodec.Encode(w => w.WriteU64(NetworkLockCost()));

    /// <summary>
    /// The whole subnet in one answer (<see cref="MetagraphInfo"/>), or null when the subnet does not exist. Weights
    /// and bonds rows are included only with <paramref name="withWeightsAndBonds"/>.
    /// </summary>
    public MetagraphInfo? GetMetagraph(ushort netuid, bool withWeightsAndBonds)
    {
        if (!S.NetworksAdded.Get(netuid))
        {
            return null;
        }

        var n = S.SubnetworkN.Get(netuid);
        var hotkeys = new AccountId[n];
        var coldkeys = new AccountId[n];
        var stake = new ulong[n];
        var registered = new ulong[n];
        var axons = new AxonInfo[n];
        for (ushort uid = 0; uid < n; uid++)
        {
            var hotkey = S.Keys.Get(netuid, uid);
            hotkeys[uid] = hotkey;
            coldkeys[uid] = S.Owner.Get(hotkey);
            stake[uid] = S.TotalHotkeyStake.Get(hotkey);
            registered[uid] = S.BlockAtRegistration.Get(netuid, uid);
            axons[uid] = S.Axons.Get(netuid, hotkey);
        }

        IReadOnlyList<IReadOnlyList<(ushort, ushort)>>? weights = null;
        IReadOnlyList<IReadOnlyList<(ushort, ushort)>>? bonds = null;
        if (withWeightsAndBonds)
        {
            var w = new IReadOnlyList<(ushort, ushort)>[n];
            var b = new IReadOnlyList<(ushort, ushort)>[n];
            for (ushort uid = 0; uid < n; uid++)
            {
                w[uid] = S.Weights.Get(netuid, uid);
                b[uid] = S.Bonds.Get(netuid, uid);
            }

            weights = w;
            bonds = b;
        }

        return new MetagraphInfo(
            netuid,
            _module.Block,
            hotkeys,
            coldkeys,
            stake,
            Column(S.Active.Get(netuid), n, true),
            Column(S.Rank.Get(netuid), n, (ushort)0),
            Column(S.Trust.Get(netuid), n, (ushort)0),
            Column(S.Consensus.Get(netuid), n, (ushort)0),
            Column(S.Incentive.Get(netuid), n, (ushort)0),
            Column(S.Dividends.Get(netuid), n, (ushort)0),
            Column(S.Emission.Get(netuid), n, 0UL),
            Column(S.ValidatorTrust.Get(netuid), n, (ushort)0),
            Column(S.ValidatorPermit.Get(netuid), n, false),
            Column(S.PruningScores.Get(netuid), n, ushort.MaxValue),
            Column(S.LastUpdate.Get(netuid), n, 0UL),
            registered,
            axons,
            weights,
            bonds);
    }

    public byte[] GetMetagraphBytes(ushort netuid, bool withWeightsAndBonds) => GetMetagraph(netuid, withWeightsAndBonds)?.ToBytes() ?? [];

    private static T[] Column<T>(IReadOnlyList<T> stored, ushort n, T missing)
    {
        var column = new T[n];
        for (var i = 0; i < n; i++)
        {
            column[i] = i < stored.Count ? stored[i] : missing;
        }

        return column;
    }
}
