using System.Globalization;
using System.Net.Http.Headers;
using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Axon;

/// <summary>A real axon on a loopback port with real Ed25519 keys, and callers registered with given stakes.</summary>
internal sealed class AxonHarness : IAsyncDisposable
{
    private AxonHarness(AxonServer server, Keypair axonKey, Dictionary<string, Keypair> callers)
    {
        Server = server;
        AxonKey = axonKey;
        Callers = callers;
    }

    public AxonServer Server { get; }

    public Keypair AxonKey { get; }

    public Dictionary<string, Keypair> Callers { get; }

    public AxonTarget Target => new("127.0.0.1", Server.Port, AxonKey.PublicKey);

    public Uri Url(string route) => new($"http://127.0.0.1:{Server.Port}/{route}");

    /// <summary>Starts an axon whose directory holds one caller per (name, stake in TAO); <paramref name="attach"/> registers forward functions.</summary>
    public static async Task<AxonHarness> StartAsync(
        IEnumerable<(string Name, ulong StakeTao)> callers,
        Action<AxonServer>? attach = null,
        Func<AxonOptions, AxonOptions>? configure = null)
    {
        var axonKey = Keypair.Generate();
        var keys = new Dictionary<string, Keypair>(StringComparer.Ordinal);
        var entries = new List<KeyValuePair<AccountId, CallerStanding>>();
        ushort uid = 0;
        foreach (var (name, stake) in callers)
        {
            var key = Keypair.Generate();
            keys[name] = key;
            entries.Add(new(key.PublicKey, new CallerStanding(uid++, stake * 1_000_000_000, true)));
        }

        var options = new AxonOptions { Port = 0 };
        options = configure?.Invoke(options) ?? options;
        var server = new AxonServer(axonKey, new CallerDirectory(entries), options);
        attach?.Invoke(server);
        await server.StartAsync();
        return new AxonHarness(server, axonKey, keys);
    }

    public DendriteClient Dendrite(string caller, DendriteOptions? options = null) => new(Callers[caller], options);

    /// <summary>
    /// A request signed as the SDK's dendrite signs it, built from the public pieces, so tests can then break one
    /// thing at a time.
    /// </summary>
    public HttpRequestMessage SignedRequest(Keypair caller, Synapse synapse, long? nonce = null, string uuid = "test-uuid", string? body = null)
    {
        var n = nonce ?? (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        var hash = synapse.ComputeBodyHash();
        synapse.Dendrite = new TerminalInfo
        {
            Nonce = n,
            Uuid = uuid,
            Hotkey = caller.Ss58Address,
            Version = SdkVersion.Value,
            Signature = SynapseSignature.Sign(caller, SynapseSignature.Message(n, caller.Ss58Address, AxonKey.Ss58Address, uuid, hash)),
        };
        synapse.ComputedBodyHash = hash;
        var request = new HttpRequestMessage(HttpMethod.Post, Url(synapse.SynapseName))
        {
            Content = body is null ? new ByteArrayContent(SynapseJson.Serialize(synapse)) : new StringContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in SynapseHeaders.ToHeaders(synapse))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static long NowNanoseconds() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static string Seconds(double value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
