using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

public sealed class SqliteContentStoreTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = TestClock.Create();

    public void Dispose() => temp.Dispose();

    private SqliteContentStore Store(string name = "monitor.db", bool readOnly = false) =>
        new(new SqliteStoreOptions(temp.File(name), readOnly), clock);

    private static ContentBatch Batch(params Item[] items) => ContentBatch.Empty with { Items = items };

    [Fact]
    public async Task SaveAsync_SameItemsTwice_SecondSaveAddsNothing()
    {
        var store = Store();
        await store.InitializeAsync();
        var items = Enumerable.Range(1, 5).Select(i => Samples.Article($"https://thainguyentv.vn/bai-{i}.html", title: $"Bài {i}")).ToArray();

        var first = await store.SaveAsync(Batch(items));
        var second = await store.SaveAsync(Batch(items));

        first.NewItems.ShouldBe(5);
        second.ShouldBe(new SaveResult(0, 0, 5, 0, 0, 0));
        (await store.GetStatsAsync()).Items.ShouldBe(5);
    }

    [Fact]
    public async Task SaveAsync_ChangedBody_KeepsOneItemAndANewVersion()
    {
        var store = Store();
        await store.InitializeAsync();
        var original = Samples.Article("https://langsontv.vn/news/1/2/a");
        await store.SaveAsync(Batch(original));

        var result = await store.SaveAsync(Batch(original with { Body = "Nội dung đã được cập nhật lúc 10 giờ." }));

        result.ChangedItems.ShouldBe(1);
        var items = await store.ReadItemsAsync().ToListAsync();
        items.Single().Body.ShouldBe("Nội dung đã được cập nhật lúc 10 giờ.");
        (await store.CountVersionsAsync(original.Id)).ShouldBe(2);
        (await SqliteRows.ReadAsync(store.Path, "SELECT version, body FROM item_versions")).ShouldBe([$"1 {original.Body}"], "the version the update replaced is kept");
        (await store.SearchAsync("cap nhat")).Single().Id.ShouldBe(original.Id);
        (await store.SearchAsync("khanh thanh cau moi")).Count.ShouldBe(1, "the title did not change and stays searchable");
        (await store.SearchAsync("dua vao su dung")).ShouldBeEmpty("the old body is no longer indexed");
    }

    [Fact]
    public async Task SaveAsync_ItemRoundTrips_WithUtcTimes()
    {
        var store = Store();
        await store.InitializeAsync();
        var item = Samples.Article("https://dienbientv.vn/a/b/202511/bai-1234567/", published: new DateTimeOffset(2025, 11, 19, 14, 33, 0, TimeSpan.FromHours(7)));

        await store.SaveAsync(Batch(item));

        var read = (await store.ReadItemsAsync().ToListAsync()).Single();
        read.ShouldBe(item with { PublishedAt = item.PublishedAt!.Value.ToUniversalTime() });
        read.PublishedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task SaveAsync_Observations_AppendOnlyAndExactRepeatIgnored()
    {
        var store = Store();
        await store.InitializeAsync();
        var item = Samples.Article("https://langsontv.vn/news/1/3/b");
        var first = new Observation(item.Id, clock.GetUtcNow(), TimeSpan.FromHours(1), 100, null, 2, null);
        var later = first with { ObservedAt = first.ObservedAt.AddHours(2), Age = TimeSpan.FromHours(3), Views = 250 };

        (await store.SaveAsync(new ContentBatch([item], [first], [], [], []))).Observations.ShouldBe(1);
        (await store.SaveAsync(new ContentBatch([item], [first, later], [], [], []))).Observations.ShouldBe(1);

        var observations = await store.ReadObservationsAsync().ToListAsync();
        observations.Select(o => o.Views).ShouldBe([100L, 250L]);
        observations[1].Age.ShouldBe(TimeSpan.FromHours(3));
        observations[0].Reactions.ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_CommentsAssessmentsFlags_CountedInStats()
    {
        var store = Store();
        await store.InitializeAsync();
        var a = Samples.Article("https://baoquangninh.vn/a-3279470.html", station: "quang-ninh");
        var b = Samples.Article("https://thainguyentv.vn/b-1.html", published: new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero));
        var c = Samples.Article("https://thainguyentv.vn/c-2.html", published: new DateTimeOffset(2025, 11, 2, 0, 0, 0, TimeSpan.Zero));
        var comment = new Comment("web:c1", a.Id, Platform.Web, null, "Bạn đọc", "Bài viết hay quá", null, 3);
        var flags = new[]
        {
            new Flag(a.Id, TargetKind.Item, "rule:watchlist", "high", "từ khóa", null, ["sạt lở"], clock.GetUtcNow()),
            new Flag(a.Id, TargetKind.Item, "model:toxicity", "low", "điểm cao", 0.9, [], clock.GetUtcNow()),
            new Flag(comment.Id, TargetKind.Comment, "model:toxicity", "high", "xúc phạm", 0.95, [], clock.GetUtcNow()),
        };
        var assessment = new Assessment(a.Id, TargetKind.Item, "sentiment", "negative", 0.8, "linear-1");

        var saved = await store.SaveAsync(new ContentBatch([a, b, c], [new Observation(a.Id, clock.GetUtcNow(), null, 5, null, null, null)], [comment], [assessment], flags));
        var again = await store.SaveAsync(new ContentBatch([], [], [comment], [assessment], flags));

        saved.ShouldBe(new SaveResult(3, 0, 0, 1, 1, 3));
        again.Comments.ShouldBe(0);
        again.Flags.ShouldBe(0);
        var stats = await store.GetStatsAsync();
        stats.ShouldBe(stats with { Items = 3, Observations = 1, Comments = 1, Flagged = 2 });
        stats.Groups.Count.ShouldBe(2);
        stats.Groups[0].ShouldBe(new StatsGroup("quang-ninh", "web", 1, 1, 1, 2, a.PublishedAt, a.PublishedAt));
        stats.Groups[1].ShouldBe(new StatsGroup("thai-nguyen", "web", 2, 0, 0, 0, b.PublishedAt, c.PublishedAt));
        (await store.ReadCommentsAsync().ToListAsync()).Single().ShouldBe(comment);
    }

    [Theory]
    [InlineData("thai nguyen")]
    [InlineData("THÁI NGUYÊN")]
    [InlineData("Thai   Nguyen!")]
    public async Task SearchAsync_WithoutDiacritics_FindsVietnameseText(string query)
    {
        var store = Store();
        await store.InitializeAsync();
        var hit = Samples.Article("https://thainguyentv.vn/x-1.html");
        var miss = Samples.Article("https://langsontv.vn/news/1/9/y", title: "Lạng Sơn mùa hoa đào", body: "Hoa đào nở sớm ở Mẫu Sơn.", station: "lang-son");
        await store.SaveAsync(Batch(hit, miss));

        var results = await store.SearchAsync(query);

        results.Select(r => r.Id).ShouldBe([hit.Id]);
    }

    [Fact]
    public async Task SearchAsync_DStroke_FoldsToD()
    {
        var store = Store();
        await store.InitializeAsync();
        var item = Samples.Article("https://dienbientv.vn/x/y/202511/z-1/", title: "Điện Biên đón đoàn khách đầu năm", body: null, station: "dien-bien");
        await store.SaveAsync(Batch(item));

        (await store.SearchAsync("dien bien don doan")).Single().Id.ShouldBe(item.Id);
        (await store.SearchAsync("Điện")).Single().Id.ShouldBe(item.Id);
        (await store.SearchAsync("\"OR NEAR(*")).ShouldBeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWalAndLatestSchema()
    {
        var store = Store("nested/folder/monitor.db");
        await store.InitializeAsync();
        await store.InitializeAsync();

        await using var connection = new SqliteConnection($"Data Source={temp.File("nested/folder/monitor.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        (await command.ExecuteScalarAsync()).ShouldBe("wal");
        command.CommandText = "PRAGMA user_version;";
        (await command.ExecuteScalarAsync()).ShouldBe((long)SqliteSchema.LatestVersion);
    }

    [Fact]
    public async Task InitializeAsync_CorruptFile_ClearMessageNamingTheFileAndLeavesItUntouched()
    {
        var path = temp.Write("monitor.db", string.Concat(Enumerable.Repeat("this is not a database, just text. ", 200)));
        var before = await File.ReadAllBytesAsync(path);

        var error = await Should.ThrowAsync<StoreUnavailableException>(() => Store().InitializeAsync());

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("not a readable SQLite database");
        error.Message.ShouldContain("--db");
        (await File.ReadAllBytesAsync(path)).ShouldBe(before);
    }

    [Fact]
    public async Task InitializeAsync_DamagedPages_ClearMessage()
    {
        var path = temp.File("monitor.db");
        var store = Store();
        await store.InitializeAsync();
        await store.SaveAsync(Batch(Enumerable.Range(1, 50).Select(i => Samples.Article($"https://thainguyentv.vn/bai-{i}.html", body: new string('x', 2000))).ToArray()));
        SqliteConnection.ClearAllPools();
        await using (var checkpoint = new SqliteConnection($"Data Source={path}"))
        {
            await checkpoint.OpenAsync();
            await using var command = checkpoint.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(path);
        for (var i = 100; i < bytes.Length; i++)
        {
            bytes[i] = 0xA5;
        }

        await File.WriteAllBytesAsync(path, bytes);

        var error = await Should.ThrowAsync<StoreUnavailableException>(async () =>
        {
            var damaged = Store();
            await damaged.InitializeAsync();
            await damaged.GetStatsAsync();
        });

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("damaged");
    }

    [Fact]
    public async Task SaveAsync_ReadOnlyFile_ClearMessageAndNothingWritten()
    {
        var path = temp.File("monitor.db");
        var store = Store();
        await store.InitializeAsync();
        await store.SaveAsync(Batch(Samples.Article("https://thainguyentv.vn/a-1.html")));
        SqliteConnection.ClearAllPools();
        MakeReadOnly(path);

        var error = await Should.ThrowAsync<StoreUnavailableException>(() => Store().SaveAsync(Batch(Samples.Article("https://thainguyentv.vn/b-2.html"))));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("read-only");
        var reader = Store(readOnly: true);
        await reader.InitializeAsync();
        (await reader.GetStatsAsync()).Items.ShouldBe(1, "a read-only store can still be reported on");
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    [Fact]
    public async Task InitializeAsync_ReadOnlyOptionsAndNoFile_SaysThereIsNoStore()
    {
        var error = await Should.ThrowAsync<StoreUnavailableException>(() => Store("absent.db", readOnly: true).InitializeAsync());

        error.Message.ShouldContain("There is no store");
        File.Exists(temp.File("absent.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task InitializeAsync_NewerSchema_RefusesWithVersion()
    {
        var path = temp.File("monitor.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Should.ThrowAsync<StoreUnavailableException>(() => Store().InitializeAsync());

        error.Message.ShouldContain("schema version 99");
    }
}
