using System.Text.Json.Nodes;
using Bittensor.Node.Rpc;
using Bittensor.Node.Rpc.Modules;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor.Info;

namespace Bittensor.Node.Tests.Rpc;

public sealed class SubtensorRpcModuleTests
{
    private readonly JsonRpcProcessor _processor;

    public SubtensorRpcModuleTests()
    {
        var runtime = new ChainRuntime(new InMemoryKeyValueStore());
        GenesisBuilder.Build(runtime, ChainSpecPresets.Dev());
        var methods = new RpcMethods();
        SubtensorRpcModule.Register(methods, new FixedStateReader(runtime));
        _processor = new JsonRpcProcessor(methods);
    }

    private async Task<JsonNode> Call(string method, string paramsJson)
    {
        var body = $$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{paramsJson}}}""";
        return JsonNode.Parse((await _processor.ProcessAsync(body, null, CancellationToken.None))!)!;
    }

    private static byte[] Hex(JsonNode response) => Convert.FromHexString(response["result"]!.GetValue<string>()[2..]);

    [Fact(Timeout = 10_000)]
    public async Task SubnetInfoComesBackAsScaleHex_AndMissingSubnetsAsEmptyBytes()
    {
        var info = Hex(await Call("subnetInfo_getSubnetInfo", "[1]"));
        var r = new Primitives.Scale.ScaleReader(info);
        Assert.Equal(1UL, r.ReadCompact());
        Assert.Empty(Hex(await Call("subnetInfo_getSubnetInfo", "[9]")));
        Assert.NotEmpty(Hex(await Call("subnetInfo_getSubnetHyperparams", """{"netuid":"0x1"}""")));
    }

    [Fact(Timeout = 10_000)]
    public async Task BalancesAcceptSs58HexOrByteArrays()
    {
        var alice = DevAccounts.Alice.PublicKey;
        var bySs58 = await Call("balances_getFree", $"[\"{Ss58.Encode(alice)}\"]");
        var byHex = await Call("balances_getFree", $"[\"{alice.ToHex()}\"]");
        var byArray = await Call("balances_getFree", "[[" + string.Join(',', alice.ToArray()) + "]]");
        Assert.Equal(ChainSpecPresets.DevBalance, bySs58["result"]!.GetValue<ulong>());
        Assert.Equal(ChainSpecPresets.DevBalance, byHex["result"]!.GetValue<ulong>());
        Assert.Equal(ChainSpecPresets.DevBalance, byArray["result"]!.GetValue<ulong>());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("subnetInfo_getSubnetInfo", "[70000]")]
    [InlineData("subnetInfo_getSubnetInfo", "[]")]
    [InlineData("neuronInfo_getNeuron", "[1]")]
    [InlineData("balances_getFree", "[\"5notanaddress\"]")]
    [InlineData("balances_getFree", "[\"0x1234\"]")]
    [InlineData("balances_getFree", "[[1,2,3]]")]
    public async Task BadParametersAreInvalidParamsNamingTheParameter(string method, string parameters)
    {
        var error = (await Call(method, parameters))["error"]!;
        Assert.Equal(RpcErrorCodes.InvalidParams, error["code"]!.GetValue<int>());
        Assert.Contains("parameter", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task TheMetagraphOfTheDevSubnetIsEmptyButWellFormed()
    {
        var metagraph = MetagraphInfo.Decode(Hex(await Call("subnetInfo_getMetagraph", "[1, true]")));
        Assert.Equal(1, metagraph.Netuid);
        Assert.Equal(0, metagraph.Count);
        Assert.NotNull(metagraph.Weights);
    }
}
