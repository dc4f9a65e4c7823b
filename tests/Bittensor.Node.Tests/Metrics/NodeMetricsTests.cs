using System.Text.Json.Nodes;
using Bittensor.Node.Metrics;
using Bittensor.Node.Rpc;

namespace Bittensor.Node.Tests.Metrics;

public sealed class NodeMetricsTests
{
    [Fact(Timeout = 10_000)]
    public async Task RendersHeightsBlocksPoolAndRpcCallsInPrometheusText()
    {
        var metrics = new NodeMetrics { MempoolSize = () => 3 };
        metrics.BlockImported(5, transactions: 7, milliseconds: 12.5, finalized: true);
        metrics.BlockImported(6, transactions: 2, milliseconds: 3, finalized: false);

        var methods = new RpcMethods();
        methods.Add("system_name", (_, _) => ValueTask.FromResult<JsonNode?>(JsonValue.Create("x")));
        var processor = new JsonRpcProcessor(methods) { OnCompleted = metrics.RpcCompleted };
        await processor.ProcessAsync("""{"jsonrpc":"2.0","id":1,"method":"system_name"}""", null, CancellationToken.None);
        await processor.ProcessAsync("""{"jsonrpc":"2.0","id":2,"method":"system_name"}""", null, CancellationToken.None);

        var text = metrics.Render();
        Assert.Contains("bittensor_block_height 6\n", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_finalized_height 5\n", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_block_transactions 2\n", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_transactions_total 9\n", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_blocks_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_mempool_transactions 3\n", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_rpc_requests_total{method=\"system_name\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bittensor_rpc_seconds_total counter", text, StringComparison.Ordinal);
        Assert.Contains("bittensor_block_execution_seconds 0.003\n", text, StringComparison.Ordinal);
    }
}
