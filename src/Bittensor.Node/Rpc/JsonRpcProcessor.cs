using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Bittensor.Node.Rpc;

/// <summary>
/// JSON-RPC 2.0 over text: parses a request or a batch, calls the registered methods, and writes the responses.
/// Notifications (requests without an id) get no response. Handler failures other than <see cref="RpcException"/>
/// become an internal error without their details leaking to the client (they go to <see cref="OnHandlerFault"/>).
/// </summary>
public sealed class JsonRpcProcessor(RpcMethods methods, int maxBatch = 100)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Called with the method name and the exception when a handler fails unexpectedly.</summary>
    public Action<string, Exception>? OnHandlerFault { get; set; }

    /// <summary>Called after every answered call with the method name and the milliseconds it took.</summary>
    public Action<string, double>? OnCompleted { get; set; }

    /// <summary>Answers one HTTP body or WebSocket message given as text; null when nothing is to be sent back.</summary>
    public async Task<string?> ProcessAsync(string body, RpcConnection? connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return await ProcessAsync(Encoding.UTF8.GetBytes(body), connection, cancellationToken).ConfigureAwait(false) is { } answer
            ? Encoding.UTF8.GetString(answer)
            : null;
    }

    /// <summary>
    /// Answers one HTTP body or WebSocket message in UTF-8, as it came off the wire, with the answer in UTF-8 as it
    /// goes back (no text in between); null when nothing is to be sent back. The caller may reuse
    /// <paramref name="utf8"/> once this returns.
    /// </summary>
    public async Task<byte[]?> ProcessAsync(ReadOnlyMemory<byte> utf8, RpcConnection? connection, CancellationToken cancellationToken)
    {
        // Strings are transcoded only when read, so invalid UTF-8 inside one would otherwise surface late, as a fault.
        if (!Utf8.IsValid(utf8.Span))
        {
            return Serialize(Error(null, RpcErrorCodes.ParseError, "The request is not valid UTF-8; send JSON text encoded in UTF-8."));
        }

        JsonNode? request;
        try
        {
            request = JsonNode.Parse(utf8.Span, NodeOptions, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Serialize(Error(null, RpcErrorCodes.ParseError, $"The request is not valid JSON (UTF-8): {e.Message}"));
        }

        if (request is JsonArray batch)
        {
            if (batch.Count == 0)
            {
                return Serialize(Error(null, RpcErrorCodes.InvalidRequest, "An empty batch is not a valid request."));
            }

            if (batch.Count > maxBatch)
            {
                return Serialize(Error(null, RpcErrorCodes.InvalidRequest, $"A batch holds at most {maxBatch} requests; this one holds {batch.Count}."));
            }

            var answers = new List<Answer>(batch.Count);
            foreach (var item in batch)
            {
                if (await ProcessOneAsync(item, connection, cancellationToken).ConfigureAwait(false) is { } answer)
                {
                    answers.Add(answer);
                }
            }

            if (answers.Count == 0)
            {
                return null;
            }

            var writer = JsonWriters.Rent();
            writer.WriteStartArray();
            foreach (var answer in answers)
            {
                Write(writer, answer);
            }

            writer.WriteEndArray();
            return JsonWriters.ToArray(writer);
        }

        return await ProcessOneAsync(request, connection, cancellationToken).ConfigureAwait(false) is { } single ? Serialize(single) : null;
    }

    private async Task<Answer?> ProcessOneAsync(JsonNode? node, RpcConnection? connection, CancellationToken cancellationToken)
    {
        if (node is not JsonObject request)
        {
            return Error(null, RpcErrorCodes.InvalidRequest, "A request must be a JSON object.");
        }

        var hasId = request.TryGetPropertyValue("id", out var id);
        if (hasId && id is not null && id is not JsonValue)
        {
            return Error(null, RpcErrorCodes.InvalidRequest, "The id must be a string, a number or null.");
        }

        if (!request.TryGetPropertyValue("jsonrpc", out var version) || version is not JsonValue v || !v.TryGetValue<JsonElement>(out var vs)
            || vs.ValueKind != JsonValueKind.String || !vs.ValueEquals("2.0"u8))
        {
            return Error(id, RpcErrorCodes.InvalidRequest, "The request must carry \"jsonrpc\": \"2.0\".");
        }

        if (!request.TryGetPropertyValue("method", out var methodNode) || methodNode is not JsonValue m || !m.TryGetValue<string>(out var method))
        {
            return Error(id, RpcErrorCodes.InvalidRequest, "The request must name a method (a string).");
        }

        request.TryGetPropertyValue("params", out var paramsNode);
        if (paramsNode is not null and not JsonArray and not JsonObject)
        {
            return Error(id, RpcErrorCodes.InvalidParams, $"{method}: params must be an array or an object.");
        }

        JsonNode? result;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            result = await InvokeAsync(method, new RpcParams(method, paramsNode), connection, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            Completed(method, started);
            return hasId ? Error(id, e.Code, e.Message, e.ErrorData) : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            OnHandlerFault?.Invoke(method, e);
            return hasId ? Error(id, RpcErrorCodes.InternalError, $"{method} failed inside the node; the node's log has the details.") : null;
        }

        Completed(method, started);
        return hasId ? new Answer(id, result, null) : null;
    }

    private void Completed(string method, long started)
    {
        if (OnCompleted is { } completed)
        {
            completed(method, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async ValueTask<JsonNode?> InvokeAsync(string method, RpcParams parameters, RpcConnection? connection, CancellationToken cancellationToken)
    {
        if (methods.TryGetCall(method, out var handler))
        {
            return await handler(parameters, cancellationToken).ConfigureAwait(false);
        }

        if (methods.TryGetSubscription(method, out var subscription))
        {
            if (connection is null)
            {
                throw new RpcException(RpcErrorCodes.InvalidRequest, $"{method} is a subscription: connect over WebSocket to use it.");
            }

            return JsonValue.Create(connection.Subscribe(subscription.Notification, subscription.Start, parameters));
        }

        if (methods.IsUnsubscribe(method))
        {
            if (connection is null)
            {
                throw new RpcException(RpcErrorCodes.InvalidRequest, $"{method} ends a subscription: connect over WebSocket to use it.");
            }

            var subscriptionId = parameters.RequiredString(0, "subscription");
            return JsonValue.Create(connection.Unsubscribe(subscriptionId));
        }

        throw new RpcException(RpcErrorCodes.MethodNotFound, $"The node has no method '{method}'; rpc_methods lists them.");
    }

    private static Answer Error(JsonNode? id, int code, string message, string? data = null) => new(id, null, new Failure(code, message, data));

    private static byte[] Serialize(Answer answer)
    {
        var writer = JsonWriters.Rent();
        Write(writer, answer);
        return JsonWriters.ToArray(writer);
    }

    /// <summary>One response object: <c>{"jsonrpc":"2.0","id":…,"result":…}</c> or <c>…,"error":{"code","message","data"}}</c>.</summary>
    private static void Write(Utf8JsonWriter writer, Answer answer)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        JsonWriters.WriteNode(writer, answer.Id);
        if (answer.Error is { } error)
        {
            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, error.Code);
            writer.WriteString("message"u8, error.Message);
            if (error.Data is not null)
            {
                writer.WriteString("data"u8, error.Data);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName("result"u8);
            JsonWriters.WriteNode(writer, answer.Result);
        }

        writer.WriteEndObject();
    }

    private sealed record Failure(int Code, string Message, string? Data);

    /// <summary>The answer to one request: its id and either a result or an error.</summary>
    private readonly record struct Answer(JsonNode? Id, JsonNode? Result, Failure? Error);
}
