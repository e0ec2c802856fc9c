using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Enrichment;
using Monitor.Language;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Language;
using Monitor.Tests.Support;
using static Monitor.Tests.Enrichment.EnrichmentTestData;

namespace Monitor.Tests.Enrichment;

/// <summary>Re-scoring against a real SQLite store file in a temp folder.</summary>
public sealed class RescorerTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = new(Now);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task RescoreAsync_StoredItemsAndComments_AssessmentsUnderNewModelAndWatchlistFlags()
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), clock);
        await store.InitializeAsync();
        var items = Enumerable.Range(0, 5).Select(i => Item($"web:{i}", $"Phóng sự số {i} tuyệt vời", "cảm ơn đài")).ToList();
        var comments = new List<Comment> { Comment("youtube:c1", "web:0", "tin giả, quá tệ"), Comment("youtube:c2", "web:1", "hay lắm") };
        await store.SaveAsync(Batch(items, comments));
        using var sentiment = new LinearTextClassifier(TinyCorpus.Train());
        var enrichers = new IContentEnricher[]
        {
            new ClassifierEnricher([(sentiment, null)], clock),
            new WatchlistEnricher([new Watchlist("tin-gia", [new("tin giả", WatchSeverity.High, "tin giả")])], clock),
        };

        var summary = await new Rescorer(enrichers, store).RescoreAsync(chunkSize: 2);

        summary.ShouldBe(new RescoreSummary(Items: 5, Comments: 2, Assessments: 7, Flags: 1));
        Count($"SELECT COUNT(*) FROM assessments WHERE model_version = '{sentiment.ModelVersion}'").ShouldBe(7);
        Count("SELECT COUNT(*) FROM flags WHERE source = 'watchlist:tin-gia' AND target_id = 'youtube:c1'").ShouldBe(1);
        (await store.GetStatsAsync()).Items.ShouldBe(5);
    }

    [Fact]
    public async Task RescoreAsync_RunTwice_NoDuplicateFlags()
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), clock);
        await store.InitializeAsync();
        await store.SaveAsync(Batch([], [Comment("youtube:c1", "web:0", "tin giả")]));
        var enrichers = new IContentEnricher[] { new WatchlistEnricher([new Watchlist("tin-gia", [new("tin giả", WatchSeverity.High, "tin giả")])], clock) };

        (await new Rescorer(enrichers, store).RescoreAsync()).Flags.ShouldBe(1);
        (await new Rescorer(enrichers, store).RescoreAsync()).Flags.ShouldBe(0);
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={temp.File("monitor.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
