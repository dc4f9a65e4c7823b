using System.Globalization;

namespace Bittensor.Sdk.Rpc;

/// <summary>A call (or a connection attempt, <see cref="Method"/> <c>connect</c>) got no answer in time.</summary>
public class RpcTimeoutException : TimeoutException
{
    public RpcTimeoutException(string method, Uri endpoint, TimeSpan timeout)
        : this(method, endpoint, timeout, string.Create(
            CultureInfo.InvariantCulture,
            $"{method} got no answer from {endpoint} within {timeout.TotalSeconds:0.###} s; check that the node is running and reachable, or allow a longer timeout."))
    {
    }

    protected RpcTimeoutException(string method, Uri endpoint, TimeSpan timeout, string message)
        : base(message)
    {
        Method = method;
        Endpoint = endpoint;
        Timeout = timeout;
    }

    public string Method { get; }

    public Uri Endpoint { get; }

    /// <summary>How long the call was allowed to take.</summary>
    public TimeSpan Timeout { get; }
}
