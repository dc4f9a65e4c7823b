using Bittensor.Runtime.Subtensor.Info;

namespace Bittensor.Runtime.Tests.Chain.Info;

/// <summary>The compact metagraph agrees with the per-neuron queries and survives its encoding.</summary>
public sealed class MetagraphInfoTests
{
    [Fact]
    public void TheMetagraphEqualsTheNeuronQueriesColumnByColumn_AndRoundTrips()
    {
        var chain = BlockStep.EpochHeavyChain.Build(subnets: 2, neurons: 12, validators: 4, weightsPerRow: 6);
        chain.NextBlock();
        var info = new SubtensorInfo(chain.Runtime.Subtensor);

        var metagraph = info.GetMetagraph(2, withWeightsAndBonds: true)!;
        Assert.Equal(12, metagraph.Count);
        for (ushort uid = 0; uid < 12; uid++)
        {
            var neuron = info.GetNeuron(2, uid)!;
            Assert.Equal(neuron.Hotkey, metagraph.Hotkeys[uid]);
            Assert.Equal(neuron.Coldkey, metagraph.Coldkeys[uid]);
            Assert.Equal(neuron.Stake.Sum(s => (decimal)s.Stake), metagraph.Stake[uid]);
            Assert.Equal(neuron.Rank, metagraph.Rank[uid]);
            Assert.Equal(neuron.Incentive, metagraph.Incentive[uid]);
            Assert.Equal(neuron.Dividends, metagraph.Dividends[uid]);
            Assert.Equal(neuron.Emission, metagraph.Emission[uid]);
            Assert.Equal(neuron.ValidatorPermit, metagraph.ValidatorPermit[uid]);
            Assert.Equal(neuron.PruningScore, metagraph.PruningScore[uid]);
            Assert.Equal(neuron.Weights.Select(w => (w.Uid, w.Value)), metagraph.Weights![uid].Where(w => w.Value > 0));
        }

        Assert.Contains(metagraph.Incentive, v => v > 0);
        var decoded = MetagraphInfo.Decode(metagraph.ToBytes());
        Assert.Equal(metagraph.ToBytes(), decoded.ToBytes());

        var lite = info.GetMetagraph(2, withWeightsAndBonds: false)!;
        Assert.Null(lite.Weights);
        Assert.True(lite.ToBytes().Length < metagraph.ToBytes().Length);
        Assert.Null(info.GetMetagraph(9, withWeightsAndBonds: false));
        Assert.Empty(info.GetMetagraphBytes(9, false));
    }

    [Fact]
    public void TruncatedMetagraphBytesAreRejected()
    {
        var chain = BlockStep.EpochHeavyChain.Build(subnets: 1, neurons: 4, validators: 2, weightsPerRow: 2);
        var bytes = new SubtensorInfo(chain.Runtime.Subtensor).GetMetagraphBytes(1, true);
        for (var cut = 0; cut < bytes.Length; cut += 7)
        {
            Assert.Throws<Primitives.Scale.ScaleFormatException>(() => MetagraphInfo.Decode(bytes.AsSpan(0, cut)));
        }
    }
}
