using System.Text.Json.Nodes;

namespace Bittensor.Node.Rpc;

/// <summary>Answers one call: returns the JSON result or throws <see cref="RpcException"/>.</summary>
public delegate ValueTask<JsonNode?> RpcHandler(RpcParams parameters, CancellationToken cancellationToken);
