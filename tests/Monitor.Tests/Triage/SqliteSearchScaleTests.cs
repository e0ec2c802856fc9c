using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Monitor.Triage;

namespace Monitor.Tests.Triage;

public sealed class SqliteSearchScaleTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SearchAsync_WordInMoreThanTheWindow_WalksNewestFirstLikeTheSortAndCapsTheTotal()
    {
        // More matches than SearchQuery.MaxResults: the store walks the publication index instead of sorting.
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await store.InitializeAsync();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, SearchQuery.MaxResults + 30).Select(i => new Item(
            $"web:n{i:D5}", i % 2 == 0 ? "thai-nguyen" : "bac-kan", "web", Platform.Web, ItemKind.Article, $"https://example.vn/{i}",
            $"Tin chung số {i}", i % 3 == 0 ? "Có nhắc Điện Biên." : null, null, null, i % 7 == 0 ? null : t0.AddMinutes(i % 1000), t0)).ToList();
        foreach (var chunk in items.Chunk(2000))
        {
            await store.SaveAsync(ContentBatch.Empty with { Items = chunk });
        }

        var expected = items.Where(i => i.StationId == "thai-nguyen")
            .OrderBy(i => i.PublishedAt is null).ThenByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal)
            .Select(i => i.Id).ToList();

        var first = await store.SearchAsync(new SearchQuery("tin chung", Stations: ["thai-nguyen"], PageSize: 50));
        var deep = await store.SearchAsync(new SearchQuery("tin chung", Stations: ["thai-nguyen"], Page: 100, PageSize: 50));
        var all = await store.SearchAsync(new SearchQuery("tin chung"));
        var rare = await store.SearchAsync(new SearchQuery("dien bien", Stations: ["bac-kan"]));

        first.Hits.Select(h => h.Id).ShouldBe(expected.Take(50));
        deep.Hits.Select(h => h.Id).ShouldBe(expected.Skip(99 * 50).Take(50));
        all.ItemTotal.ShouldBe(SearchQuery.CountLimit);
        all.ItemTotalCapped.ShouldBeTrue();
        first.ItemTotal.ShouldBe(SearchQuery.CountLimit);
        rare.ItemTotal.ShouldBe(Math.Min(SearchQuery.CountLimit, items.Count(i => i.StationId == "bac-kan" && i.Body is not null)));
        rare.Hits.Select(h => h.Id).ShouldBe(items.Where(i => i.StationId == "bac-kan" && i.Body is not null)
            .OrderBy(i => i.PublishedAt is null).ThenByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Id).Take(20));
    }
}
