using Microsoft.Data.Sqlite;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The statements of one save, each prepared once and run many times (a batch of a thousand items
/// runs the same few dozen statements tens of thousands of times; preparing costs more than running).
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRawStatement> rawStatements = new(StringComparer.Ordinal);

    /// <summary>The statement for <paramref name="sql"/>, its parameters cleared. Not for two readers of the same text at once.</summary>
    public SqliteCommand Get(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
#pragma warning disable CA2000 // Owned by this cache and disposed with it.
            command = connection.CreateCommand();
#pragma warning restore CA2000
            command.Transaction = transaction;
            command.CommandText = sql;
            commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>The rowid of the last row this connection inserted.</summary>
    public long LastInsertRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle!);

    /// <summary>The hot-path form of <paramref name="sql"/> (<see cref="SqliteRawStatement"/>), reset and unbound. Not for two readers of the same text at once.</summary>
    public SqliteRawStatement Raw(string sql)
    {
        if (!rawStatements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteRawStatement(connection.Handle!, sql);
            rawStatements[sql] = statement;
        }

        return statement.Start();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in rawStatements.Values)
        {
            statement.Dispose();
        }

        rawStatements.Clear();
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }

        commands.Clear();
    }
}
