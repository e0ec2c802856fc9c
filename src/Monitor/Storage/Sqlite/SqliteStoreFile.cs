using Microsoft.Data.Sqlite;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Opens connections to the store file and turns SQLite's terse failures ("file is not a
/// database", "attempt to write a readonly database") into messages that name the file and say
/// what to do.
/// </summary>
internal sealed class SqliteStoreFile
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteReadOnly = 8;
    private const int SqliteCannotOpen = 14;
    private const int SqliteFull = 13;

    private readonly string connectionString;
    private readonly string unpooledConnectionString;
    private readonly string immutableConnectionString;

    /// <summary>
    /// Before the process's first SQLite connection: SQLite keeps no allocation statistics. SQLitePCLRaw's build leaves
    /// them on, and each of the millions of mallocs and frees an import makes then takes a process-wide mutex to count
    /// bytes nothing reads. The gain is small (bench/import-side-by-side.sh, 100k items: 0.98x the time, within the
    /// run's noise) and the setting costs nothing. SQLite refuses it once it has started (another library in the
    /// process opened a connection first); the store then works exactly the same.
    /// </summary>
    static SqliteStoreFile()
    {
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public SqliteStoreFile(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = System.IO.Path.GetFullPath(options.Path);
        ReadOnly = options.ReadOnly;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        unpooledConnectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

        // A store nobody can be writing (a read-only file or mount) is opened immutable: SQLite then takes
        // no locks and creates no -wal/-shm beside it, which a read-only mount would refuse anyway.
        immutableConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = new Uri(Path).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
    }

    private volatile bool immutable;

    public string Path { get; }

    public bool ReadOnly { get; }

    public string ConnectionString => connectionString;

    /// <summary>
    /// A connection to the store. <paramref name="pooled"/> false for the helpers an import runs beside its writer
    /// (fact readers, WAL copies): given back to the pool, each kept the pages it had cached, and the writer, taking
    /// whichever connection came back first, filled one cache after another (a 1M-item import's peak had doubled).
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken, bool pooled = true)
    {
        if (ReadOnly && !File.Exists(Path))
        {
            throw new StoreUnavailableException($"There is no store at '{Path}'. Run `demo` or `run --once` first, or pass --db with an existing store file.");
        }

        if (!ReadOnly)
        {
            RefuseReadOnlyFile();
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        if (ReadOnly && (IsReadOnlyFile() || immutable))
        {
            return await OpenImmutableAsync(cancellationToken);
        }

        var connection = new SqliteConnection(pooled ? connectionString : unpooledConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();

            // FULL: a save is acknowledged only once it is on disk (the runner relies on that to
            // lose nothing when the process is killed). busy_timeout: Quartz shares the file.
            // cache_size: a save inserts into indexes keyed by item id, i.e. at random pages; past SQLite's
            // default 2 MB cache each of those is read again from the OS, which made a large import I/O-bound.
            // recursive_triggers: a REPLACE that removes a row fires its delete trigger (summary_flags' counts).
            command.CommandText = ReadOnly
                ? "PRAGMA busy_timeout = 10000; PRAGMA query_only = ON;"
                : "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA cache_size = -131072; PRAGMA recursive_triggers = ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);

            // A read of its own: in a batch, rows of a SELECT after PRAGMAs are never stepped, so a file
            // that cannot be read (damaged, or a WAL store on a read-only mount) would pass unnoticed.
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException exception) when (ReadOnly && exception.SqliteErrorCode is SqliteCannotOpen or SqliteReadOnly)
        {
            // A read-only mount: SQLite cannot create the -shm it wants for a WAL store, and no writer can be there.
            await connection.DisposeAsync();
            immutable = true;
            return await OpenImmutableAsync(cancellationToken);
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw Translate(exception);
        }
    }

    private async Task<SqliteConnection> OpenImmutableAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(immutableConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA query_only = ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw Translate(exception);
        }
    }

    /// <summary>The clear form of a SQLite failure, or the original exception when it is not about the file.</summary>
    public Exception Translate(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqliteErrorCode switch
        {
            SqliteNotADatabase or SqliteCorrupt => new StoreUnavailableException(
                $"The store file '{Path}' is not a readable SQLite database (it is damaged or is some other kind of file). " +
                "Nothing was changed. Move it aside (or restore a backup) and run again to start a new store there, or pass --db with another path.",
                exception),
            SqliteReadOnly => ReadOnlyFailure(exception),
            SqliteCannotOpen => new StoreUnavailableException(
                $"The store file '{Path}' cannot be opened: check that its folder exists and is writable, or pass --db with another path.",
                exception),
            SqliteFull => new StoreUnavailableException(
                $"The disk holding the store file '{Path}' is full. Free space and run again; nothing stored so far is lost.",
                exception),
            _ => exception,
        };
    }

    private StoreUnavailableException ReadOnlyFailure(Exception? inner) => new(
        $"The store file '{Path}' is read-only, so nothing can be saved into it. Make it writable (e.g. chmod u+w \"{Path}\") " +
        "or pass --db with a writable path. `stats` can still read it.",
        inner);

    /// <summary>
    /// SQLite run as root writes into a file whose permissions say read-only, and run as anyone
    /// else it fails only at the first write, half-way into a cycle. Refuse up front instead.
    /// </summary>
    private void RefuseReadOnlyFile()
    {
        if (IsReadOnlyFile())
        {
            throw ReadOnlyFailure(null);
        }
    }

    private bool IsReadOnlyFile() =>
        File.Exists(Path) && (OperatingSystem.IsWindows()
            ? File.GetAttributes(Path).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(Path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0);
}
