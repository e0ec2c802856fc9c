using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Worker;

public sealed class StatsCommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = TestClock.Create();

    public void Dispose() => temp.Dispose();

    private async Task<string> FilledStoreAsync()
    {
        var path = temp.File("stats.db");
        var store = new SqliteContentStore(new SqliteStoreOptions(path), clock);
        await store.InitializeAsync();
        var a = Samples.Article("https://thainguyentv.vn/a-1.html", published: new DateTimeOffset(2025, 11, 1, 1, 2, 3, TimeSpan.Zero));
        var b = Samples.Article("https://thainguyentv.vn/b-2.html", published: new DateTimeOffset(2025, 11, 9, 0, 0, 0, TimeSpan.Zero));
        var c = Samples.Article("https://langsontv.vn/news/1/2/c", station: "lang-son") with { PublishedAt = null };
        await store.SaveAsync(new ContentBatch(
            [a, b, c],
            [new Observation(a.Id, clock.GetUtcNow(), null, 10, null, null, null)],
            [new Comment("web:k1", b.Id, Platform.Web, null, null, "Hay", null, null)],
            [],
            [new Flag(c.Id, TargetKind.Item, "rule:test", "high", "thử", null, [], clock.GetUtcNow())]));
        return path;
    }

    [Fact]
    public async Task Stats_Json_HasExactlyTheDocumentedShape()
    {
        var path = await FilledStoreAsync();

        var (exitCode, output, _) = await CliRun.InvokeAsync("stats", "--json", "--db", path, "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["items", "observations", "comments", "flagged", "groups"]);
        root.GetProperty("items").GetInt64().ShouldBe(3);
        root.GetProperty("observations").GetInt64().ShouldBe(1);
        root.GetProperty("comments").GetInt64().ShouldBe(1);
        root.GetProperty("flagged").GetInt64().ShouldBe(1);
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        groups.Count.ShouldBe(2);
        groups[0].EnumerateObject().Select(p => p.Name).ShouldBe(["station", "platform", "items", "observations", "comments", "flagged", "firstPublished", "lastPublished"]);
        groups[1].GetProperty("station").GetString().ShouldBe("thai-nguyen");
        groups[1].GetProperty("platform").GetString().ShouldBe("web");
        groups[1].GetProperty("firstPublished").GetString().ShouldBe("2025-11-01T01:02:03Z");
        groups[1].GetProperty("lastPublished").GetString().ShouldBe("2025-11-09T00:00:00Z");
        groups[0].GetProperty("firstPublished").ValueKind.ShouldBe(JsonValueKind.Null);
        groups[0].GetProperty("flagged").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Stats_Table_ListsEachStationAndTotals()
    {
        var path = await FilledStoreAsync();

        var (exitCode, output, _) = await CliRun.InvokeAsync("stats", "--db", path);

        exitCode.ShouldBe(0);
        output.ShouldContain("thai-nguyen");
        output.ShouldContain("lang-son");
        output.ShouldContain("Total");
        output.ShouldContain("2025-11-09T00:00:00Z");
    }

    [Fact]
    public async Task Stats_NoStoreFile_ClearMessageAndNoFileCreated()
    {
        var path = temp.File("absent.db");

        var (exitCode, _, error) = await CliRun.InvokeAsync("stats", "--db", path);

        exitCode.ShouldBe(3);
        error.ShouldContain("There is no store");
        error.ShouldContain(path);
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task Stats_CorruptStoreFile_ClearMessage()
    {
        var path = temp.Write("corrupt.db", new string('z', 8192));

        var (exitCode, _, error) = await CliRun.InvokeAsync("stats", "--json", "--db", path);

        exitCode.ShouldBe(3);
        error.ShouldContain(path);
        error.ShouldContain("not a readable SQLite database");
        error.ShouldNotContain("   at ");
    }
}
