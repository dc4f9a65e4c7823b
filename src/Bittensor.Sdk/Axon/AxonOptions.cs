using System.Net;
using Bittensor.Sdk.Synapses;

namespace Bittensor.Sdk.Axon;

/// <summary>What the axon knows about a request when its blacklist runs.</summary>
/// <param name="Hotkey">The claimed caller hotkey (not yet verified: the blacklist runs before the signature check, as upstream's does).</param>
/// <param name="Standing">The caller's standing on the subnet, or null when it is not registered.</param>
/// <param name="SynapseName">The route.</param>
/// <param name="RemoteAddress">The TCP peer.</param>
public sealed record CallerContext(Primitives.Accounts.AccountId Hotkey, CallerStanding? Standing, string SynapseName, IPAddress? RemoteAddress);

/// <summary>A custom blacklist rule: the reason to refuse the caller (403), or null to let it through.</summary>
public delegate string? BlacklistRule(CallerContext caller);

/// <summary>Settings of an <see cref="AxonServer"/>.</summary>
public sealed record AxonOptions
{
    /// <summary>Address to bind; loopback unless told otherwise.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port to bind; 0 picks a free one (see <see cref="AxonServer.Port"/>).</summary>
    public int Port { get; init; } = 8091;

    /// <summary>
    /// Serve HTTP/2 over cleartext (h2c with prior knowledge) instead of HTTP/1.1. Kestrel cannot offer both on one
    /// cleartext port (no TLS, so no ALPN to choose), and upstream's dendrites speak HTTP/1.1 only, so HTTP/1.1 is the
    /// default; an axon called only by this SDK's dendrites with <c>Http2PriorKnowledge</c> may switch.
    /// </summary>
    public bool Http2Only { get; init; }

    /// <summary>Largest request body; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Forward functions running at once; further requests wait, highest stake first.</summary>
    public int MaxConcurrentRequests { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Most requests waiting for a slot; beyond it requests get 503.</summary>
    public int MaxQueuedRequests { get; init; } = 4096;

    /// <summary>Upper bound on a request's own timeout.</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Refuse callers not registered on the subnet (403).</summary>
    public bool RequireRegistration { get; init; } = true;

    /// <summary>Refuse callers with less stake than this, in rao (403).</summary>
    public ulong MinStakeRao { get; init; }

    /// <summary>Further rules, run in order after the built-in ones.</summary>
    public IReadOnlyList<BlacklistRule> BlacklistRules { get; init; } = [];

    /// <summary>
    /// How old a nonce may be, on top of the request's timeout: a nonce must exceed now − (allowed delta + timeout),
    /// both in nanoseconds (upstream's 4 s).
    /// </summary>
    public TimeSpan NonceAllowedDelta { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How far ahead of the axon's clock a nonce may be (upstream has no bound).</summary>
    public TimeSpan NonceFutureTolerance { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Requests per second every registered caller may make, whatever its stake.</summary>
    public double BaseRequestsPerSecond { get; init; } = 10;

    /// <summary>Further requests per second per TAO of stake (bandwidth in proportion to stake).</summary>
    public double RequestsPerSecondPerTao { get; init; } = 1;

    /// <summary>Burst a caller may spend at once, in seconds of its rate (at least one request).</summary>
    public double RateBurstSeconds { get; init; } = 2;

    /// <summary>Set false to switch the per-caller rate limit off.</summary>
    public bool RateLimitEnabled { get; init; } = true;

    /// <summary>
    /// Check every forward function's result against its synapse's rules before sending it (500 when it breaks one).
    /// Only a test miner that must send malformed answers, so callers can be tested against them, turns this off.
    /// </summary>
    public bool CheckResponses { get; init; } = true;

    /// <summary>Bounds on synapse payloads.</summary>
    public SynapseLimits Limits { get; init; } = SynapseLimits.Default;

    /// <summary>Version number the axon reports.</summary>
    public long Version { get; init; } = SdkVersion.Value;
}

/// <summary>The protocol version this SDK reports: upstream's 7.3.1 form (1000·1000·major + 1000·minor + patch).</summary>
public static class SdkVersion
{
    public const long Value = 7_003_001;
}
