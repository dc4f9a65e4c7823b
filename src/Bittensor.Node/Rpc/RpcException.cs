namespace Bittensor.Node.Rpc;

/// <summary>Thrown by a method handler to answer with a JSON-RPC error: a stable code, a message naming the problem, optional data.</summary>
public sealed class RpcException(int code, string message, string? data = null) : Exception(message)
{
    public int Code { get; } = code;

    public string? ErrorData { get; } = data;
}
