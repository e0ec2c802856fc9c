using Monitor.Storage.Postgres;
using Npgsql;

namespace Monitor.Scheduling.Cluster;

/// <summary>
/// The cluster's run log in <c>monitor_job_runs</c>: a row when a worker starts a fire, a heartbeat
/// (<c>alive_at</c>) every check-in interval while it runs, completed when it ends. A fire answered
/// by two finished rows ran twice; a row never finished whose heartbeat stopped belongs to a worker
/// that died, and the recovering worker's row (<c>recovering</c>) answers the same fire.
/// </summary>
internal sealed class PostgresRunLog(NpgsqlDataSource dataSource, ClusterSchedulingOptions options, TimeProvider clock) : IRunLog
{
    /// <summary>A run that has not beaten for this long is taken for dead: three missed beats.</summary>
    private TimeSpan StaleAfter => options.CheckinInterval * 3;

    public async Task<long> StartedAsync(ChannelRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO monitor_job_runs (channel_id, scheduled_at, instance, recovering, started_at, alive_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id
            """);
        command.Parameters.AddWithValue(run.ChannelId);
        command.Parameters.Add(PostgresValues.Nullable(run.ScheduledAt));
        command.Parameters.AddWithValue(run.Instance);
        command.Parameters.AddWithValue(run.Recovering);
        command.Parameters.Add(PostgresValues.Nullable(run.StartedAt));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public IAsyncDisposable KeepAlive(long runId) => new Heartbeat(this, runId, options.CheckinInterval, clock);

    public async Task<bool> ShouldRecoverAsync(ChannelRun recovery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recovery);

        // Long enough for a living run to beat (its worker reconnects within one check-in interval).
        await Task.Delay(StaleAfter, clock, cancellationToken);

        // Any worker's run of the fire counts, this one's included: Quartz may hand the recovery of a
        // worker it wrongly took for dead back to that same worker.
        await using var command = dataSource.CreateCommand("""
            SELECT COALESCE(bool_or(finished_at IS NOT NULL), false), max(alive_at) FROM monitor_job_runs
            WHERE channel_id = $1 AND scheduled_at = $2
            """);
        command.Parameters.AddWithValue(recovery.ChannelId);
        command.Parameters.Add(PostgresValues.Nullable(recovery.ScheduledAt));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var finished = reader.GetBoolean(0);
        var lastBeat = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        return !finished && (lastBeat is null || clock.GetUtcNow() - lastBeat >= StaleAfter);
    }

    public async Task FinishedAsync(long runId, string outcome, int items, DateTimeOffset finishedAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE monitor_job_runs SET outcome = $2, items = $3, finished_at = $4 WHERE id = $1");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(outcome);
        command.Parameters.AddWithValue(items);
        command.Parameters.Add(PostgresValues.Nullable(finishedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal async Task BeatAsync(long runId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE monitor_job_runs SET alive_at = $2 WHERE id = $1");
        command.Parameters.AddWithValue(runId);
        command.Parameters.Add(PostgresValues.Nullable(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Beats every check-in interval until disposed; a beat that cannot reach the database is simply tried at the next tick.</summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task beating;

        public Heartbeat(PostgresRunLog log, long runId, TimeSpan interval, TimeProvider clock)
        {
            beating = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval, clock);
                try
                {
                    while (await timer.WaitForNextTickAsync(stop.Token))
                    {
                        try
                        {
                            await log.BeatAsync(runId, clock.GetUtcNow(), stop.Token);
                        }
                        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
                        {
                            // The database is away (restart, network): the next tick tries again.
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Disposed: the run ended.
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await beating;
            stop.Dispose();
        }
    }
}
