namespace Bittensor.Sdk.Axon;

/// <summary>
/// Bounded concurrency with a priority queue: a free slot is taken at once; otherwise the request waits, and each
/// freed slot goes to the waiting request with the highest stake (first come first served among equals). A wait
/// that outlives its deadline gives up (the axon answers 408).
/// </summary>
internal sealed class PriorityGate(int slots, int maxQueued)
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TaskCompletionSource<bool>, (ulong Stake, long Sequence)> _waiting = new(Comparer<(ulong Stake, long Sequence)>.Create(
        static (a, b) => a.Stake != b.Stake ? b.Stake.CompareTo(a.Stake) : a.Sequence.CompareTo(b.Sequence)));

    private int _free = slots;
    private long _sequence;
    private int _queued;

    /// <summary>Requests waiting now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    public enum Entry
    {
        Entered,
        TimedOut,
        QueueFull,
    }

    public async ValueTask<Entry> EnterAsync(ulong stake, TimeSpan wait, CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                return Entry.Entered;
            }

            if (_queued >= maxQueued)
            {
                return Entry.QueueFull;
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter, (stake, _sequence++));
            _queued++;
        }

        if (wait > TimeSpan.Zero)
        {
            try
            {
                await waiter.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
            }
        }

        // Either the slot was handed over (the result is true) or we withdraw; a withdrawn waiter stays in the heap
        // and is skipped when a slot is released.
        if (waiter.TrySetResult(false))
        {
            lock (_lock)
            {
                _queued--;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return Entry.TimedOut;
        }

        return Entry.Entered;
    }

    public void Release()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var waiter, out _))
            {
                if (waiter.TrySetResult(true))
                {
                    _queued--;
                    return;
                }
            }

            _free++;
        }
    }
}
