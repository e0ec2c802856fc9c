using Microsoft.Data.Sqlite;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The store file as the collectors' state tables see it: the same file, the same clear failures
/// (<see cref="SqliteStoreFile"/>) and the same migration path as the content store, run once per
/// instance before the first use, so a state table exists even when the content store was never opened.
/// </summary>
internal sealed class SqliteStateFile : IDisposable
{
    private readonly SqliteStoreFile file;
    private readonly SemaphoreSlim migration = new(1, 1);
    private volatile bool migrated;

    public SqliteStateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        file = new SqliteStoreFile(new SqliteStoreOptions(path));
    }

    public string Path => file.Path;

    public void Dispose() => migration.Dispose();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await file.OpenAsync(cancellationToken);
        try
        {
            if (!migrated)
            {
                await migration.WaitAsync(cancellationToken);
                try
                {
                    if (!migrated)
                    {
                        await using var wal = connection.CreateCommand();
                        wal.CommandText = "PRAGMA journal_mode = WAL;";
                        await wal.ExecuteNonQueryAsync(cancellationToken);
                        await SqliteSchema.MigrateAsync(connection, file.Path, null, cancellationToken);
                        migrated = true;
                    }
                }
                finally
                {
                    migration.Release();
                }
            }

            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw file.Translate(exception);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
