namespace Monitor.Scheduling;

/// <summary>One scheduled run of a channel: which fire it answers, on which worker, and how it ended.</summary>
public sealed record ChannelRun(string ChannelId, DateTimeOffset ScheduledAt, string Instance, bool Recovering, DateTimeOffset StartedAt);

/// <summary>
/// Where the daemon records each scheduled run, so a cluster can be asked whether a fire ran once,
/// twice or never (the soak benchmark and the cluster tests read it). A single worker keeps no log.
/// </summary>
public interface IRunLog
{
    Task<long> StartedAsync(ChannelRun run, CancellationToken cancellationToken = default);

    Task FinishedAsync(long runId, string outcome, int items, DateTimeOffset finishedAt, CancellationToken cancellationToken = default);
}

/// <summary>The single worker's log: none (its summary lines are in the log file).</summary>
internal sealed class NoRunLog : IRunLog
{
    public Task<long> StartedAsync(ChannelRun run, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task FinishedAsync(long runId, string outcome, int items, DateTimeOffset finishedAt, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
