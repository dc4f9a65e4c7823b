using System.Text;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Sdk.Tests.Axon;

public sealed class SynapseTensorTests
{
    [Fact]
    public void Int64Tensor_IsMsgpackNumpysMapInBase64()
    {
        var tensor = SynapseTensor.FromInt64([1, 258], 2);

        // msgpack_numpy's map for np.array([1, 258], dtype='<i8') (spec §2A): bin keys, in its order.
        var expected = new List<byte> { 0x85, 0xc4, 2 };
        expected.AddRange("nd"u8.ToArray());
        expected.AddRange([0xc3, 0xc4, 4]);
        expected.AddRange("type"u8.ToArray());
        expected.Add(0xa3);
        expected.AddRange("<i8"u8.ToArray());
        expected.AddRange([0xc4, 4]);
        expected.AddRange("kind"u8.ToArray());
        expected.AddRange([0xc4, 0, 0xc4, 5]);
        expected.AddRange("shape"u8.ToArray());
        expected.AddRange([0x91, 2, 0xc4, 4]);
        expected.AddRange("data"u8.ToArray());
        expected.AddRange([0xc4, 16, 1, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0]);

        Assert.Equal(Convert.ToBase64String([.. expected]), tensor.Buffer);
        Assert.Equal("torch.int64", tensor.Dtype);
        Assert.Equal([2L], tensor.Shape);
        tensor.Validate("t", TensorDtype.Int64, 1, 10);
        Assert.Equal([1L, 258L], tensor.ToInt64());
    }

    [Fact]
    public void Float32Tensor_RoundTripsThroughJson()
    {
        var values = Enumerable.Range(0, 300).Select(i => i / 7f).ToArray();
        var synapse = new TextLastHiddenState { HiddenStates = SynapseTensor.FromFloat32(values, 1, 3, 100) };
        var back = SynapseJson.Deserialize<TextLastHiddenState>(SynapseJson.Serialize(synapse));
        back.HiddenStates!.Validate("hidden_states", TensorDtype.Float32, 3, 1000);
        Assert.Equal(values, back.HiddenStates.ToFloat32());
    }

    [Fact]
    public void BareNumpyDtypeName_IsAccepted()
    {
        var tensor = SynapseTensor.FromInt64([5], 1);
        tensor.Dtype = "int64";
        tensor.Validate("t", TensorDtype.Int64, 1, 10);
    }

    [Theory]
    [InlineData("dtype", "torch.float32", "expected torch.int64")]
    [InlineData("dtype", "torch.complex64", "unknown dtype")]
    [InlineData("shape", "3", "differs from shape")]
    [InlineData("rank", "", "expected 2")]
    [InlineData("buffer", "!!!", "not standard base64")]
    [InlineData("buffer", "gA==", "lacks one of")]
    [InlineData("elements", "", "exceeds 3 elements")]
    public void BrokenTensor_IsRefusedNamingTheProblem(string what, string value, string expected)
    {
        var tensor = SynapseTensor.FromInt64([1, 2], 2);
        var rank = 1;
        var max = 10L;
        switch (what)
        {
            case "dtype": tensor.Dtype = value; break;
            case "shape": tensor.Shape = [long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)]; break;
            case "rank": rank = 2; break;
            case "buffer": tensor.Buffer = value; break;
            case "elements": tensor = SynapseTensor.FromInt64([1, 2, 3, 4], 4); max = 3; break;
        }

        var error = Assert.Throws<SynapseException>(() => tensor.Validate("token_ids", TensorDtype.Int64, rank, max));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("token_ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataShorterThanShape_IsRefused()
    {
        var good = SynapseTensor.FromInt64([1, 2], 2);
        var raw = Convert.FromBase64String(good.Buffer);
        raw[^17] = 8; // the data's bin8 length: 16 → 8 bytes, and drop the last 8
        var tensor = new SynapseTensor { Buffer = Convert.ToBase64String(raw.AsSpan(0, raw.Length - 8)), Dtype = good.Dtype, Shape = good.Shape };
        var error = Assert.Throws<SynapseException>(() => tensor.Validate("t", TensorDtype.Int64, 1, 10));
        Assert.Contains("8 data bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyHash_MatchesTheSpecVectors()
    {
        Assert.Equal("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", new Ping().ComputeBodyHash());
        Assert.Equal("cd1ba9b9d9fae7c1e56ddf6aa2947ad2e0b83b96bd91dd4b67fc560e83589bad", new HelloSynapse().ComputeBodyHash());
    }

    [Fact]
    public void TensorHashField_IsPythonsStrOfTheDict()
    {
        var synapse = new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64([1, 2], 1, 2) };
        var repr = $"{{'buffer': '{synapse.TokenIds.Buffer}', 'dtype': 'torch.int64', 'shape': [1, 2]}}";
        Assert.Equal(Synapse.Sha3Hex(Synapse.Sha3Hex(repr)), synapse.ComputeBodyHash());
    }

    [Fact]
    public void Headers_CarryTheFieldsOfSpec2B()
    {
        var synapse = new TextCausalLMNext { Timeout = 12 };
        synapse.Dendrite.Nonce = 5;
        synapse.Dendrite.Hotkey = "hk";
        var headers = SynapseHeaders.ToHeaders(synapse).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        Assert.Equal("TextCausalLMNext", headers["name"]);
        Assert.Equal("12.0", headers["timeout"]);
        Assert.Equal("5", headers["bt_header_dendrite_nonce"]);
        Assert.Equal("hk", headers["bt_header_dendrite_hotkey"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{}")), headers["bt_header_input_obj_token_ids"]);
        Assert.True(headers.ContainsKey("computed_body_hash"));
        Assert.False(headers.ContainsKey("bt_header_dendrite_signature"));
    }

    private sealed class HelloSynapse : Synapse
    {
        public override string SynapseName => "Hello";

        protected internal override IEnumerable<string> HashFieldValues() => ["hello"];
    }
}
