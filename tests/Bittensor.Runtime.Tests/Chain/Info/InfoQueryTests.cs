using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.FixedPoint;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Subtensor.Info;
using Bittensor.Runtime.Tests.Chain.BlockStep;

namespace Bittensor.Runtime.Tests.Chain.Info;

/// <summary>Chain spec §8: the info queries, their SCALE layouts and the empty answers for missing objects.</summary>
public sealed class InfoQueryTests
{
    private static readonly AccountId Hot0 = SubnetBuilder.Hot(0);
    private static readonly AccountId Cold0 = SubnetBuilder.Cold(0);
    private static readonly AccountId Cold1 = SubnetBuilder.Cold(1);

    private static (TestChain Chain, SubnetBuilder Build, SubtensorInfo Info) Chain()
    {
        var chain = new TestChain();
        return (chain, new SubnetBuilder(chain), new SubtensorInfo(chain.Runtime.Subtensor));
    }

    /// <summary>Subnet 1 with two neurons; uid 0 has weights (one zero), bonds, an axon and a nominator with zero stake.</summary>
    private static (TestChain Chain, SubnetBuilder Build, SubtensorInfo Info) TwoNeurons()
    {
        var (chain, build, info) = Chain();
        chain.SetBlock(5);
        build.Network(1, 360, owner: TestChain.Account(99), emissionPerBlock: 321);
        build.Neuron(1, Hot0, Cold0, 700);
        build.Neuron(1, SubnetBuilder.Hot(1), Cold1, 300);
        build.S.Stake.Set(Hot0, Cold1, 0);
        build.Weights(1, 0, (1, 65535), (0, 0));
        build.S.Bonds.Set(1, 0, [(1, 9), (0, 0)]);
        build.S.Axons.Set(1, Hot0, new AxonInfo(5, 7, 0x7F000001, 8091, 4, 1, 0, 0));
        build.S.Rank.Set(1, [11, 12]);
        build.S.Emission.Set(1, [100_000UL, 5]);
        build.S.PruningScores.Set(1, [13]);
        return (chain, build, info);
    }

    [Fact]
    public void NeuronInfo_FieldsFromStorage_InSpecOrderWithCompacts()
    {
        var (_, _, info) = TwoNeurons();
        var neuron = info.GetNeuron(1, 0)!;

        Assert.Equal(Hot0, neuron.Hotkey);
        Assert.Equal(Cold0, neuron.Coldkey);
        Assert.Equal([(Cold0, 700UL), (Cold1, 0UL)], neuron.Stake.OrderBy(e => e.Coldkey).ToList());
        Assert.Equal([((ushort)1, (ushort)65535)], neuron.Weights);
        Assert.Equal([((ushort)1, (ushort)9)], neuron.Bonds);
        Assert.Equal((ushort)13, neuron.PruningScore);
        Assert.Equal(5UL, neuron.LastUpdate);
        Assert.Equal((ushort)65535, info.GetNeuron(1, 1)!.PruningScore); // out of range: 65535

        var w = new ScaleWriter();
        Hot0.Write(w);
        Cold0.Write(w);
        w.WriteU8(0); // uid 0, compact
        w.WriteU8(1 << 2); // netuid 1, compact
        w.WriteBool(true);
        AxonInfo.Codec.Encode(w, new AxonInfo(5, 7, 0x7F000001, 8091, 4, 1, 0, 0));
        PrometheusInfo.Codec.Encode(w, PrometheusInfo.Empty);
        w.WriteCompact(2UL);
        foreach (var (coldkey, stake) in neuron.Stake)
        {
            coldkey.Write(w);
            w.WriteCompact(stake);
        }

        w.WriteU8(11 << 2); // rank
        w.WriteFixed([0x82, 0x1A, 0x06, 0x00]); // emission 100 000, four-byte compact
        w.WriteFixed([0, 0, 0, 0, 0]); // incentive, consensus, trust, validator trust, dividends
        w.WriteU8(5 << 2); // last update
        w.WriteBool(false);
        w.WriteFixed([1 << 2, 1 << 2, 0xFE, 0xFF, 0x03, 0x00]); // weights [(1, 65535)]
        w.WriteFixed([1 << 2, 1 << 2, 9 << 2]); // bonds [(1, 9)]
        w.WriteU8(13 << 2);
        Assert.Equal(w.ToArray(), info.GetNeuronBytes(1, 0));

        var r = new ScaleReader(info.GetNeuronBytes(1, 0));
        var decoded = NeuronInfo.Decode(ref r);
        Assert.True(r.IsAtEnd);
        Assert.Equal(neuron.ToBytes(), decoded.ToBytes());
        Assert.Equal(neuron.Hotkey, decoded.Hotkey);
        Assert.Equal(neuron.Emission, decoded.Emission);
    }

    [Fact]
    public void NeuronInfoLite_IsNeuronInfoWithoutWeightsAndBonds()
    {
        var (_, _, info) = TwoNeurons();
        var full = info.GetNeuronBytes(1, 0);
        var lite = info.GetNeuronLiteBytes(1, 0);

        // Full = lite without its last byte (pruning score) + weights (6 bytes) + bonds (3 bytes) + pruning score.
        Assert.Equal(lite.Length + 9, full.Length);
        Assert.Equal(lite[..^1], full[..(lite.Length - 1)]);
        var r = new ScaleReader(lite);
        var decoded = NeuronInfoLite.Decode(ref r);
        Assert.True(r.IsAtEnd);
        Assert.Equal(lite, decoded.ToBytes());
        Assert.Equal((ushort)13, decoded.PruningScore);
    }

    [Fact]
    public void MissingObjects_AnswerEmptyBytes_AndMissingListsAnEmptyVector()
    {
        var (_, _, info) = TwoNeurons();
        Assert.Empty(info.GetNeuronBytes(1, 2));
        Assert.Empty(info.GetNeuronBytes(2, 0));
        Assert.Empty(info.GetNeuronLiteBytes(2, 0));
        Assert.Empty(info.GetSubnetInfoBytes(2));
        Assert.Empty(info.GetSubnetHyperparamsBytes(2));
        Assert.Empty(info.GetDelegateBytes(Hot0.ToArray())); // not a delegate
        Assert.Empty(info.GetDelegateBytes(new byte[31]));
        Assert.Equal([0], info.GetNeuronsBytes(2));
        Assert.Equal([0], info.GetNeuronsLiteBytes(2));
        Assert.Equal([0], info.GetDelegatesBytes());
        Assert.Equal([0], info.GetDelegatedBytes(new byte[5]));
        Assert.Equal([0], info.GetStakeInfoForColdkeyBytes(new byte[33]));
    }

    [Fact]
    public void GetNeurons_StopsAtTheFirstUnoccupiedUid()
    {
        var (_, build, info) = TwoNeurons();
        build.Neuron(1, SubnetBuilder.Hot(2), Cold1, 1);
        Assert.Equal(3, info.GetNeurons(1).Count);
        build.S.Keys.Remove(1, 1);
        var neurons = info.GetNeurons(1);
        Assert.Equal([(ushort)0], neurons.Select(n => n.Uid));
        var bytes = info.GetNeuronsBytes(1);
        Assert.Equal(1 << 2, bytes[0]);
        Assert.Equal(info.GetNeuronBytes(1, 0), bytes[1..]);
        Assert.Equal(info.GetNeuronLiteBytes(1, 0), info.GetNeuronsLiteBytes(1)[1..]);
    }

    [Fact]
    public void SubnetInfo_ReportsStorage_WithAnEmptyNetworkConnect()
    {
        var (_, build, info) = TwoNeurons();
        build.S.Difficulty.Set(1, 1UL << 40);
        var subnet = info.GetSubnetInfo(1)!;
        Assert.Equal(new SubnetInfo(1, 10, 32_767, 1UL << 40, 4096, 64, 1024, 1000, 50, 2, 4096, 0, 360, 0, 321, 1_000_000_000, TestChain.Account(99)), subnet);

        var bytes = info.GetSubnetInfoBytes(1);
        var r = new ScaleReader(bytes);
        Assert.Equal(subnet, SubnetInfo.Decode(ref r));
        Assert.True(r.IsAtEnd);

        // ... tempo 360 (two bytes), modality 0, network_connect [] (0), emission 321 (two bytes), burn 1e9 (four bytes), owner.
        Assert.Equal(TestChain.Account(99).ToArray(), bytes[^32..]);
        Assert.Equal([0xA1, 0x05, 0x00, 0x00, 0x05, 0x05, 0x02, 0x28, 0x6B, 0xEE], bytes[^42..^32]);
    }

    [Fact]
    public void SubnetsInfo_IsAVectorOfSomeForEveryExistingNetuidAscending()
    {
        var (_, build, info) = TwoNeurons();
        build.Network(5, 99).Network(0, 100);
        Assert.Equal([(ushort)0, 1, 5], info.GetSubnetsInfo().Select(s => s.Netuid));
        var bytes = info.GetSubnetsInfoBytes();
        var expected = new ScaleWriter();
        expected.WriteU8(3 << 2);
        foreach (ushort netuid in new ushort[] { 0, 1, 5 })
        {
            expected.WriteU8(1);
            expected.WriteFixed(info.GetSubnetInfoBytes(netuid));
        }

        Assert.Equal(expected.ToArray(), bytes);
    }

    [Fact]
    public void SubnetHyperparams_FieldOrder()
    {
        var (_, build, info) = TwoNeurons();
        var s = build.S;
        s.Rho.Set(1, 1);
        s.Kappa.Set(1, 2);
        s.ImmunityPeriod.Set(1, 3);
        s.MinAllowedWeights.Set(1, 4);
        s.MaxWeightsLimit.Set(1, 5);
        s.Tempo.Set(1, 6);
        s.MinDifficulty.Set(1, 7);
        s.MaxDifficulty.Set(1, 8);
        s.WeightsVersionKey.Set(1, 9);
        s.WeightsSetRateLimit.Set(1, 10);
        s.AdjustmentInterval.Set(1, 11);
        s.ActivityCutoff.Set(1, 12);
        s.NetworkRegistrationAllowed.Set(1, true);
        s.TargetRegistrationsPerInterval.Set(1, 13);
        s.MinBurn.Set(1, 14);
        s.MaxBurn.Set(1, 15);
        s.BondsMovingAverage.Set(1, 16);
        s.MaxRegistrationsPerBlock.Set(1, 17);
        s.ServingRateLimit.Set(1, 18);
        s.MaxAllowedValidators.Set(1, 19);
        s.AdjustmentAlpha.Set(1, 20);
        s.Difficulty.Set(1, 21);

        var bytes = info.GetSubnetHyperparamsBytes(1);

        byte[] expected = [.. Enumerable.Range(1, 12).Select(v => (byte)(v << 2)), 1, .. Enumerable.Range(13, 9).Select(v => (byte)(v << 2))];
        Assert.Equal(expected, bytes);
        var r = new ScaleReader(bytes);
        Assert.Equal(info.GetSubnetHyperparams(1), SubnetHyperparams.Decode(ref r));
    }

    [Fact]
    public void DelegateInfo_NominatorsRegistrationsPermitsAndReturns()
    {
        var (_, build, info) = TwoNeurons();
        var s = build.S;
        s.Delegates.Set(Hot0, 5898);
        s.ValidatorPermit.Set(1, [true, false]);
        build.Network(2, 99);
        build.S.IsNetworkMember.Set(Hot0, 3, true); // stale membership of a removed subnet: no uid, skipped
        var d = info.GetDelegate(Hot0.ToArray())!;

        Assert.Equal((ushort)5898, d.Take);
        Assert.Equal([(Cold0, 700UL)], d.Nominators); // the zero stake of Cold1 is left out
        Assert.Equal(Cold0, d.Owner);
        Assert.Equal([(ushort)1, 3], d.Registrations);
        Assert.Equal([(ushort)1], d.ValidatorPermits);

        // Emission 100 000 per epoch, 7200 / 360 = 20 epochs a day: 2 000 000 a day; stake 700 → per 1000 rao:
        // 2e6 × 0.82 / 0.7 = 2 342 857.14…
        Assert.Equal(2_000_000UL, d.TotalDailyReturn);
        Assert.Equal(2_342_857UL, d.ReturnPer1000);

        var bytes = info.GetDelegateBytes(Hot0.ToArray());
        var r = new ScaleReader(bytes);
        var decoded = DelegateInfo.Decode(ref r);
        Assert.True(r.IsAtEnd);
        Assert.Equal(bytes, decoded.ToBytes());
        Assert.Equal(bytes, info.GetDelegatesBytes()[1..]);
    }

    [Fact]
    public void ReturnPer1000_UsesTheReferenceDoubleFor082()
    {
        // 0.82 as a double is slightly below 0.82: 50 rao a day on 1000 rao stake returns 40, not 41.
        Assert.Equal(new UInt128(0, 15_126_330_140_441_831_424), SubtensorInfo.ValidatorReturnShare.Raw);
        Assert.Equal(40UL, SubtensorInfo.ReturnPer1000(U64F64.FromUInt(50), 1000));
        Assert.Equal(81UL, SubtensorInfo.ReturnPer1000(U64F64.FromUInt(1000), 10_000)); // 81.999…
        Assert.Equal(82UL, SubtensorInfo.ReturnPer1000(U64F64.FromUInt(1001), 10_000));
        Assert.Equal(0UL, SubtensorInfo.ReturnPer1000(U64F64.FromUInt(1000), 0));
    }

    [Fact]
    public void Delegated_ListsDelegatesWithTheColdkeysNonZeroStake()
    {
        var (_, build, info) = TwoNeurons();
        build.S.Delegates.Set(Hot0, 5898);
        build.S.Delegates.Set(SubnetBuilder.Hot(1), 5898);
        var delegated = info.GetDelegated(Cold1.ToArray());
        var only = Assert.Single(delegated);
        Assert.Equal(SubnetBuilder.Hot(1), only.Delegate.Delegate);
        Assert.Equal(300UL, only.Stake);
        var bytes = info.GetDelegatedBytes(Cold1.ToArray());
        Assert.Equal([.. new byte[] { 1 << 2 }, .. only.Delegate.ToBytes(), .. new byte[] { 0xB1, 0x04 }], bytes);
    }

    [Fact]
    public void StakeInfo_AllEntriesOfAColdkey_ZerosIncluded()
    {
        var (_, _, info) = TwoNeurons();
        var stakes = info.GetStakeInfoForColdkey(Cold1.ToArray());
        Assert.Equal(2, stakes.Count);
        Assert.Contains(new StakeInfo(Hot0, Cold1, 0), stakes);
        Assert.Contains(new StakeInfo(SubnetBuilder.Hot(1), Cold1, 300), stakes);
        var one = new StakeInfo(Hot0, Cold1, 300).ToBytes();
        Assert.Equal([.. Hot0.ToArray(), .. Cold1.ToArray(), 0xB1, 0x04], one);

        var many = info.GetStakeInfoForColdkeys([Cold0.ToArray(), new byte[3], Cold1.ToArray()]);
        Assert.Equal([Cold0, Cold1], many.Select(e => e.Coldkey));
        var bytes = info.GetStakeInfoForColdkeysBytes([Cold0.ToArray()]);
        Assert.Equal([.. new byte[] { 1 << 2 }, .. Cold0.ToArray(), .. info.GetStakeInfoForColdkeyBytes(Cold0.ToArray())], bytes);
    }

    [Fact]
    public void LockCost_DoublesOnCreationAndDecaysToTheMinimum()
    {
        var (chain, build, info) = Chain();
        var s = build.S;
        s.NetworkMinLockCost.Set(100_000_000_000);
        s.NetworkLastLockCost.Set(100_000_000_000);
        s.NetworkLockReductionInterval.Set(2);
        chain.SetBlock(1);
        Assert.Equal(100_000_000_000UL, info.NetworkLockCost());

        s.NetworkLastRegistered.Set(1);
        Assert.Equal(200_000_000_000UL, info.NetworkLockCost());
        chain.SetBlock(2);
        Assert.Equal(150_000_000_000UL, info.NetworkLockCost());
        chain.SetBlock(3);
        Assert.Equal(100_000_000_000UL, info.NetworkLockCost());
        chain.SetBlock(4);
        Assert.Equal(100_000_000_000UL, info.NetworkLockCost());
        Assert.Equal(BitConverter.GetBytes(100_000_000_000UL), info.NetworkLockCostBytes());

        s.NetworkLockReductionInterval.Set(0);
        Assert.Equal(200_000_000_000UL, info.NetworkLockCost());
    }
}
