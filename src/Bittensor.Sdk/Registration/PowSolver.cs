using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Pow;

namespace Bittensor.Sdk.Registration;

/// <summary>
/// The proof-of-work registration solver (chain spec §4.1–4.3): finds a nonce whose seal for a hotkey on a recent
/// block meets the subnet's difficulty, on every processor, following the chain as it moves.
/// </summary>
/// <remarks>
/// <para>Threads take disjoint runs of <see cref="PowSolverOptions.UpdateInterval"/> nonces from one shared counter
/// (from a random start, as the reference client does) and hash them with <see cref="PowSearch"/>, which allocates
/// nothing. Between runs a thread picks up the newest block.</para>
/// <para>The caller's task re-reads the chain (see <see cref="PowSolverOptions"/> for when), reports progress, and,
/// when the block or the difficulty changed, publishes the new one: threads drop the old block within one vector of
/// nonces. A found seal is checked against a fresh read of the chain: on a block at most
/// <see cref="PowSolverOptions.MaxBlockAge"/> blocks old it is <see cref="PowOutcome.Solved"/>, otherwise
/// <see cref="PowOutcome.Stale"/>. Cancellation stops every thread within one vector of nonces and returns
/// <see cref="PowOutcome.Cancelled"/>. An exception from the block source stops the threads and is rethrown.</para>
/// <para>Every thread has ended when the returned task completes.</para>
/// </remarks>
public static class PowSolver
{
    /// <summary>How often the caller's task looks at the threads' counters while waiting to re-read the chain.</summary>
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(20);

    /// <summary>Solves for <paramref name="hotkey"/> on the blocks <paramref name="source"/> reports.</summary>
    public static async Task<PowResult> SolveAsync(
        IPowBlockSource source,
        AccountId hotkey,
        PowSolverOptions? options = null,
        IProgress<PowProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new PowSolverOptions();
        options.Validate();

        var clock = Stopwatch.StartNew();
        if (cancellationToken.IsCancellationRequested)
        {
            return new PowResult(PowOutcome.Cancelled, null, 0, 0, clock.Elapsed);
        }

        PowBlock head;
        try
        {
            head = await source.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PowResult(PowOutcome.Cancelled, null, 0, 0, clock.Elapsed);
        }

        using var run = new Run(hotkey, options, head, cancellationToken);
        (PowOutcome Outcome, PowSolution? Solution, ulong Head) end;
        try
        {
            end = await run.CoordinateAsync(source, progress, clock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await run.StopAsync().ConfigureAwait(false);
        }

        // Every thread has ended and added its last count.
        return new PowResult(end.Outcome, end.Solution, end.Head, run.TotalTried(), clock.Elapsed);
    }

    /// <summary>One block to solve on, as the threads see it.</summary>
    private sealed class Work : IDisposable
    {
        private readonly CancellationTokenSource _superseded;

        public Work(PowBlock block, AccountId hotkey, CancellationToken stop)
        {
            Block = block;
            Pre = PowSeal.ComputePre(block.Hash.Bytes, hotkey);
            _superseded = CancellationTokenSource.CreateLinkedTokenSource(stop);
            Token = _superseded.Token;
        }

        public PowBlock Block { get; }

        public byte[] Pre { get; }

        /// <summary>Fires when a newer block replaces this one or the solver stops.</summary>
        public CancellationToken Token { get; }

        public void Supersede() => _superseded.Cancel();

        public void Dispose() => _superseded.Dispose();
    }

    private readonly record struct Found(Work Work, ulong Nonce);

    private sealed class Run : IDisposable
    {
        /// <summary>Longs between two threads' counters: 128 bytes, so that no two share a cache line.</summary>
        private const int CounterStride = 16;

        /// <summary>Nonces per search call: well under a millisecond of work on a vector kernel.</summary>
        private const long SliceLength = 4096;

        private readonly AccountId _hotkey;
        private readonly PowSolverOptions _options;
        private readonly CancellationTokenSource _stop;
        private readonly long[] _tried;
        private readonly ulong _startNonce;
        private readonly ConcurrentQueue<Found> _found = new();
        private readonly SemaphoreSlim _wake = new(0);
        private readonly List<Work> _retired = [];
        private readonly Task[] _threads;
        private Work _work;
        private long _cursor;
        private volatile Exception? _failure;

        public Run(AccountId hotkey, PowSolverOptions options, PowBlock first, CancellationToken cancellationToken)
        {
            _hotkey = hotkey;
            _options = options;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _tried = new long[options.Threads * CounterStride];
            _startNonce = options.StartNonce ?? RandomNonce();
            _work = new Work(first, hotkey, _stop.Token);
            _threads = new Task[options.Threads];
            for (var i = 0; i < _threads.Length; i++)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var index = i;
                var thread = new Thread(() => Solve(index, done))
                {
                    IsBackground = true,
                    Name = "PoW solver " + (i + 1).ToString(CultureInfo.InvariantCulture),
                };
                _threads[i] = done.Task;
                thread.Start();
            }
        }

        public async Task<(PowOutcome Outcome, PowSolution? Solution, ulong Head)> CoordinateAsync(IPowBlockSource source, IProgress<PowProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
        {
            var head = _work.Block;
            var lastRead = clock.Elapsed;
            var triedAtRead = 0L;
            var quota = _options.UpdateInterval > long.MaxValue / _options.Threads ? long.MaxValue : _options.UpdateInterval * _options.Threads;
            try
            {
                while (true)
                {
                    var sinceRead = clock.Elapsed - lastRead;
                    var wait = sinceRead < _options.MinUpdatePeriod ? _options.MinUpdatePeriod - sinceRead : PollStep;
                    wait = Min(wait, _options.MaxUpdatePeriod - sinceRead);
                    if (wait > TimeSpan.Zero)
                    {
                        await _wake.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    }

                    if (_failure is not null)
                    {
                        throw new InvalidOperationException("A proof-of-work thread failed.", _failure);
                    }

                    if (_found.TryDequeue(out var found))
                    {
                        head = await source.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
                        return Finish(found, head);
                    }

                    sinceRead = clock.Elapsed - lastRead;
                    var due = sinceRead >= _options.MaxUpdatePeriod
                        || (sinceRead >= _options.MinUpdatePeriod && TotalTried() - triedAtRead >= quota);
                    if (!due)
                    {
                        continue;
                    }

                    head = await source.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
                    var now = clock.Elapsed;
                    var tried = TotalTried();
                    if (head != _work.Block)
                    {
                        Publish(head);
                    }

                    var seconds = (now - lastRead).TotalSeconds;
                    progress?.Report(new PowProgress(
                        tried,
                        seconds > 0 ? (tried - triedAtRead) / seconds : 0,
                        now > TimeSpan.Zero ? tried / now.TotalSeconds : 0,
                        now,
                        head.Number,
                        head.Difficulty));
                    lastRead = now;
                    triedAtRead = tried;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (PowOutcome.Cancelled, null, head.Number);
            }
        }

        /// <summary>Stops every thread and waits for them to end.</summary>
        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_threads).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _work.Dispose();
            foreach (var work in _retired)
            {
                work.Dispose();
            }

            _stop.Dispose();
            _wake.Dispose();
        }

        private (PowOutcome, PowSolution, ulong) Finish(Found found, PowBlock head)
        {
            var block = found.Work.Block;
            Span<byte> seal = stackalloc byte[PowSeal.HashSize];
            PowSeal.Create(found.Work.Pre, found.Nonce, seal);
            var solution = new PowSolution(block.Number, block.Hash, found.Nonce, new Hash32(seal), block.Difficulty);
            var stale = head.Number > block.Number && head.Number - block.Number > (ulong)_options.MaxBlockAge;
            return (stale ? PowOutcome.Stale : PowOutcome.Solved, solution, head.Number);
        }

        private void Publish(PowBlock block)
        {
            var previous = _work;
            Volatile.Write(ref _work, new Work(block, _hotkey, _stop.Token));
            previous.Supersede();
            _retired.Add(previous);
        }

        public long TotalTried()
        {
            long total = 0;
            for (var i = 0; i < _tried.Length; i += CounterStride)
            {
                total += Volatile.Read(ref _tried[i]);
            }

            return total;
        }

        /// <summary>
        /// A thread's loop: take a run of nonces, search it on the newest block in slices (counting after each, so
        /// progress stays current however long the run), repeat.
        /// </summary>
        private void Solve(int index, TaskCompletionSource done)
        {
            try
            {
                var slot = index * CounterStride;
                var interval = _options.UpdateInterval;
                var kernel = _options.Kernel;
                while (!_stop.IsCancellationRequested)
                {
                    var work = Volatile.Read(ref _work);
                    var first = _startNonce + (ulong)(Interlocked.Add(ref _cursor, interval) - interval);
                    for (long searched = 0; searched < interval;)
                    {
                        var slice = Math.Min(SliceLength, interval - searched);
                        var result = PowSearch.Search(work.Pre, work.Block.Difficulty, first + (ulong)searched, slice, work.Token, kernel);
                        Volatile.Write(ref _tried[slot], _tried[slot] + result.Tried);
                        if (result.Found)
                        {
                            // Found or stale, the run ends with this seal: stop every thread now.
                            _found.Enqueue(new Found(work, result.Nonce));
                            _stop.Cancel();
                            _wake.Release();
                            return;
                        }

                        if (result.Tried < slice)
                        {
                            break; // a newer block, or the end
                        }

                        searched += slice;
                    }
                }
            }
            catch (Exception e)
            {
                _failure = e;
                _wake.Release();
            }
            finally
            {
                done.SetResult();
            }
        }

        private static ulong RandomNonce()
        {
            Span<byte> bytes = stackalloc byte[8];
            Random.Shared.NextBytes(bytes);
            return BitConverter.ToUInt64(bytes);
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
