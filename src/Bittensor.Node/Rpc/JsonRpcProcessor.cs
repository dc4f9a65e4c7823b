using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bittensor.Node.Rpc;

/// <summary>
/// JSON-RPC 2.0 over text: parses a request or a batch, calls the registered methods, and writes the responses.
/// Notifications (requests without an id) get no response. Handler failures other than <see cref="RpcException"/>
/// become an internal error without their details leaking to the client (they go to <see cref="OnHandlerFault"/>).
/// </summary>
public sealed class JsonRpcProcessor(RpcMethods methods, int maxBatch = 100)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Called with the method name and the exception when a handler fails unexpectedly.</summary>
    public Action<string, Exception>? OnHandlerFault { get; set; }

    /// <summary>Called after every answered call with the method name and the milliseconds it took.</summary>
    public Action<string, double>? OnCompleted { get; set; }

    /// <summary>Answers one HTTP body or WebSocket message; null when nothing is to be sent back.</summary>
    public async Task<string?> ProcessAsync(string body, RpcConnection? connection, CancellationToken cancellationToken)
    {
        JsonNode? request;
        try
        {
            request = JsonNode.Parse(body, NodeOptions, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return Error(null, RpcErrorCodes.ParseError, $"The request is not valid JSON: {e.Message}").ToJsonString();
        }

        if (request is JsonArray batch)
        {
            if (batch.Count == 0)
            {
                return Error(null, RpcErrorCodes.InvalidRequest, "An empty batch is not a valid request.").ToJsonString();
            }

            if (batch.Count > maxBatch)
            {
                return Error(null, RpcErrorCodes.InvalidRequest, $"A batch holds at most {maxBatch} requests; this one holds {batch.Count}.").ToJsonString();
            }

            var responses = new JsonArray();
            foreach (var item in batch)
            {
                if (await ProcessOneAsync(item, connection, cancellationToken).ConfigureAwait(false) is { } response)
                {
                    responses.Add(response);
                }
            }

            return responses.Count == 0 ? null : responses.ToJsonString();
        }

        return (await ProcessOneAsync(request, connection, cancellationToken).ConfigureAwait(false))?.ToJsonString();
    }

    private async Task<JsonObject?> ProcessOneAsync(JsonNode? node, RpcConnection? connection, CancellationToken cancellationToken)
    {
        if (node is not JsonObject request)
        {
            return Error(null, RpcErrorCodes.InvalidRequest, "A request must be a JSON object.");
        }

        var hasId = request.TryGetPropertyValue("id", out var idNode);
        JsonNode? id = idNode?.DeepClone();
        if (hasId && idNode is not null && idNode is not JsonValue)
        {
            return Error(null, RpcErrorCodes.InvalidRequest, "The id must be a string, a number or null.");
        }

        if (!request.TryGetPropertyValue("jsonrpc", out var version) || version is not JsonValue v || !v.TryGetValue<string>(out var vs) || vs != "2.0")
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
        return hasId ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result } : null;
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

    private static JsonObject Error(JsonNode? id, int code, string message, string? data = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (data is not null)
        {
            error["data"] = data;
        }

        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = error };
    }
}
