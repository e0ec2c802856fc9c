using Microsoft.Extensions.Time.Testing;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Transfer;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Import_FileWithABadLineAndAnUnknownStation_SummaryNamesBothAndStoresTheRest()
    {
        var file = temp.Write("history.ndjson", string.Join('\n',
            """{"type":"item","id":"youtube:a1","stationId":"thai-nguyen","channelId":"thai-nguyen-youtube","platform":"youtube","kind":"video","url":"https://www.youtube.com/watch?v=a1","title":"Lễ hội trà Thái Nguyên","body":null,"author":null,"category":null,"publishedAt":"2026-11-01T01:00:00Z","collectedAt":"2026-11-02T01:00:00Z","language":"vi"}""",
            """{"type":"observation","itemId":"youtube:a1","observedAt":"2026-11-01T02:00:00Z","views":120,"reactions":8,"comments":2,"shares":1}""",
            """{"type":"comment","id":"youtube:k1","itemId":"youtube:a1","platform":"youtube","parentId":null,"author":"Lan","text":"Chương trình rất hay, cảm ơn đài","publishedAt":"2026-11-01T03:00:00Z","likes":3}""",
            """{"type":"item","id":"youtube:a2",""",
            """{"type":"item","id":"web:ff00","stationId":"ha-giang","channelId":"ha-giang-web","platform":"web","kind":"article","url":"https://baohagiang.vn/a.html","title":"Hà Giang mùa hoa tam giác mạch","body":"Nội dung.","author":null,"category":null,"publishedAt":null,"collectedAt":"2026-11-02T01:00:00Z","language":"vi"}""") + "\n");
        var db = temp.File("monitor.db");

        var (exitCode, output, error) = await CliRun.InvokeAsync("import", file, "--db", db, "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("2 items (2 new), 1 observations, 1 comments stored");
        output.ShouldContain("line 4: not a transfer line");
        output.ShouldContain("Stations not in pipelines/ (their items were imported): ha-giang");
        var store = new SqliteContentStore(new SqliteStoreOptions(db, ReadOnly: true), new FakeTimeProvider());
        await store.InitializeAsync();
        (await store.GetStatsAsync()).Items.ShouldBe(2);
    }
}
