namespace Monitor.Scheduling;

/// <summary>One scheduled run of a channel: which fire it answers, on which worker, and how it ended.</summary>
public sealed record ChannelRun(string ChannelId, DateTimeOffset ScheduledAt, string Instance, bool Recovering, DateTimeOffset StartedAt);

/// <summary>
/// Where the daemon records each scheduled run, so a cluster can be asked whether a fire ran once,
/// twice or never (the soak benchmark and the cluster tests read it), and so a recovery can tell a
/// dead worker from one that was only cut off from the database for a while. A single worker keeps no log.
/// </summary>
public interface IRunLog
{
    Task<long> StartedAsync(ChannelRun run, CancellationToken cancellationToken = default);

    /// <summary>Keeps the run's heartbeat going until disposed: the evidence that its worker is alive.</summary>
    IAsyncDisposable KeepAlive(long runId);

    /// <summary>
    /// Whether a recovery should run: not when the fire it recovers has finished, nor when that
    /// fire's run still beats (Quartz declared its worker dead because it missed check-ins while the
    /// database was away, but the worker kept running and will finish the fire itself).
    /// </summary>
    Task<bool> ShouldRecoverAsync(ChannelRun recovery, CancellationToken cancellationToken = default);

    Task FinishedAsync(long runId, string outcome, int items, DateTimeOffset finishedAt, CancellationToken cancellationToken = default);
}

/// <summary>The single worker's log: none (its summary lines are in the log file); what it recovers is its own, so always.</summary>
internal sealed class NoRunLog : IRunLog, IAsyncDisposable
{
    public Task<long> StartedAsync(ChannelRun run, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public IAsyncDisposable KeepAlive(long runId) => this;

    public Task<bool> ShouldRecoverAsync(ChannelRun recovery, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task FinishedAsync(long runId, string outcome, int items, DateTimeOffset finishedAt, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
