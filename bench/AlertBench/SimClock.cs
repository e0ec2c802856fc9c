namespace Monitor.Bench.Alerts;

/// <summary>The simulation's clock: set by the loop, read by the store and the rules.</summary>
internal sealed class SimClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
