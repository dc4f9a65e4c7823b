using System.Globalization;

namespace Bittensor.Sdk.Rpc;

/// <summary>
/// The node answered a call with a JSON-RPC error: <see cref="Code"/> (stable; see the node's error codes), the node's
/// message, and <see cref="ErrorData"/> when the node sent any (a string as is, anything else as its JSON text).
/// </summary>
public class RpcException : Exception
{
    public RpcException(string method, Uri endpoint, int code, string message, string? data = null, Exception? inner = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"{method} failed at {endpoint} with error {code}: {message}"), inner)
    {
        Method = method;
        Endpoint = endpoint;
        Code = code;
        RpcMessage = message;
        ErrorData = data;
    }

    /// <summary>The method that was called.</summary>
    public string Method { get; }

    /// <summary>The node that answered.</summary>
    public Uri Endpoint { get; }

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }

    /// <summary>The node's message, without the method and endpoint that <see cref="Exception.Message"/> adds.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's <c>data</c> member, or null when the node sent none.</summary>
    public string? ErrorData { get; }
}
