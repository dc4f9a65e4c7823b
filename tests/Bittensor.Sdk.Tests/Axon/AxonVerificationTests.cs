using System.Net;
using System.Text.Json;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Axon;

/// <summary>Blacklist and verification against a real axon, with requests built and then broken one thing at a time.</summary>
public sealed class AxonVerificationTests
{
    private static readonly (string, ulong)[] Callers = [("rich", 1000), ("poor", 1)];

    [Fact(Timeout = 30_000)]
    public async Task CorrectlySignedRawRequest_IsServed()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        using var response = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task SignatureOfAnotherKey_Is401()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        using var request = axon.SignedRequest(axon.Callers["rich"], new Ping());
        var forged = SynapseSignature.Sign(axon.Callers["poor"], "anything");
        request.Headers.Remove(SynapseHeaders.DendriteSignature);
        request.Headers.TryAddWithoutValidation(SynapseHeaders.DendriteSignature, forged);
        await AssertStatus(http, request, 401, "signature");
    }

    [Fact(Timeout = 30_000)]
    public async Task SignatureForAnotherAxon_Is401()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var dendrite = axon.Dendrite("rich");
        var wrongReceiver = axon.Target with { Hotkey = Keypair.Generate().PublicKey };
        var result = await dendrite.CallAsync(wrongReceiver, new Ping());
        Assert.Equal(DendriteOutcome.Rejected, result.Outcome);
        Assert.Equal(401, result.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReplayedNonce_Is401AndAHigherOneIsServed()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        var nonce = AxonHarness.NowNanoseconds();
        using (var first = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping(), nonce)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await AssertStatus(http, axon.SignedRequest(axon.Callers["rich"], new Ping(), nonce), 401, "not greater than the last");
        await AssertStatus(http, axon.SignedRequest(axon.Callers["rich"], new Ping(), nonce - 1), 401, "not greater than the last");

        // Another uuid is another replay key.
        using (var other = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping(), nonce, uuid: "other")))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using var next = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping(), nonce + 1));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task NonceOutsideTheWindow_Is401()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        var now = AxonHarness.NowNanoseconds();

        // Timeout 12 s + delta 4 s: 20 s old is stale (upstream's seconds-for-nanoseconds slip would allow only 4 s).
        await AssertStatus(http, axon.SignedRequest(axon.Callers["rich"], new Ping(), now - 20_000_000_000), 401, "older than the window");
        await AssertStatus(http, axon.SignedRequest(axon.Callers["rich"], new Ping(), now + 60_000_000_000), 401, "ahead of the axon's clock");
        using var tenSecondsOld = await http.SendAsync(axon.SignedRequest(axon.Callers["rich"], new Ping(), now - 10_000_000_000));
        Assert.Equal(HttpStatusCode.OK, tenSecondsOld.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task BodyChangedAfterSigning_Is401()
    {
        await using var axon = await AxonHarness.StartAsync(Callers, s => s.Attach<TextLastHiddenState>((syn, _) => throw new InvalidOperationException("must not run")));
        using var http = new HttpClient();
        var synapse = new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64([1, 2], 1, 2) };
        synapse.TokenIds = SynapseTensor.FromInt64([1, 3], 1, 2);
        var tampered = JsonSerializer.Serialize(synapse, synapse.GetType(), SynapseJson.Options);
        var request = axon.SignedRequest(axon.Callers["rich"], new TextLastHiddenState { TokenIds = SynapseTensor.FromInt64([1, 2], 1, 2) }, body: tampered);
        await AssertStatus(http, request, 401, "computed_body_hash");
    }

    [Fact(Timeout = 30_000)]
    public async Task MissingHeaders_Are401WithTheirNames()
    {
        await using var axon = await AxonHarness.StartAsync(Callers);
        using var http = new HttpClient();
        foreach (var header in new[] { SynapseHeaders.DendriteHotkey, SynapseHeaders.DendriteNonce, SynapseHeaders.DendriteSignature })
        {
            var request = axon.SignedRequest(axon.Callers["rich"], new Ping());
            request.Headers.Remove(header);
            await AssertStatus(http, request, 401, header);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Blacklist_RefusesUnregisteredLowStakeAndCustomRules()
    {
        await using var axon = await AxonHarness.StartAsync(
            Callers,
            configure: o => o with
            {
                MinStakeRao = 10_000_000_000,
                BlacklistRules = [c => c.Standing?.Uid == 0 && c.SynapseName == TextGeneration.RouteName ? "uid 0 may not generate" : null],
            },
            attach: s => s.Attach<TextGeneration>((syn, _) =>
            {
                syn.Completion = "ok";
                return ValueTask.FromResult(syn);
            }));
        using var stranger = new DendriteClient(Keypair.Generate());
        using var poor = axon.Dendrite("poor");
        using var rich = axon.Dendrite("rich");

        var unknown = await stranger.CallAsync(axon.Target, new Ping());
        Assert.Equal(403, unknown.StatusCode);
        Assert.Contains("not registered", unknown.Message, StringComparison.Ordinal);

        var lowStake = await poor.CallAsync(axon.Target, new Ping());
        Assert.Equal(403, lowStake.StatusCode);
        Assert.Contains("below the minimum", lowStake.Message, StringComparison.Ordinal);

        var ruled = await rich.CallAsync(axon.Target, new TextGeneration { Prompt = "x" });
        Assert.Equal(403, ruled.StatusCode);
        Assert.Contains("uid 0 may not generate", ruled.Message, StringComparison.Ordinal);

        Assert.True((await rich.CallAsync(axon.Target, new Ping())).IsSuccess);
    }

    [Fact(Timeout = 30_000)]
    public async Task RequiringNoRegistration_LetsStrangersIn()
    {
        await using var axon = await AxonHarness.StartAsync(Callers, configure: o => o with { RequireRegistration = false });
        using var stranger = new DendriteClient(Keypair.Generate());
        Assert.True((await stranger.CallAsync(axon.Target, new Ping())).IsSuccess);
    }

    [Fact(Timeout = 30_000)]
    public async Task InvalidForwardResult_Is500AndInvalidAnswersAreInvalidResponse()
    {
        await using var axon = await AxonHarness.StartAsync(Callers, s => s.Attach<TextCausalLMNext>((syn, _) =>
        {
            syn.TopkTokenIds = SynapseTensor.FromInt64([1, 2], 1, 2);
            syn.TopkProbabilities = SynapseTensor.FromFloat32([0.9f, 0.9f], 1, 2);
            syn.FloorProbabilities = SynapseTensor.FromFloat32([0f], 1);
            return ValueTask.FromResult(syn);
        }));
        using var dendrite = axon.Dendrite("rich");
        var result = await dendrite.CallAsync(axon.Target, new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64([1], 1, 1), Topk = 2 });
        Assert.Equal(500, result.StatusCode);
        Assert.Contains("sum to", result.Message, StringComparison.Ordinal);
    }

    internal static async Task AssertStatus(HttpClient http, HttpRequestMessage request, int status, string messagePart)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            Assert.Contains(messagePart, json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }
}
