using Bittensor.Sdk.Synapses;

namespace Bittensor.Sdk.Dendrite;

/// <summary>Which HTTP version the dendrite speaks.</summary>
public enum DendriteHttpVersion
{
    /// <summary>HTTP/1.1 with pooled keep-alive connections: what every axon (upstream's uvicorn included) speaks.</summary>
    Http11,

    /// <summary>
    /// HTTP/2 over cleartext with prior knowledge (h2c): many calls multiplexed over one connection. Only for axons
    /// known to speak it (this SDK's axon does); an HTTP/1.1-only axon fails such calls as <see cref="DendriteOutcome.Refused"/>.
    /// Cleartext HTTP/2 cannot be negotiated (no TLS, so no ALPN; HttpClient does not do the Upgrade dance), hence a choice.
    /// </summary>
    Http2PriorKnowledge,
}

/// <summary>Settings of a <see cref="DendriteClient"/>.</summary>
public sealed record DendriteOptions
{
    /// <summary>Per-call timeout when the caller gives none (spec §2B: 12 s).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Extra time the dendrite waits beyond the timeout it sends, so an axon's own 408 arrives rather than a local
    /// timeout. Either way the outcome is <see cref="DendriteOutcome.Timeout"/>.
    /// </summary>
    public TimeSpan TransportGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait for a TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public DendriteHttpVersion HttpVersion { get; init; } = DendriteHttpVersion.Http11;

    /// <summary>Connections kept per axon (HTTP/1.1); HTTP/2 opens more only when one is full.</summary>
    public int MaxConnectionsPerAxon { get; init; } = 64;

    /// <summary>Largest response body accepted.</summary>
    public long MaxResponseBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The IP the dendrite reports as its own (<c>bt_header_dendrite_ip</c>).</summary>
    public string? ExternalIp { get; init; }

    /// <summary>Bounds on responses.</summary>
    public SynapseLimits Limits { get; init; } = SynapseLimits.Default;
}
