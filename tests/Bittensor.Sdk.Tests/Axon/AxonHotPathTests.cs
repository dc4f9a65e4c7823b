using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Axon;

/// <summary>
/// The shortcuts of the axon's and dendrite's hot path give the same answers as the plain definitions: compiled JSON
/// against reflection, the signature written from its parts against the message text, bodies of any framing.
/// </summary>
public sealed class AxonHotPathTests
{
    private static readonly (string, ulong)[] Callers = [("rich", 1000)];

    public static TheoryData<string> BuiltInSynapses => ["Ping", "TextCausalLMNext", "TextCausalLM", "TextLastHiddenState", "TextGeneration"];

    [Theory]
    [MemberData(nameof(BuiltInSynapses))]
    public void CompiledJson_WritesAndReadsTheBytesOfReflection(string kind)
    {
        var synapse = Filled(kind);
        var reflection = new JsonSerializerOptions(SynapseJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var expected = JsonSerializer.SerializeToUtf8Bytes(synapse, synapse.GetType(), reflection);
        var actual = SynapseJson.Serialize(synapse);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));

        var back = SynapseJson.Deserialize(actual, synapse.GetType());
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(back, back.GetType(), reflection)));
    }

    [Theory]
    [InlineData("3f2a-1")]
    [InlineData(null)]
    public void SignatureFromParts_IsTheSignatureOfTheMessageText(string? uuid)
    {
        var caller = Keypair.Generate();
        var axon = Keypair.Generate();
        var hash = new Ping().ComputeBodyHash();
        var longUuid = uuid is null ? null : uuid + new string('u', 600);
        foreach (var u in new[] { uuid, longUuid })
        {
            var message = SynapseSignature.Message(1_733_000_000_123_456_789, caller.Ss58Address, axon.Ss58Address, u, hash);
            var fromParts = SynapseSignature.Sign(caller, 1_733_000_000_123_456_789, caller.Ss58Address, axon.Ss58Address, u, hash);
            Assert.Equal(SynapseSignature.Sign(caller, message), fromParts);
            Assert.True(SynapseSignature.Verify(caller.PublicKey, message, fromParts));
            Assert.True(SynapseSignature.Verify(caller.PublicKey, 1_733_000_000_123_456_789, caller.Ss58Address, axon.Ss58Address, u, hash, fromParts));
            Assert.False(SynapseSignature.Verify(caller.PublicKey, 1_733_000_000_123_456_790, caller.Ss58Address, axon.Ss58Address, u, hash, fromParts));
            Assert.False(SynapseSignature.Verify(axon.PublicKey, 1_733_000_000_123_456_789, caller.Ss58Address, axon.Ss58Address, u, hash, fromParts));
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData(0)]
    [InlineData(9000)]
    public async Task BodyWithoutDeclaredLength_IsReadWhole(int padding)
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        using var request = axon.SignedRequest(axon.Callers["rich"], new Ping());
        var json = await request.Content!.ReadAsStringAsync();

        // JSON allows whitespace before the object; a chunked body longer than the first pooled buffer must grow it.
        var body = Encoding.UTF8.GetBytes(new string(' ', padding) + json);
        request.Content = new StreamContent(new NonSeekableStream(body));
        request.Content.Headers.ContentType = new("application/json");
        using var response = await http.SendAsync(request);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task EmptyBody_Is400_AndTheNextRequestIsServed()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        using (var request = axon.SignedRequest(axon.Callers["rich"], new Ping()))
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new("application/json");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("not a valid Ping JSON object", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var next = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping(), uuid: "next"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task MalformedHotkey_IsRefusedEveryTime_AndAGoodOneStillServed()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var request = axon.SignedRequest(axon.Callers["rich"], new Ping());
            request.Headers.Remove(SynapseHeaders.DendriteHotkey);
            request.Headers.TryAddWithoutValidation(SynapseHeaders.DendriteHotkey, "5NotAnAddress");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("SS58", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        for (var i = 0; i < 2; i++)
        {
            using var response = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping(), uuid: "u" + i));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2, axon.Server.StatusCounts[400]);
        Assert.Equal(2, axon.Server.StatusCounts[200]);
    }

    private static Synapse Filled(string kind)
    {
        var tokens = SynapseTensor.FromInt64([464, 2068, 7586, 21831], 2, 2);
        var info = new TerminalInfo { StatusCode = 200, StatusMessage = "Success", ProcessTime = 0.25, Ip = "10.0.0.1", Port = 8091, Version = 7_003_001, Nonce = 1_733_000_000_000_000_001, Uuid = "u-1", Hotkey = "5F", Signature = "0x00" };
        Synapse synapse = kind switch
        {
            "Ping" => new Ping(),
            "TextCausalLMNext" => new TextCausalLMNext
            {
                TokenIds = tokens,
                Topk = 2,
                TopkTokenIds = SynapseTensor.FromInt64([1, 2, 3, 4], 2, 2),
                TopkProbabilities = SynapseTensor.FromFloat32([0.5f, 0.25f, 0.5f, 0.125f], 2, 2),
                FloorProbabilities = SynapseTensor.FromFloat32([0.001f, 0.002f], 2),
            },
            "TextCausalLM" => new TextCausalLM { TokenIds = tokens, Topk = 3 },
            "TextLastHiddenState" => new TextLastHiddenState { TokenIds = tokens },
            "TextGeneration" => new TextGeneration { Prompt = "Once upon a time", Completion = " there was", Stream = true },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        synapse.Timeout = 3.5;
        synapse.Axon = info;
        synapse.Dendrite = new TerminalInfo { Hotkey = "5G", Nonce = 7 };
        return synapse;
    }

    /// <summary>A stream without a length, so HttpClient sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
