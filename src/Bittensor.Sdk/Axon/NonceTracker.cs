using System.Collections.Concurrent;

namespace Bittensor.Sdk.Axon;

/// <summary>
/// Replay protection (spec §2B default_verify), per caller key <c>"{hotkey}:{uuid}"</c>: a nonce is wall-clock
/// nanoseconds since the Unix epoch, must be strictly greater than the last one accepted for the key, greater than
/// now − (allowed delta + timeout) and at most now + future tolerance.
/// Upstream subtracts the timeout in seconds from nanoseconds (so its window is the 4 s delta alone) and has no
/// upper bound; here both terms are nanoseconds and a nonce from the future is refused. The window applies to every
/// caller (upstream exempts callers reporting a version below 7.2.0, whose nonces were monotonic clocks). Keys whose
/// last nonce has left the window are dropped, so memory stays bounded by the callers of the last window.
/// </summary>
internal sealed class NonceTracker(TimeProvider time, TimeSpan allowedDelta, TimeSpan futureTolerance, TimeSpan maxTimeout)
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);
    private long _nextSweep;

    public int Count => _last.Count;

    public static long NowNanoseconds(TimeProvider time) => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>Accepts and stores the nonce, or returns why not.</summary>
    public string? TryAccept(string key, long nonce, double timeoutSeconds)
    {
        var now = NowNanoseconds(time);
        var oldest = now - (allowedDelta.Ticks * 100) - (long)(timeoutSeconds * 1e9);
        if (nonce <= oldest)
        {
            return $"nonce {nonce} is older than the window (must exceed {oldest}: now − {allowedDelta.TotalSeconds} s − the request's {timeoutSeconds} s timeout); send wall-clock nanoseconds";
        }

        if (nonce > now + (futureTolerance.Ticks * 100))
        {
            return $"nonce {nonce} is ahead of the axon's clock ({now}) by more than {futureTolerance.TotalSeconds} s";
        }

        while (true)
        {
            if (_last.TryGetValue(key, out var stored))
            {
                if (nonce <= stored)
                {
                    return $"nonce {nonce} is not greater than the last one accepted from this caller ({stored})";
                }

                if (_last.TryUpdate(key, nonce, stored))
                {
                    break;
                }
            }
            else if (_last.TryAdd(key, nonce))
            {
                break;
            }
        }

        Sweep(now);
        return null;
    }

    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + (allowedDelta.Ticks * 100), next) != next)
        {
            return;
        }

        var cutoff = now - (allowedDelta.Ticks * 100) - (maxTimeout.Ticks * 100);
        foreach (var (key, value) in _last)
        {
            if (value <= cutoff)
            {
                _last.TryRemove(new KeyValuePair<string, long>(key, value));
            }
        }
    }
}
