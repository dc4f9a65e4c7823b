namespace Bittensor.Sdk.Rpc;

/// <summary>
/// The node's answer to <see cref="Method"/> arrived but cannot be used: it is not the shape the method returns, its
/// bytes do not decode, or it fails a check the client makes (a header whose hash differs from the one announced, a
/// read proof that does not prove the value against the state root).
/// </summary>
public sealed class RpcResponseException(string method, Uri endpoint, string problem, Exception? inner = null)
    : Exception($"The answer of {endpoint} to {method} is unusable: {problem}", inner)
{
    public string Method { get; } = method;

    public Uri Endpoint { get; } = endpoint;
}
