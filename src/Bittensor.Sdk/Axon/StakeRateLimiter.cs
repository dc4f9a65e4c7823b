using System.Collections.Concurrent;
using System.Diagnostics;
using Bittensor.Primitives.Accounts;

namespace Bittensor.Sdk.Axon;

/// <summary>
/// One token bucket per caller hotkey whose rate is base + stake (TAO) × per-TAO rate: bandwidth in proportion to
/// stake. The bucket holds rate × burst seconds (at least one request).
/// </summary>
internal sealed class StakeRateLimiter(double baseRate, double perTao, double burstSeconds)
{
    private readonly ConcurrentDictionary<AccountId, Bucket> _buckets = new();

    public double RateFor(ulong stakeRao) => baseRate + (stakeRao / 1e9 * perTao);

    public bool TryTake(AccountId hotkey, ulong stakeRao)
    {
        var rate = RateFor(stakeRao);
        var capacity = Math.Max(1, rate * burstSeconds);
        var bucket = _buckets.GetOrAdd(hotkey, static (_, c) => new Bucket(c), capacity);
        return bucket.TryTake(rate, capacity);
    }

    private sealed class Bucket(double tokens)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _stamp = Stopwatch.GetTimestamp();

        public bool TryTake(double rate, double capacity)
        {
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(capacity, _tokens + (Stopwatch.GetElapsedTime(_stamp, now).TotalSeconds * rate));
                _stamp = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
