using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;
using Bittensor.Sdk.Tests.Support;
using R = Bittensor.Runtime.Subtensor;
using RI = Bittensor.Runtime.Subtensor.Info;
using S = Bittensor.Sdk.Subtensor;

namespace Bittensor.Sdk.Tests.Subtensor;

/// <summary>
/// The SDK's decoders read what the runtime's encoders write, field by field: every field gets a value distinct from
/// its neighbours', so reading two fields in the wrong order cannot pass.
/// </summary>
public sealed class InfoDecodingTests
{
    private static AccountId Account(byte b) => new(Enumerable.Repeat(b, 32).ToArray());

    private static R.AxonInfo Axon(ulong seed) => new(seed, (uint)seed + 1, 0x0102_0304 + (UInt128)seed, (ushort)(8091 + seed), 4, 5, 6, 7);

    private static RI.NeuronInfo Neuron(ushort uid) => new(
        Account(1), Account(2), uid, 3, true, Axon(10), new R.PrometheusInfo(20, 21, 22, 23, 6),
        [(Account(4), 1_000), (Account(5), 0)], 101, 102_000_000_000, 103, 104, 105, 106, 107, 108, true,
        [(0, 11), (7, 65_535)], [(2, 12)], 109);

    private static T Decode<T>(byte[] bytes, InfoReaderItem<T> read)
    {
        var r = new ScaleReader(bytes);
        var value = read(ref r);
        r.EnsureEnd("test value");
        return value;
    }

    private delegate T InfoReaderItem<T>(ref ScaleReader r);

    [Fact]
    public void Neurons_full_and_lite_decode_what_the_runtime_encodes()
    {
        var neuron = Neuron(9);
        SameShape.Assert(neuron, Decode(neuron.ToBytes(), S.NeuronInfo.Read));
        SameShape.Assert(neuron.ToLite(), Decode(neuron.ToLite().ToBytes(), S.NeuronInfoLite.Read));
        Assert.Equal(1_000UL, Decode(neuron.ToBytes(), S.NeuronInfo.Read).TotalStake);
    }

    [Fact]
    public void Subnets_hyperparameters_delegates_and_stakes_decode_what_the_runtime_encodes()
    {
        var subnet = new RI.SubnetInfo(1, 2, 3, 4_000_000, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15_000, 16_000_000_000, Account(17));
        SameShape.Assert(subnet, Decode(subnet.ToBytes(), S.SubnetInfo.Read));

        var hyper = new RI.SubnetHyperparams(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, true, 14, 15, 16, 17, 18, 19, 20, 21, 22);
        SameShape.Assert(hyper, Decode(hyper.ToBytes(), S.SubnetHyperparams.Read));

        var delegateInfo = new RI.DelegateInfo(Account(1), 11_796, [(Account(2), 3), (Account(4), 5)], Account(6), [1, 3], [3], 7, 8);
        SameShape.Assert(delegateInfo, Decode(delegateInfo.ToBytes(), S.DelegateInfo.Read));

        var stake = new RI.StakeInfo(Account(1), Account(2), 3);
        SameShape.Assert(stake, Decode(stake.ToBytes(), S.StakeInfo.Read));
    }

    [Fact]
    public void The_metagraph_decodes_what_the_runtime_encodes()
    {
        var metagraph = new RI.MetagraphInfo(
            4, 1234, [Account(1), Account(2)], [Account(3), Account(4)], [5, 6], [true, false], [7, 8], [9, 10], [11, 12], [13, 14],
            [15, 16], [17, 18], [19, 20], [false, true], [21, 22], [23, 24], [25, 26], [Axon(1), Axon(2)],
            [[(1, 27)], []], [[], [(0, 28), (1, 29)]]);
        SameShape.Assert(metagraph, Decode(metagraph.ToBytes(), S.MetagraphInfo.Read));

        var lite = metagraph with { Weights = null, Bonds = null };
        var decoded = Decode(lite.ToBytes(), S.MetagraphInfo.Read);
        SameShape.Assert(lite, decoded);
        Assert.Null(decoded.Bonds);
    }

    [Fact]
    public void Axon_addresses_read_as_the_reference_writes_them()
    {
        var v4 = new S.AxonInfo(1, 2, 0x7F00_0001, 8091, 4, 0, 0, 0);
        Assert.Equal("127.0.0.1", v4.Address!.ToString());
        Assert.Equal("/ipv4/127.0.0.1:8091", v4.ToString());
        Assert.True(v4.IsServing);

        var v6 = new S.AxonInfo(1, 2, UInt128.One, 9000, 6, 0, 0, 0);
        Assert.Equal("::1", v6.Address!.ToString());
        Assert.Null(new S.AxonInfo(0, 0, 0, 0, 0, 0, 0, 0).Address);
        Assert.Null(new S.AxonInfo(0, 0, UInt128.MaxValue, 1, 4, 0, 0, 0).Address);
    }

    [Fact]
    public void Truncated_or_oversized_answers_are_format_errors_naming_the_field()
    {
        var bytes = Neuron(1).ToBytes();
        var truncated = Assert.Throws<ScaleFormatException>(() => Decode(bytes[..^3], S.NeuronInfo.Read));
        Assert.False(string.IsNullOrEmpty(truncated.Message));

        var w = new ScaleWriter();
        w.WriteCompact(70_000UL);
        var e = Assert.Throws<ScaleFormatException>(() => Decode(w.ToArray(), (ref ScaleReader r) => S.InfoReader.CompactU16(ref r, "uid")));
        Assert.Contains("uid", e.Message, StringComparison.Ordinal);

        Assert.Null(S.InfoReader.Optional(ReadOnlySpan<byte>.Empty, "neuron", S.NeuronInfo.Read));
    }
}
