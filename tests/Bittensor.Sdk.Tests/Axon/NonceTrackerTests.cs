using Bittensor.Sdk.Axon;

namespace Bittensor.Sdk.Tests.Axon;

public sealed class NonceTrackerTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void Window_IsDeltaPlusTimeoutInNanoseconds_AndKeysLeaveWithIt()
    {
        var clock = new SteppedClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var tracker = new NonceTracker(clock, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60));
        var now = NonceTracker.NowNanoseconds(clock);

        Assert.Null(tracker.TryAccept("a:1", now - (15 * Second), timeoutSeconds: 12));
        Assert.Contains("older than the window", tracker.TryAccept("a:2", now - (17 * Second), timeoutSeconds: 12), StringComparison.Ordinal);
        Assert.Contains("not greater", tracker.TryAccept("a:1", now - (15 * Second), timeoutSeconds: 12), StringComparison.Ordinal);
        Assert.Contains("ahead", tracker.TryAccept("a:3", now + (5 * Second), timeoutSeconds: 12), StringComparison.Ordinal);
        Assert.Equal(1, tracker.Count);

        // 70 s later the stored nonce is outside any window (4 s + at most 60 s): the next accepted nonce sweeps it.
        clock.Advance(TimeSpan.FromSeconds(70));
        Assert.Null(tracker.TryAccept("b:1", NonceTracker.NowNanoseconds(clock), timeoutSeconds: 12));
        Assert.Equal(1, tracker.Count);
        Assert.Contains("older than the window", tracker.TryAccept("a:1", now - (15 * Second) + 1, timeoutSeconds: 60), StringComparison.Ordinal);
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
