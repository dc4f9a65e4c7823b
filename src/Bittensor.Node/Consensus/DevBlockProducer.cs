using System.Diagnostics;
using Bittensor.Node.Chain;
using Bittensor.Node.Pool;
using Bittensor.Primitives.Crypto;

namespace Bittensor.Node.Consensus;

/// <summary>
/// Authors blocks for the <c>dev</c> engine: every <see cref="BlockTime"/> (when one is set) and whenever
/// <see cref="SealNow"/> is called, it takes the pool's ready transactions best first, builds and commits a block,
/// drops from the pool what the block left out as invalid and re-validates the rest. One block at a time.
/// </summary>
public sealed class DevBlockProducer : IAsyncDisposable
{
    private readonly NodeChain _chain;
    private readonly TransactionPool _pool;
    private readonly IPoolValidator _validator;
    private readonly Ed25519KeyPair _author;
    private readonly Func<ulong> _clockMs;
    private readonly Lock _sealing = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public DevBlockProducer(NodeChain chain, TransactionPool pool, IPoolValidator validator, Ed25519KeyPair author, TimeSpan? blockTime, Func<ulong>? clockMs = null)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _author = author ?? throw new ArgumentNullException(nameof(author));
        if (blockTime is { } t && t < MinimumBlockTime)
        {
            throw new ArgumentOutOfRangeException(nameof(blockTime), $"The block time must be at least {MinimumBlockTime.TotalMilliseconds} ms, got {t.TotalMilliseconds} ms.");
        }

        BlockTime = blockTime;
        _clockMs = clockMs ?? (() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    /// <summary>The shortest block time accepted.</summary>
    public static TimeSpan MinimumBlockTime { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Time between blocks; null to author only on <see cref="SealNow"/> (instant seal).</summary>
    public TimeSpan? BlockTime { get; }

    /// <summary>Raised after each authored block, with the pool's removals it caused and the time building it took.</summary>
    public event Action<ProducedBlock, IReadOnlyList<PoolRemoval>, TimeSpan>? Produced;

    /// <summary>Raised when authoring a block failed (the loop keeps going after a pause).</summary>
    public event Action<Exception>? Faulted;

    /// <summary>
    /// Starts the timed loop (no-op without a block time). It runs on a thread of its own rather than the thread pool:
    /// building a full block keeps a thread busy for a good part of the block time, and on a pool thread that would
    /// leave one fewer thread serving RPC, or make the pool inject threads late.
    /// </summary>
    public void Start()
    {
        if (BlockTime is { } period && _loop is null)
        {
            _loop = Task.Factory.StartNew(() => Run(period, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Authors a block now, with whatever is ready in the pool.</summary>
    public ProducedBlock SealNow()
    {
        lock (_sealing)
        {
            var started = Stopwatch.GetTimestamp();
            var candidates = _pool.ReadyInOrder(NodeChain.MaxBlockTransactions);
            var produced = _chain.Produce(_clockMs(), candidates, _author);
            var removals = new List<PoolRemoval>();
            foreach (var rejected in produced.Rejected)
            {
                removals.AddRange(_pool.Remove([rejected.Hash], PoolError.Invalid, rejected.Reason, rejected.Message));
            }

            removals.AddRange(_pool.Revalidate(produced.Block.TransactionHashes.ToHashSet(), _validator));
            Produced?.Invoke(produced, removals, Stopwatch.GetElapsedTime(started));
            return produced;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Seals a block every <paramref name="period"/> on the monotonic clock. A block that takes longer than the period
    /// is followed at once by the next one, and the schedule restarts from there (missed slots are not made up).
    /// </summary>
    private void Run(TimeSpan period, CancellationToken stop)
    {
        var periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp() + periodTicks;
        while (!stop.WaitHandle.WaitOne(Until(next)))
        {
            try
            {
                SealNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Faulted?.Invoke(e);
                if (stop.WaitHandle.WaitOne(period))
                {
                    return;
                }
            }

            next += periodTicks;
            var now = Stopwatch.GetTimestamp();
            if (next < now)
            {
                next = now;
            }
        }
    }

    private static TimeSpan Until(long timestamp)
    {
        var now = Stopwatch.GetTimestamp();
        return now >= timestamp ? TimeSpan.Zero : Stopwatch.GetElapsedTime(now, timestamp);
    }
}
