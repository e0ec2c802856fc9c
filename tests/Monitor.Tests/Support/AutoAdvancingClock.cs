namespace Monitor.Tests.Support;

/// <summary>
/// A fake clock that jumps forward by exactly the requested delay whenever code under test waits
/// on it (Task.Delay with a TimeProvider), so retry loops run instantly while the fake time they
/// spent is still measured (<see cref="Waits"/>, <see cref="Elapsed"/>).
/// </summary>
public sealed class AutoAdvancingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> waits = [];
    private DateTimeOffset now = start;

    public AutoAdvancingClock()
        : this(new DateTimeOffset(2025, 11, 20, 3, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Start { get; } = start;

    public TimeSpan Elapsed => GetUtcNow() - Start;

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (gate)
            {
                return [.. waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpTimer();
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (gate)
            {
                now += dueTime;
                waits.Add(dueTime);
            }

            // Fired off the caller's thread: Task.Delay must finish wiring its timer first.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!timer.Disposed)
                {
                    callback(state);
                }
            });
        }

        return timer;
    }

    private sealed class JumpTimer : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
