namespace Monitor.Alerts.Outbox;

/// <summary>
/// How the dispatcher retries. Within one send, Polly retries a temporary failure a few times
/// (<see cref="InCallRetries"/>, exponential from <see cref="InCallDelay"/>); after that the delivery
/// waits in the outbox and is tried again after a backoff that doubles from <see cref="FirstBackoff"/>
/// up to <see cref="MaxBackoff"/>, across restarts, until <see cref="MaxAttempts"/>.
/// </summary>
public sealed record AlertDispatchOptions
{
    public int InCallRetries { get; init; } = 2;

    public TimeSpan InCallDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>About a day of tries at the longest backoff before a delivery is given up as failed.</summary>
    public int MaxAttempts { get; init; } = 100;

    public int BatchSize { get; init; } = 200;

    public TimeSpan Backoff(int attempts)
    {
        var doubled = FirstBackoff.Ticks * Math.Pow(2, Math.Min(30, Math.Max(0, attempts - 1)));
        return doubled >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)doubled);
    }
}
