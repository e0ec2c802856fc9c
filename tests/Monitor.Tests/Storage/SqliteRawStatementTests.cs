using Microsoft.Data.Sqlite;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>
/// The save's hot-path statements (<see cref="SqliteRawStatement"/>) bind, read and fail as
/// Microsoft.Data.Sqlite would: values keep their SQLite types, Vietnamese text survives the UTF-16
/// binding, and a failed step is a <see cref="SqliteException"/> that leaves the statement usable.
/// </summary>
public sealed class SqliteRawStatementTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Read_ValuesBoundByName_ComeBackWithTheirTypesAndNulls()
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var statements = new SqliteStatements(connection, transaction);
        statements.Raw("INSERT INTO t (id, text, number, real) VALUES ($id, $text, $number, $real)")
            .Bind("$id", "a").Bind("$text", "Điện Biên – Thái Nguyên").Bind("$number", 9_000_000_000L).Bind("$real", 0.25).Execute().ShouldBe(1);
        statements.Raw("INSERT INTO t (id, text, number, real) VALUES ($id, $text, $number, $real)")
            .Bind("$id", "b").Bind("$text", (string?)null).Bind("$number", (long?)null).Bind("$real", (double?)null).Execute().ShouldBe(1);

        // An empty text is text, not NULL (an empty span has no address; SQLite would read a null pointer as NULL).
        statements.Raw("INSERT INTO t (id, text) VALUES ($id, $text)").Bind("$id", "c").Bind("$text", string.Empty).Execute();
        var empty = statements.Raw("SELECT typeof(text), length(text) FROM t WHERE id = 'c'");
        empty.Read().ShouldBeTrue();
        (empty.GetString(0), empty.GetInt64(1)).ShouldBe(("text", 0L));
        empty.Start();

        var read = statements.Raw("SELECT id, text, number, real, typeof(number), typeof(real) FROM t ORDER BY id");
        read.Read().ShouldBeTrue();
        (read.GetString(0), read.GetNullableString(1), read.GetNullableInt64(2), read.GetNullableDouble(3), read.GetString(4), read.GetString(5))
            .ShouldBe(("a", "Điện Biên – Thái Nguyên", 9_000_000_000L, 0.25, "integer", "real"));
        read.Read().ShouldBeTrue();
        (read.GetNullableString(1), read.GetNullableInt64(2), read.GetNullableDouble(3)).ShouldBe((null, null, null));
        read.Read().ShouldBeTrue();
        read.Read().ShouldBeFalse();

        // Read again from the start: a finished statement is reset, not exhausted.
        statements.Raw("SELECT id, text, number, real, typeof(number), typeof(real) FROM t ORDER BY id").Read().ShouldBeTrue();
        statements.LastInsertRowId.ShouldBe(3);
    }

    [Fact]
    public async Task Execute_ConstraintBroken_ThrowsSqliteExceptionAndStaysUsable()
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var statements = new SqliteStatements(connection, transaction);
        const string Insert = "INSERT INTO t (id, text) VALUES ($id, $text)";
        statements.Raw(Insert).Bind("$id", "a").Bind("$text", "một").Execute();

        var failure = Should.Throw<SqliteException>(() => statements.Raw(Insert).Bind("$id", "a").Bind("$text", "hai").Execute());

        failure.SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT, as Microsoft.Data.Sqlite reports it
        failure.Message.ShouldContain("UNIQUE constraint failed: t.id");
        statements.Raw(Insert).Bind("$id", "b").Bind("$text", "ba").Execute().ShouldBe(1);
        var count = statements.Raw("SELECT COUNT(*) FROM t");
        count.Read().ShouldBeTrue();
        count.GetInt64(0).ShouldBe(2);
    }

    [Fact]
    public async Task Bind_NameTheStatementLacks_ThrowsArgumentException()
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var statements = new SqliteStatements(connection, transaction);

        Should.Throw<ArgumentException>(() => statements.Raw("SELECT text FROM t WHERE id = $id").Bind("$identifier", "a"))
            .Message.ShouldContain("$identifier");
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp.File("raw.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, text TEXT, number INTEGER, real REAL)";
        await create.ExecuteNonQueryAsync();
        return connection;
    }
}
