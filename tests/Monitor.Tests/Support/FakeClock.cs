namespace Monitor.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when a test says so. Timers created from it fire
/// (synchronously, on the caller's thread) when <see cref="Advance"/> or <see cref="SetUtcNow"/>
/// passes their due time, so code under test that waits on the clock runs without real sleeps.
/// </summary>
public sealed class FakeClock : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<FakeTimer> timers = [];
    private DateTimeOffset now;
    private readonly TimeZoneInfo zone;

    public FakeClock()
        : this(new DateTimeOffset(2025, 11, 20, 3, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeClock(DateTimeOffset start, TimeZoneInfo? localZone = null)
    {
        now = start.ToUniversalTime();
        zone = localZone ?? TimeZoneInfo.Utc;
    }

    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    /// <summary>Ticks follow the fake time, so <c>GetElapsedTime</c> measures fake durations.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "A clock does not go backwards.");
        }

        SetUtcNow(GetUtcNow() + by);
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        List<FakeTimer> due;
        lock (gate)
        {
            if (value < now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A clock does not go backwards.");
            }

            now = value.ToUniversalTime();
            due = [.. timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt)];
        }

        foreach (var timer in due)
        {
            timer.FireIfDue(value);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Remove(FakeTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock.GetUtcNow() + dueTime;
            if (dueTime == TimeSpan.Zero)
            {
                FireIfDue(clock.GetUtcNow());
            }

            return true;
        }

        public void FireIfDue(DateTimeOffset at)
        {
            while (DueAt <= at)
            {
                DueAt = period <= TimeSpan.Zero || period == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : DueAt + period;
                callback(state);
            }
        }

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
