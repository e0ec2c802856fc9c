using Npgsql;

namespace Monitor.Scheduling.Cluster;

/// <summary>
/// Creates Quartz's tables in PostgreSQL from the project's own <c>quartz-postgres.sql</c> (embedded),
/// in one transaction under an advisory lock: workers starting together wait for each other instead
/// of racing on <c>CREATE TABLE</c>, and every statement is <c>IF NOT EXISTS</c>, so a second run is
/// a no-op. Quartz then validates the schema itself when the scheduler starts.
/// </summary>
internal static class QuartzPostgresSchema
{
    /// <summary>Arbitrary, fixed: the advisory lock held while the schema is created.</summary>
    private const long SchemaLock = 0x4d6f6e5172747a; // "MonQrtz"

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var script = await ReadScriptAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(script, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string> ReadScriptAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(QuartzPostgresSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public const string ResourceName = "Monitor.Scheduling.Cluster.quartz-postgres.sql";
}
