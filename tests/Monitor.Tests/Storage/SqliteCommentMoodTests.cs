using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Queries;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>
/// The comment mood is counted per item at write time (migration 10). A store from before it gets
/// the same counts from the migration as a store that kept them from the start.
/// </summary>
public sealed class SqliteCommentMoodTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task MigrateAsync_StoreFromBeforeTheMoodCounts_SameMoodAsKeptAtWriteTime()
    {
        var path = temp.File("monitor.db");
        var store = new SqliteContentStore(new SqliteStoreOptions(path), TestClock.Create());
        await store.InitializeAsync();
        var items = Enumerable.Range(0, 12).Select(Item).ToList();
        var comments = items.SelectMany((item, n) => Enumerable.Range(0, n % 4).Select(k => new Comment($"{item.Id}-c{k}", item.Id, item.Platform, null, null, $"Bình luận {k}", item.PublishedAt!.Value.AddHours(k + 1), 0))).ToList();
        var labels = comments.SelectMany((c, n) => new[]
        {
            new Assessment(c.Id, TargetKind.Comment, "sentiment", n % 3 == 0 ? "negative" : "neutral", 0.7, "phobert-1"),
            new Assessment(c.Id, TargetKind.Comment, "toxicity", n % 5 == 0 ? "offensive" : "clean", 0.6, "phobert-1"),
        }).ToList();
        await store.SaveAsync(new ContentBatch(items, [], comments, labels, []));
        var filters = new[] { ContentFilter.All, ContentFilter.ForStation("cao-bang"), new ContentFilter(null, Platform.YouTube, T0, T0.AddHours(6)) };
        var kept = new List<CommentMood>();
        foreach (var filter in filters)
        {
            kept.Add(await store.GetCommentMoodAsync(filter));
        }

        kept[0].Negative.ShouldBeGreaterThan(0);
        kept[0].Toxic.ShouldBeGreaterThan(0);

        // The store as migration 9 left it: no counts, no index on them.
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP INDEX summary_mood; ALTER TABLE item_summary DROP COLUMN negative_comments; ALTER TABLE item_summary DROP COLUMN toxic_comments; PRAGMA user_version = 9;";
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = new SqliteContentStore(new SqliteStoreOptions(path), TestClock.Create());
        await upgraded.InitializeAsync();
        for (var i = 0; i < filters.Length; i++)
        {
            (await upgraded.GetCommentMoodAsync(filters[i])).ShouldBe(kept[i], $"filter {i}");
        }
    }

    private static Item Item(int n)
    {
        var station = n % 2 == 0 ? "thai-nguyen" : "cao-bang";
        var (platform, kind) = n % 3 == 0 ? (Platform.YouTube, ItemKind.Video) : (Platform.Facebook, ItemKind.Post);
        var published = T0.AddMinutes(n * 47);
        var id = $"{platform.ToWire()}:{station}-{n}";
        return new Item(id, station, $"{station}-{platform.ToWire()}", platform, kind, $"https://example.vn/{id}", $"Tin {n}", null, null, null, published, published.AddMinutes(20));
    }
}
