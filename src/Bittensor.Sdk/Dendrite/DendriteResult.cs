namespace Bittensor.Sdk.Dendrite;

/// <summary>How one call ended.</summary>
public enum DendriteOutcome
{
    /// <summary>Status 200 and a response that passed its synapse's checks.</summary>
    Success,

    /// <summary>No answer within the timeout, or the axon answered 408.</summary>
    Timeout,

    /// <summary>No connection could be made, or it broke before an answer (connection refused, reset, unreachable).</summary>
    Refused,

    /// <summary>The axon answered with another status (blacklisted 403, not verified 401, 4xx, 5xx).</summary>
    Rejected,

    /// <summary>Status 200 with a body that is not the synapse's JSON or breaks its rules.</summary>
    InvalidResponse,
}

/// <summary>The outcome of one call to one axon.</summary>
/// <param name="Axon">Whom we called.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Response">The response on success, else null.</param>
/// <param name="StatusCode">The HTTP status, when an answer came (408 also for a local timeout, 503 for refused, as upstream's dendrite reports them).</param>
/// <param name="Message">The axon's message or what went wrong.</param>
/// <param name="Latency">From sending to the end of the answer (or the failure).</param>
public sealed record DendriteResult<T>(AxonTarget Axon, DendriteOutcome Outcome, T? Response, int StatusCode, string Message, TimeSpan Latency)
{
    public bool IsSuccess => Outcome == DendriteOutcome.Success;
}

/// <summary>A streaming call that failed; <see cref="Outcome"/>, <see cref="StatusCode"/> and the message say how.</summary>
public sealed class DendriteException(DendriteOutcome outcome, int statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public DendriteOutcome Outcome { get; } = outcome;

    public int StatusCode { get; } = statusCode;
}
