namespace Bittensor.Node.Rpc;

/// <summary>
/// JSON-RPC 2.0 error codes: the standard ones, and the node's own (stable; clients may switch on them). Where
/// Substrate defines a code for the same failure, the same number is used.
/// </summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>The request body is larger than the server accepts.</summary>
    public const int RequestTooLarge = -32001;

    /// <summary>The connection holds as many subscriptions as allowed.</summary>
    public const int TooManySubscriptions = -32002;

    /// <summary>The transaction is invalid (Substrate's 1010); data names the reason.</summary>
    public const int InvalidTransaction = 1010;

    /// <summary>The transaction pool refused the transaction (Substrate's 1012 family); data names the reason.</summary>
    public const int PoolRejected = 1012;

    /// <summary>A requested object (block, neuron, subnet) does not exist.</summary>
    public const int NotFound = 4004;
}
