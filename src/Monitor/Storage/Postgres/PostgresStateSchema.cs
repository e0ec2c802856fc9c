using Npgsql;

namespace Monitor.Storage.Postgres;

/// <summary>
/// The cluster's shared state tables (crawl seen-set, failures, discovery documents, social
/// observation plan, back-offs, quota days, follower counts) and their own migration path: each
/// step runs once, in order, recorded in <c>monitor_state_migrations</c>. Workers starting together
/// serialise on an advisory lock, so exactly one of them applies a step and the rest find it done.
/// </summary>
internal static class PostgresStateSchema
{
    /// <summary>Arbitrary, fixed: the advisory lock every worker takes while it migrates.</summary>
    private const long MigrationLock = 0x4d6f6e5374617465; // "MonState"

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE crawl_seen (
            channel_id    text        NOT NULL,
            url           text        NOT NULL,
            canonical_url text,
            item_id       text,
            etag          text,
            last_modified timestamptz,
            changed       timestamptz,
            seen_at       timestamptz NOT NULL,
            PRIMARY KEY (channel_id, url)
        );
        CREATE TABLE crawl_failures (
            channel_id  text        NOT NULL,
            url         text        NOT NULL,
            failures    integer     NOT NULL,
            problem     text        NOT NULL,
            retry_after timestamptz NOT NULL,
            PRIMARY KEY (channel_id, url)
        );
        CREATE TABLE crawl_documents (
            url           text PRIMARY KEY,
            etag          text,
            last_modified timestamptz,
            content       text        NOT NULL,
            fetched_at    timestamptz NOT NULL
        );
        CREATE TABLE social_items (
            item_id            text PRIMARY KEY,
            channel_id         text        NOT NULL,
            native_id          text        NOT NULL,
            published_at       timestamptz NOT NULL,
            last_observed_at   timestamptz,
            next_due_at        timestamptz,
            observation_count  integer     NOT NULL,
            last_comment_count bigint,
            gone               boolean     NOT NULL DEFAULT false
        );
        CREATE INDEX social_items_due ON social_items (channel_id, next_due_at) WHERE NOT gone AND next_due_at IS NOT NULL;
        CREATE TABLE social_backoff (
            key    text PRIMARY KEY,
            until  timestamptz NOT NULL,
            reason text        NOT NULL
        );
        CREATE TABLE social_quota (
            quota_key text   NOT NULL,
            day       text   NOT NULL,
            units     bigint NOT NULL,
            PRIMARY KEY (quota_key, day)
        );
        CREATE TABLE social_followers (
            channel_id  text        NOT NULL,
            observed_at timestamptz NOT NULL,
            followers   bigint      NOT NULL,
            PRIMARY KEY (channel_id, observed_at)
        );
        """,
        """
        CREATE TABLE monitor_cluster_schedule (
            sched_name  text PRIMARY KEY,
            fingerprint text        NOT NULL,
            channels    integer     NOT NULL,
            instance    text        NOT NULL,
            written_at  timestamptz NOT NULL
        );
        CREATE TABLE monitor_job_runs (
            id           bigserial PRIMARY KEY,
            channel_id   text        NOT NULL,
            scheduled_at timestamptz NOT NULL,
            instance     text        NOT NULL,
            recovering   boolean     NOT NULL,
            started_at   timestamptz NOT NULL,
            alive_at     timestamptz NOT NULL,
            finished_at  timestamptz,
            outcome      text,
            items        integer
        );
        CREATE INDEX monitor_job_runs_fire ON monitor_job_runs (channel_id, scheduled_at);
        """,
    ];

    public static int Version => Steps.Length;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS monitor_state_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
        int applied;
        await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM monitor_state_migrations", connection, transaction))
        {
            applied = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (applied > Steps.Length)
        {
            throw new StoreUnavailableException(
                $"The PostgreSQL state is at version {applied}, newer than this worker knows ({Steps.Length}). Run the same Monitor version on every worker.");
        }

        for (var version = applied + 1; version <= Steps.Length; version++)
        {
            await Execute(connection, transaction, Steps[version - 1], cancellationToken);
            await Execute(connection, transaction, $"INSERT INTO monitor_state_migrations (version) VALUES ({version})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
