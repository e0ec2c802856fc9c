using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Storage.Postgres;
using Npgsql;

namespace Monitor.Scheduling.Cluster;

/// <summary>
/// What a worker does before its clustered scheduler starts: migrate the shared state, create
/// Quartz's tables, and make sure it schedules what the cluster schedules. The schedule is compared
/// as a fingerprint of every channel's id, cron and time zone. A worker whose fingerprint differs is
/// refused while any other worker is alive (checked in recently, or wrote the fingerprint moments
/// ago); when none is, its configuration becomes the cluster's, so a changed <c>pipelines/</c> is
/// rolled out by stopping every worker and starting them again with the new files.
/// </summary>
internal sealed partial class ClusterStartup(NpgsqlDataSource dataSource, ClusterSchedulingOptions options, TimeProvider clock, ILogger<ClusterStartup> logger)
{
    private const long FingerprintLock = 0x4d6f6e53636864; // "MonSchd"

    public async Task JoinAsync(PipelineConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await PostgresStateSchema.MigrateAsync(dataSource, cancellationToken);
        await QuartzPostgresSchema.EnsureAsync(dataSource, cancellationToken);
        var fingerprint = Fingerprint(configuration);
        var now = clock.GetUtcNow();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({FingerprintLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var read = new NpgsqlCommand("SELECT fingerprint, channels, instance, written_at FROM monitor_cluster_schedule WHERE sched_name = $1", connection, transaction))
        {
            read.Parameters.AddWithValue(ClusterSchedulingOptions.SchedulerName);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetString(0) != fingerprint)
            {
                var (theirs, channels, instance, writtenAt) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
                await reader.DisposeAsync();
                var alive = await LiveMembersAsync(connection, transaction, now, cancellationToken);
                if (alive.Count > 0 || now - writtenAt < LivenessWindow)
                {
                    var members = alive.Count > 0 ? string.Join(", ", alive) : instance;
                    throw new ScheduleConflictException(
                        $"This worker's schedule configuration (fingerprint {fingerprint}, {configuration.ChannelCount} channels) differs from the one the running cluster uses "
                        + $"(fingerprint {theirs}, {channels} channels, set by {instance} at {writtenAt:yyyy-MM-dd HH:mm:ss}Z; running: {members}). "
                        + "Every worker must start from the same pipelines/ (channels and their schedules). Start this worker with the cluster's files, "
                        + "or stop every worker and start them again with the new ones.");
                }

                ScheduleReplaced(logger, theirs, fingerprint);
            }
        }

        await using (var write = new NpgsqlCommand("""
            INSERT INTO monitor_cluster_schedule (sched_name, fingerprint, channels, instance, written_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (sched_name) DO UPDATE SET fingerprint = excluded.fingerprint, channels = excluded.channels, instance = excluded.instance, written_at = excluded.written_at
            """, connection, transaction))
        {
            write.Parameters.AddWithValue(ClusterSchedulingOptions.SchedulerName);
            write.Parameters.AddWithValue(fingerprint);
            write.Parameters.AddWithValue(configuration.ChannelCount);
            write.Parameters.AddWithValue(options.InstanceId);
            write.Parameters.Add(PostgresValues.Nullable(now));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Joined(logger, options.InstanceId, fingerprint, configuration.ChannelCount);
    }

    /// <summary>A channel's id, cron and zone, sorted: the same files on every worker give the same text.</summary>
    public static string Fingerprint(PipelineConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var lines = configuration.Sources()
            .Select(s => $"{s.Channel.Id}\t{ChannelSchedule.CronFor(s.Channel, configuration.Settings)}\t{ChannelSchedule.TimeZone.Id}")
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];
    }

    /// <summary>Long enough for a worker that just wrote the fingerprint to have checked in once.</summary>
    private TimeSpan LivenessWindow => options.LivenessWindow;

    /// <summary>Other members whose last check-in is recent; Quartz writes check-in times in epoch milliseconds.</summary>
    private async Task<List<string>> LiveMembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = $1 AND instance_name <> $2",
            connection, transaction);
        command.Parameters.AddWithValue(ClusterSchedulingOptions.SchedulerName);
        command.Parameters.AddWithValue(options.InstanceId);
        var alive = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lastCheckin = QuartzTime(reader.GetInt64(1));
            if (now - lastCheckin < LivenessWindow)
            {
                alive.Add(reader.GetString(0));
            }
        }

        return alive;
    }

    /// <summary>Quartz.NET stores instants as UTC ticks; anything smaller is read as epoch milliseconds.</summary>
    internal static DateTimeOffset QuartzTime(long value) =>
        value > DateTimeOffset.UnixEpoch.UtcTicks ? new DateTimeOffset(value, TimeSpan.Zero) : DateTimeOffset.FromUnixTimeMilliseconds(value);

    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "Joined the scheduling cluster as {Instance}: schedule {Fingerprint}, {Channels} channels")]
    private static partial void Joined(ILogger logger, string instance, string fingerprint, int channels);

    [LoggerMessage(EventId = 231, Level = LogLevel.Warning, Message = "No other worker is running: the cluster's schedule {Old} is replaced by this worker's {New}")]
    private static partial void ScheduleReplaced(ILogger logger, string old, string @new);
}
