using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Sdk.Rpc;

/// <summary>Writes JSON-RPC 2.0 requests and reads responses; shared by the HTTP and WebSocket clients.</summary>
internal static class JsonRpcFormat
{
    public static byte[] Request(long id, string method, IReadOnlyList<JsonNode?>? parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            foreach (var parameter in parameters ?? [])
            {
                if (parameter is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    parameter.WriteTo(writer);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The result of a response object (cloned, so it outlives the document), or the node's error as an <see cref="RpcException"/>.</summary>
    public static JsonElement Result(JsonElement response, string method, Uri endpoint)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            throw new RpcResponseException(method, endpoint, "the response is not a JSON object.");
        }

        if (response.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            throw Error(error, method, endpoint);
        }

        return response.TryGetProperty("result", out var result)
            ? result.Clone()
            : throw new RpcResponseException(method, endpoint, "the response holds neither a result nor an error.");
    }

    /// <summary>The request id a response answers, or null when it has none we could have sent.</summary>
    public static long? Id(JsonElement response) =>
        response.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) ? value : null;

    private static RpcException Error(JsonElement error, string method, Uri endpoint)
    {
        var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var v) ? v : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
        string? data = null;
        if (error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            data = d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText();
        }

        return new RpcException(method, endpoint, code, message, data);
    }
}
