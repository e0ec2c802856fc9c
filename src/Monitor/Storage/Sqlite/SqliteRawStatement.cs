using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// One statement of a save's hot path, prepared once on the connection's own handle and run straight
/// through SQLite: parameters bound by a cached index, text encoded to UTF-8 here (the store's encoding).
/// A profile of a 20k-item import showed Microsoft.Data.Sqlite spending more time per row than SQLite
/// itself (a data reader per execution, every parameter looked up by name and converted to UTF-8
/// each time); an import runs these statements hundreds of thousands of times. Errors come out as
/// <see cref="SqliteException"/>, as from Microsoft.Data.Sqlite. Runs inside the connection's open
/// transaction; every use starts from a reset statement with no bindings.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
    private bool dirty;

    // Text is bound as UTF-8, the file's own encoding: bound as UTF-16, SQLite copied it and converted it
    // again at every step, a tenth of an import's save (SQLite copies the bytes, so one buffer serves all).
    private byte[] utf8 = new byte[256];

    public SqliteRawStatement(sqlite3 db, string sql)
    {
        this.db = db;
        var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            throw Error(rc);
        }

        var count = raw.sqlite3_bind_parameter_count(statement);
        for (var i = 1; i <= count; i++)
        {
            indexes[raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string()] = i;
        }
    }

    /// <summary>Makes the statement ready for a new run: reset, bindings cleared.</summary>
    public SqliteRawStatement Start()
    {
        if (dirty)
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
            dirty = false;
        }

        return this;
    }

    public SqliteRawStatement Bind(string name, string? value)
    {
        var index = Index(name);
        Check(value switch
        {
            null => raw.sqlite3_bind_null(statement, index),

            // An empty span is bound from a null pointer, which SQLite takes for NULL: '' goes the UTF-16 way.
            "" => raw.sqlite3_bind_text16(statement, index, value.AsSpan()),
            _ => raw.sqlite3_bind_text(statement, index, Utf8(value)),
        });
        return this;
    }

    private ReadOnlySpan<byte> Utf8(string value)
    {
        var most = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > utf8.Length)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }

        return utf8.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(value, utf8));
    }

    public SqliteRawStatement Bind(string name, long? value)
    {
        var index = Index(name);
        Check(value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));
        return this;
    }

    public SqliteRawStatement Bind(string name, double? value)
    {
        var index = Index(name);
        Check(value is { } v ? raw.sqlite3_bind_double(statement, index, v) : raw.sqlite3_bind_null(statement, index));
        return this;
    }

    /// <summary>Runs the statement to its end; the number of rows it changed.</summary>
    public int Execute()
    {
        dirty = true;
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
        }

        Check(rc);
        var changes = raw.sqlite3_changes(db);
        Start();
        return changes;
    }

    /// <summary>Steps to the next row; false (and the statement reset) when there is none.</summary>
    public bool Read()
    {
        dirty = true;
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(rc);
        Start();
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

    public string? GetNullableString(int column) => IsNull(column) ? null : GetString(column);

    public long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

    public long? GetNullableInt64(int column) => IsNull(column) ? null : GetInt64(column);

    public double GetDouble(int column) => raw.sqlite3_column_double(statement, column);

    public double? GetNullableDouble(int column) => IsNull(column) ? null : GetDouble(column);

    public void Dispose() => statement.Dispose();

    private int Index(string name) =>
        indexes.TryGetValue(name, out var index) ? index : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The statement has no parameter {name}."), nameof(name));

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            var error = Error(rc);
            dirty = true;
            Start();
            throw error;
        }
    }

    private SqliteException Error(int rc) =>
        new(string.Create(CultureInfo.InvariantCulture, $"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'."), rc, raw.sqlite3_extended_errcode(db));
}
