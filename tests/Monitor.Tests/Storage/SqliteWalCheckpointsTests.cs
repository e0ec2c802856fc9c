using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Monitor.Transfer;

namespace Monitor.Tests.Storage;

/// <summary>
/// An import's WAL is copied into the store on another thread (issue 10, import speed). The copy must keep the
/// WAL from growing with the import, as the writer's own checkpoints did, and change nothing that is stored.
/// </summary>
public sealed class SqliteWalCheckpointsTests : IDisposable
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "thai-nguyen", "thai-nguyen-youtube" };

    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = TestClock.Create();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ImportAsync_WalPastItsCopySize_IsCopiedAndStartedOverWhileTheBatchesGoOn()
    {
        var history = temp.Write("history.ndjson", History(600));

        // SQLite deletes the WAL when the last connection that has it open closes, and tests running beside this one
        // clear the connection pools (as this test does itself, to be sure it measures that case): a connection of the
        // test's own keeps both WAL files there to be measured.
        await using var keepCopied = await OpenAsync("copied.db");
        await using var keepUncopied = await OpenAsync("uncopied.db");
        var copied = await ImportAsync("copied.db", history, walCopyFrames: 40);
        var uncopied = await ImportAsync("uncopied.db", history, walCopyFrames: long.MaxValue);
        SqliteConnection.ClearAllPools();

        // Never copied during the batches, the WAL holds every page each batch wrote; copied, it starts over.
        var withCopies = new FileInfo(copied + "-wal").Length;
        var withoutCopies = new FileInfo(uncopied + "-wal").Length;
        withoutCopies.ShouldBeGreaterThan(4 * 1024 * 1024, "thirty batches write megabytes of pages");
        (withCopies * 4).ShouldBeLessThan(withoutCopies);
        foreach (var sql in new[] { "SELECT id, title FROM items ORDER BY id", "SELECT item_id, observed_at, views FROM observations ORDER BY item_id, observed_at", "SELECT * FROM item_summary ORDER BY item_id", "SELECT * FROM summary_days ORDER BY 1, 2, 3, 4" })
        {
            (await SqliteRows.ReadAsync(copied, sql)).ShouldBe(await SqliteRows.ReadAsync(uncopied, sql), sql);
        }

        (await SqliteRows.ReadAsync(copied, "SELECT COUNT(*) FROM items")).ShouldBe(["600"]);
        (await SqliteRows.ReadAsync(copied, "PRAGMA integrity_check")).ShouldBe(["ok"]);
    }

    private async Task<SqliteConnection> OpenAsync(string name)
    {
        var connection = new SqliteConnection($"Data Source={temp.File(name)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync();

        // Switching to WAL only marks the file; a connection opens the WAL (and holds the shared lock that tells a
        // closing connection it is not the last) at its first read.
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master;";
        await command.ExecuteScalarAsync();
        return connection;
    }

    private async Task<string> ImportAsync(string name, string history, long walCopyFrames)
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File(name)) { WalCopyFrames = walCopyFrames }, clock);
        await store.InitializeAsync();
        var summary = await new NdjsonImporter(new ContentSaver([], store), store, clock) { BatchSize = 20 }.ImportAsync(history, Known, Known);
        summary.NewItems.ShouldBe(600);
        return store.Path;
    }

    /// <summary>Items of one channel, each with a body of a few hundred bytes and three observations.</summary>
    private static string History(int items)
    {
        var lines = new List<string>();
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (var n = 0; n < items; n++)
        {
            var published = start.AddMinutes(n * 37);
            var body = string.Join(' ', Enumerable.Repeat($"Bản tin số {n} về giao thông nông thôn ở Đại Từ.", 8));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"item","id":"youtube:w{{n}}","stationId":"thai-nguyen","channelId":"thai-nguyen-youtube","platform":"youtube","kind":"video","url":"https://youtube.example/w{{n}}","title":"Bản tin {{n}}","body":"{{body}}","author":null,"category":null,"publishedAt":"{{Iso(published)}}","collectedAt":"{{Iso(published.AddHours(1))}}","language":"vi"}"""));
            foreach (var hours in new[] { 1, 24, 168 })
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"observation","itemId":"youtube:w{{n}}","observedAt":"{{Iso(published.AddHours(hours))}}","views":{{(n % 50 + 1) * hours * 10}},"reactions":{{n % 7 * hours}},"comments":1,"shares":0}"""));
            }
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
