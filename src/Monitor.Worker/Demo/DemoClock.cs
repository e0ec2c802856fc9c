namespace Monitor.Worker.Demo;

/// <summary>
/// The demo's clock: real time plus an offset the demo moves forward, so one run can observe the
/// replayed social posts "an hour later", "a day later" without waiting.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
