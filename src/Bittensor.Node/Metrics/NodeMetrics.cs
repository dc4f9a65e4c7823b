using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Bittensor.Node.Metrics;

/// <summary>
/// The node's counters and gauges, rendered in the Prometheus text format at <c>/metrics</c>: best and finalised
/// height, block time, transactions per block, mempool size, RPC requests and latencies per method.
/// </summary>
public sealed class NodeMetrics
{
    private readonly ConcurrentDictionary<string, RpcStats> _rpc = new(StringComparer.Ordinal);
    private long _bestHeight;
    private long _finalizedHeight;
    private long _lastBlockMilliseconds;
    private long _lastBlockTransactions;
    private long _totalTransactions;
    private long _blocks;

    /// <summary>Reads the current number of transactions in the pool.</summary>
    public Func<int>? MempoolSize { get; set; }

    public void BlockImported(ulong number, int transactions, double milliseconds, bool finalized)
    {
        Interlocked.Exchange(ref _bestHeight, (long)number);
        if (finalized)
        {
            Interlocked.Exchange(ref _finalizedHeight, (long)number);
        }

        Interlocked.Exchange(ref _lastBlockTransactions, transactions);
        Interlocked.Exchange(ref _lastBlockMilliseconds, (long)Math.Round(milliseconds * 1000));
        Interlocked.Add(ref _totalTransactions, transactions);
        Interlocked.Increment(ref _blocks);
    }

    public void Finalized(ulong number) => Interlocked.Exchange(ref _finalizedHeight, (long)number);

    public void RpcCompleted(string method, double milliseconds)
    {
        var stats = _rpc.GetOrAdd(method, _ => new RpcStats());
        Interlocked.Increment(ref stats.Count);
        Interlocked.Add(ref stats.Microseconds, (long)Math.Round(milliseconds * 1000));
    }

    public string Render()
    {
        var s = new StringBuilder();
        Gauge(s, "bittensor_block_height", "Number of the best block.", Interlocked.Read(ref _bestHeight));
        Gauge(s, "bittensor_finalized_height", "Number of the last finalised block.", Interlocked.Read(ref _finalizedHeight));
        Gauge(s, "bittensor_block_execution_seconds", "Time the last block took to build or import.", Interlocked.Read(ref _lastBlockMilliseconds) / 1e6);
        Gauge(s, "bittensor_block_transactions", "Transactions in the last block.", Interlocked.Read(ref _lastBlockTransactions));
        Counter(s, "bittensor_blocks_total", "Blocks built or imported since start.", Interlocked.Read(ref _blocks));
        Counter(s, "bittensor_transactions_total", "Transactions included since start.", Interlocked.Read(ref _totalTransactions));
        Gauge(s, "bittensor_mempool_transactions", "Transactions waiting in the pool.", MempoolSize?.Invoke() ?? 0);
        s.Append("# HELP bittensor_rpc_requests_total JSON-RPC calls answered, by method.\n# TYPE bittensor_rpc_requests_total counter\n");
        var methods = _rpc.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (var method in methods)
        {
            s.Append(CultureInfo.InvariantCulture, $"bittensor_rpc_requests_total{{method=\"{method}\"}} {Interlocked.Read(ref _rpc[method].Count)}\n");
        }

        s.Append("# HELP bittensor_rpc_seconds_total Time spent answering JSON-RPC calls, by method.\n# TYPE bittensor_rpc_seconds_total counter\n");
        foreach (var method in methods)
        {
            s.Append(CultureInfo.InvariantCulture, $"bittensor_rpc_seconds_total{{method=\"{method}\"}} {Interlocked.Read(ref _rpc[method].Microseconds) / 1e6}\n");
        }

        return s.ToString();
    }

    private static void Gauge(StringBuilder s, string name, string help, double value) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder s, string name, string help, long value) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");

    private sealed class RpcStats
    {
        public long Count;
        public long Microseconds;
    }
}
