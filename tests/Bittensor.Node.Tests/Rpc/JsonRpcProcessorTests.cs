using System.Text.Json.Nodes;
using Bittensor.Node.Rpc;

namespace Bittensor.Node.Tests.Rpc;

public sealed class JsonRpcProcessorTests
{
    private static JsonRpcProcessor Processor(out List<string> faults)
    {
        var methods = new RpcMethods();
        methods.Add("echo", (p, _) => ValueTask.FromResult(p.Get(0, "value")?.DeepClone()));
        methods.Add("add", (p, _) => ValueTask.FromResult<JsonNode?>(JsonValue.Create(p.RequiredUInt64(0, "a") + p.RequiredUInt64(1, "b"))));
        methods.Add("fail", (_, _) => throw new RpcException(RpcErrorCodes.NotFound, "no such block", "0x12"));
        methods.Add("hex", (p, _) => ValueTask.FromResult<JsonNode?>(Convert.ToHexStringLower(p.RequiredHex(0, "bytes"))));
        methods.Add("crash", (_, _) => throw new InvalidOperationException("secret internals"));
        var list = new List<string>();
        faults = list;
        return new JsonRpcProcessor(methods, maxBatch: 3) { OnHandlerFault = (m, e) => list.Add(m + ":" + e.Message) };
    }

    private static async Task<JsonNode?> Ask(JsonRpcProcessor processor, string body) =>
        await processor.ProcessAsync(body, null, CancellationToken.None) is { } text ? JsonNode.Parse(text) : null;

    [Fact(Timeout = 10_000)]
    public async Task AnswersACallWithItsId()
    {
        var response = await Ask(Processor(out _), """{"jsonrpc":"2.0","id":7,"method":"add","params":[2,"0x10"]}""");
        Assert.Equal(18UL, response!["result"]!.GetValue<ulong>());
        Assert.Equal(7, response["id"]!.GetValue<int>());
    }

    [Fact(Timeout = 10_000)]
    public async Task NamedParametersWorkToo()
    {
        var response = await Ask(Processor(out _), """{"jsonrpc":"2.0","id":"x","method":"add","params":{"a":1,"b":"41"}}""");
        Assert.Equal(42UL, response!["result"]!.GetValue<ulong>());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("{not json", RpcErrorCodes.ParseError)]
    [InlineData("[]", RpcErrorCodes.InvalidRequest)]
    [InlineData("42", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"id":1,"method":"echo"}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"echo"}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"echo"}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"nope"}""", RpcErrorCodes.MethodNotFound)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":5}""", RpcErrorCodes.InvalidParams)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":[1]}""", RpcErrorCodes.InvalidParams)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":[1,-2]}""", RpcErrorCodes.InvalidParams)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"fail"}""", RpcErrorCodes.NotFound)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"echo"},{"jsonrpc":"2.0","id":2,"method":"echo"},{"jsonrpc":"2.0","id":3,"method":"echo"},{"jsonrpc":"2.0","id":4,"method":"echo"}]""", RpcErrorCodes.InvalidRequest)]
    public async Task BadRequestsGetTheirStandardCodeAndAMessage(string body, int code)
    {
        var response = await Ask(Processor(out _), body);
        Assert.Equal(code, response!["error"]!["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(response["error"]!["message"]!.GetValue<string>()));
    }

    [Fact(Timeout = 10_000)]
    public async Task Utf8InAndOutGivesTheSameAnswerAsText()
    {
        var processor = Processor(out _);
        const string Body = """[{"jsonrpc":"2.0","id":"é<1>","method":"echo","params":["ü & <b>"]},{"jsonrpc":"2.0","id":2,"method":"fail"}]""";
        var fromBytes = await processor.ProcessAsync(System.Text.Encoding.UTF8.GetBytes(Body), null, CancellationToken.None);
        var fromText = await processor.ProcessAsync(Body, null, CancellationToken.None);
        Assert.Equal(fromText, System.Text.Encoding.UTF8.GetString(fromBytes!));
        var answers = JsonNode.Parse(fromBytes)!.AsArray();
        Assert.Equal("é<1>", answers[0]!["id"]!.GetValue<string>());
        Assert.Equal("ü & <b>", answers[0]!["result"]!.GetValue<string>());
        Assert.Equal("0x12", answers[1]!["error"]!["data"]!.GetValue<string>());
    }

    [Fact(Timeout = 10_000)]
    public async Task InvalidUtf8IsAParseError()
    {
        var answer = await Processor(out _).ProcessAsync(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' }, null, CancellationToken.None);
        var error = JsonNode.Parse(answer)!["error"]!;
        Assert.Equal(RpcErrorCodes.ParseError, error["code"]!.GetValue<int>());
        Assert.Contains("UTF-8", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("\"0x00ffA0\"", "00ffa0")]
    [InlineData("\"0X00ffA0\"", "00ffa0")]
    [InlineData("\"\\u0030x0a\"", "0a")]
    [InlineData("\"0x\"", "")]
    public async Task HexParametersAreDecodedWithOrWithoutEscapes(string parameter, string expected)
    {
        var response = await Ask(Processor(out _), $$"""{"jsonrpc":"2.0","id":1,"method":"hex","params":[{{parameter}}]}""");
        Assert.Equal(expected, response!["result"]!.GetValue<string>());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("\"00ff\"", "0x-prefixed")]
    [InlineData("\"0x0\"", "even number of digits")]
    [InlineData("\"0xzz\"", "hex string")]
    [InlineData("\"\\u0030xzz\"", "hex string")]
    [InlineData("12", "must be a string")]
    public async Task BadHexNamesTheParameterAndTheProblem(string parameter, string problem)
    {
        var response = await Ask(Processor(out _), $$"""{"jsonrpc":"2.0","id":1,"method":"hex","params":[{{parameter}}]}""");
        Assert.Equal(RpcErrorCodes.InvalidParams, response!["error"]!["code"]!.GetValue<int>());
        var message = response["error"]!["message"]!.GetValue<string>();
        Assert.Contains("'bytes'", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task HandlerCrashesDoNotLeakDetails()
    {
        var processor = Processor(out var faults);
        var response = await Ask(processor, """{"jsonrpc":"2.0","id":1,"method":"crash"}""");
        Assert.Equal(RpcErrorCodes.InternalError, response!["error"]!["code"]!.GetValue<int>());
        Assert.DoesNotContain("secret", response.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["crash:secret internals"], faults);
    }

    [Fact(Timeout = 10_000)]
    public async Task NotificationsGetNoAnswer_AndBatchesAnswerOnlyTheirCalls()
    {
        var processor = Processor(out _);
        Assert.Null(await processor.ProcessAsync("""{"jsonrpc":"2.0","method":"echo","params":[1]}""", null, CancellationToken.None));
        var response = await Ask(processor, """[{"jsonrpc":"2.0","method":"echo","params":[1]},{"jsonrpc":"2.0","id":5,"method":"echo","params":["x"]},{"jsonrpc":"2.0","id":6,"method":"fail"}]""");
        var array = response!.AsArray();
        Assert.Equal(2, array.Count);
        Assert.Equal("x", array[0]!["result"]!.GetValue<string>());
        Assert.Equal(RpcErrorCodes.NotFound, array[1]!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("0x12", array[1]!["error"]!["data"]!.GetValue<string>());
    }

    [Fact(Timeout = 10_000)]
    public async Task SubscriptionsNeedAConnection_AndAreBounded()
    {
        var methods = new RpcMethods();
        var started = 0;
        var stopped = 0;
        methods.AddSubscription("sub", "unsub", "note", (_, sink) =>
        {
            started++;
            sink.Notify(JsonValue.Create(1));
            return new Disposer(() => stopped++);
        });
        var processor = new JsonRpcProcessor(methods);
        var http = JsonNode.Parse((await processor.ProcessAsync("""{"jsonrpc":"2.0","id":1,"method":"sub"}""", null, CancellationToken.None))!);
        Assert.Equal(RpcErrorCodes.InvalidRequest, http!["error"]!["code"]!.GetValue<int>());

        using var connection = new RpcConnection(maxSubscriptions: 2, maxQueuedMessages: 10);
        var first = JsonNode.Parse((await processor.ProcessAsync("""{"jsonrpc":"2.0","id":1,"method":"sub"}""", connection, CancellationToken.None))!)!["result"]!.GetValue<string>();
        await processor.ProcessAsync("""{"jsonrpc":"2.0","id":2,"method":"sub"}""", connection, CancellationToken.None);
        var third = JsonNode.Parse((await processor.ProcessAsync("""{"jsonrpc":"2.0","id":3,"method":"sub"}""", connection, CancellationToken.None))!);
        Assert.Equal(RpcErrorCodes.TooManySubscriptions, third!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(2, started);

        Assert.True(connection.Outgoing.Reader.TryRead(out var note));
        Assert.Equal(first, JsonNode.Parse(note)!["params"]!["subscription"]!.GetValue<string>());
        var unsub = JsonNode.Parse((await processor.ProcessAsync($$"""{"jsonrpc":"2.0","id":4,"method":"unsub","params":["{{first}}"]}""", connection, CancellationToken.None))!);
        Assert.True(unsub!["result"]!.GetValue<bool>());
        Assert.Equal(1, stopped);
        Assert.Equal(1, connection.SubscriptionCount);
    }

    private sealed class Disposer(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
