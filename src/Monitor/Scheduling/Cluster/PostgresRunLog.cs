using Monitor.Storage.Postgres;
using Npgsql;

namespace Monitor.Scheduling.Cluster;

/// <summary>
/// The cluster's run log in <c>monitor_job_runs</c>: a row when a worker starts a fire, completed
/// when it ends. A fire answered by two finished rows ran twice; a row never finished belongs to a
/// worker that died, and the recovering worker's row (<c>recovering</c>) answers the same fire.
/// </summary>
internal sealed class PostgresRunLog(NpgsqlDataSource dataSource) : IRunLog
{
    public async Task<long> StartedAsync(ChannelRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO monitor_job_runs (channel_id, scheduled_at, instance, recovering, started_at) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """);
        command.Parameters.AddWithValue(run.ChannelId);
        command.Parameters.Add(PostgresValues.Nullable(run.ScheduledAt));
        command.Parameters.AddWithValue(run.Instance);
        command.Parameters.AddWithValue(run.Recovering);
        command.Parameters.Add(PostgresValues.Nullable(run.StartedAt));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
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
}
