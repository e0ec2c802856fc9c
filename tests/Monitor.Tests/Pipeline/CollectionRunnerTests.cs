using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Collection;
using Monitor.Collection.Social;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Pipeline;

public sealed class CollectionRunnerTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = TestClock.Create();
    private readonly ListLogger<CollectionRunner> log = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private LoopbackSite site = null!;
    private SqliteContentStore store = null!;

    public async Task InitializeAsync()
    {
        site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/good/list", () => "a\nb\nc\n");
            app.MapGet("/good/{name}", (string name) => $"Bài {name}: Thái Nguyên\nNội dung bài {name}.");
            app.MapGet("/missing/list", () => Results.NotFound());
            app.MapGet("/broken/list", () => Results.StatusCode(500));
            app.MapGet("/slow/list", async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                return "never";
            });
            app.MapGet("/half/list", () => "a\nb\nmissing\nc\n");
            app.MapGet("/half/missing", () => Results.NotFound());
            app.MapGet("/half/{name}", (string name) => $"Nửa {name}\nThân bài.");
        });
        store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), clock);
        await store.InitializeAsync();
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    private CollectionRunner Runner(params IContentEnricher[] enrichers) =>
        new([new LineListCollector(http, clock)], enrichers, store, clock, log);

    private (Station Station, Channel Channel) Source(string path) => Source(path, new Uri(site.BaseAddress, path + "/"));

    private static (Station Station, Channel Channel) Source(string id, Uri baseUrl)
    {
        var channel = new WebsiteChannel(id + "-web", id, null, baseUrl, [], [], [], null);
        return (new Station(id, "Đài " + id, "Tỉnh " + id, "cum-2", [], null, [channel]), channel);
    }

    private PipelineConfiguration Configuration(params string[] paths)
    {
        var stations = paths.Select(p => Source(p).Station).ToList();
        return new PipelineConfiguration(temp.Path, new MonitorSettings(), stations, new Dictionary<string, Monitor.Extraction.SiteProfile>(), new HashSet<string>());
    }

    [Fact]
    public async Task RunAsync_FailingSources_DoNotStopTheOthersAndAreClassified()
    {
        var cycle = new CollectionCycle(Runner(), clock, NullLogger<CollectionCycle>.Instance);

        var summary = await cycle.RunAsync(Configuration("missing", "broken", "slow", "good"));

        var byStation = summary.Sources.ToDictionary(s => s.StationId);
        byStation["good"].Outcome.ShouldBe(SourceOutcome.Succeeded);
        byStation["good"].NewItems.ShouldBe(3);
        byStation["missing"].Outcome.ShouldBe(SourceOutcome.PermanentFailure);
        byStation["missing"].Error!.ShouldContain("404");
        byStation["broken"].Outcome.ShouldBe(SourceOutcome.TemporaryFailure);
        byStation["broken"].Error!.ShouldContain("500");
        byStation["slow"].Outcome.ShouldBe(SourceOutcome.TemporaryFailure);
        summary.AllSucceeded.ShouldBeFalse();
        summary.Failed.ShouldBe(3);
        (await store.GetStatsAsync()).Items.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_EachSource_LogsExactlyOneSummaryLineWithoutStackTraces()
    {
        var runner = Runner();

        foreach (var path in new[] { "good", "missing", "broken" })
        {
            var (station, channel) = Source(path);
            await runner.RunAsync(station, channel);
        }

        log.Entries.Count.ShouldBe(3);
        log.Entries.ShouldAllBe(e => e.Exception == null);
        log.Entries.Single(e => e.Message.Contains("good/good-web", StringComparison.Ordinal)).Message.ShouldContain("3 new");
        log.Entries.Single(e => e.Message.Contains("missing/missing-web", StringComparison.Ordinal)).Level.ShouldBe(LogLevel.Warning);
    }

    [Fact]
    public async Task RunAsync_SecondRun_AddsZeroItems()
    {
        var (station, channel) = Source("good");
        var runner = Runner();

        var first = await runner.RunAsync(station, channel);
        var second = await runner.RunAsync(station, channel);

        first.NewItems.ShouldBe(3);
        second.NewItems.ShouldBe(0);
        second.UnchangedItems.ShouldBe(3);
        (await store.GetStatsAsync()).Items.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_CollectorFailsHalfWay_KeepsWhatWasStoredBefore()
    {
        var (station, channel) = Source("half");

        var summary = await Runner().RunAsync(station, channel);

        summary.Outcome.ShouldBe(SourceOutcome.PermanentFailure);
        summary.NewItems.ShouldBe(2);
        (await store.ReadItemsAsync().ToListAsync()).Select(i => i.Title).ShouldBe(["Nửa a", "Nửa b"]);
    }

    [Fact]
    public async Task RunAsync_NetworkAbsent_TemporaryWithOneClearLine()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once, as with no network.
        var (station, channel) = Source("offline", new Uri("http://127.0.0.1:1/"));

        var summary = await Runner().RunAsync(station, channel);

        summary.Outcome.ShouldBe(SourceOutcome.TemporaryFailure);
        summary.Error!.ShouldContain("refused");
        log.Entries.Single().Exception.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_DecomposedTextAndLocalTimes_StoredAsNfcAndUtc()
    {
        var decomposed = "Tha\u0301i Nguye\u0302n".Normalize(NormalizationForm.FormD);
        var item = Samples.Article("https://thainguyentv.vn/a-1.html", title: "  " + decomposed + "  ", published: new DateTimeOffset(2025, 11, 20, 14, 33, 0, TimeSpan.FromHours(7)));
        var collector = new FixedCollector([new CollectedItem(item, [], [])]);
        var runner = new CollectionRunner([collector], [], store, clock, log);
        var (station, channel) = Source("thai-nguyen");

        await runner.RunAsync(station, channel);

        var stored = (await store.ReadItemsAsync().ToListAsync()).Single();
        stored.Title.ShouldBe("Thái Nguyên".Normalize(NormalizationForm.FormC));
        stored.PublishedAt.ShouldBe(new DateTimeOffset(2025, 11, 20, 7, 33, 0, TimeSpan.Zero));
        stored.PublishedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task RunAsync_Enrichers_RunInOrderBeforeStoring()
    {
        var order = new List<string>();
        var (station, channel) = Source("good");
        var runner = Runner(new RecordingEnricher("first", order), new RecordingEnricher("second", order));

        var summary = await runner.RunAsync(station, channel);

        order.Take(2).ShouldBe(["first", "second"]);
        summary.Flags.ShouldBe(6);
        (await store.GetStatsAsync()).Flagged.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_NoCollectorForKind_ReportsNoCollector()
    {
        var runner = new CollectionRunner([], [], store, clock, log);
        var (station, channel) = Source("good");

        var summary = await runner.RunAsync(station, channel);

        summary.Outcome.ShouldBe(SourceOutcome.NoCollector);
        log.Entries.Single().Message.ShouldContain("no collector");
    }

    [Fact]
    public async Task RunAsync_Cancelled_KeepsStoredItemsAndReportsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var items = Enumerable.Range(1, 5).Select(i => new CollectedItem(Samples.Article($"https://thainguyentv.vn/c-{i}.html", title: $"C {i}"), [], [])).ToList();
        var collector = new FixedCollector(items, afterYield: n => { if (n == 2) { cancellation.Cancel(); } });
        var runner = new CollectionRunner([collector], [], store, clock, log);
        var progress = new List<CollectionProgress>();
        var (station, channel) = Source("thai-nguyen");

        var summary = await runner.RunAsync(station, channel, new SyncProgress(progress), cancellation.Token);

        summary.Outcome.ShouldBe(SourceOutcome.Cancelled);
        (await store.GetStatsAsync()).Items.ShouldBe(2);
        progress.First().Stage.ShouldBe(CollectionStage.Started);
        progress.Last().Stage.ShouldBe(CollectionStage.Finished);
        progress.Count(p => p.Stage == CollectionStage.ItemStored).ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_ItemHandedOver_AcknowledgedOnlyOnceStored()
    {
        var acknowledged = new List<(string ItemId, long StoredItems)>();
        CollectedItem Tracked(int i)
        {
            var item = Samples.Article($"https://thainguyentv.vn/k-{i}.html", title: $"K {i}");
            return new CollectedItem(item, [], []) { OnStored = async token => acknowledged.Add((item.Id, (await store.GetStatsAsync(token)).Items)) };
        }

        var first = Tracked(1);
        var runner = new CollectionRunner([new FixedCollector([first, Tracked(2)])], [new FailingEnricher("K 2")], store, clock, log);
        var (station, channel) = Source("thai-nguyen");

        var summary = await runner.RunAsync(station, channel);

        summary.Outcome.ShouldBe(SourceOutcome.PermanentFailure);
        acknowledged.ShouldBe([(first.Item.Id, 1L)]);
    }

    [Theory]
    [InlineData(SocialFailure.MissingCredentials, SourceOutcome.PermanentFailure)]
    [InlineData(SocialFailure.QuotaExceeded, SourceOutcome.TemporaryFailure)]
    public async Task RunAsync_CollectorsOwnFailure_ClassifiedByItAndLoggedWithoutStackTrace(SocialFailure failure, SourceOutcome expected)
    {
        var refusal = new SocialApiException(Platform.YouTube, "thai-nguyen-youtube", failure, null, "environment variable MONITOR_YOUTUBE_TOKEN is not set");
        var runner = new CollectionRunner([new ThrowingCollector(refusal)], [], store, clock, log);
        var (station, channel) = Source("thai-nguyen");

        var summary = await runner.RunAsync(station, channel);

        summary.Outcome.ShouldBe(expected);
        summary.Error!.ShouldContain("MONITOR_YOUTUBE_TOKEN");
        log.Entries.Single().Exception.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_StoreUnusable_Throws()
    {
        var broken = new SqliteContentStore(new SqliteStoreOptions(temp.Write("bad.db", new string('x', 4096))), clock);
        var runner = new CollectionRunner([new LineListCollector(http, clock)], [], broken, clock, log);
        var (station, channel) = Source("good");

        await Should.ThrowAsync<StoreUnavailableException>(() => runner.RunAsync(station, channel));
    }

    private sealed class SyncProgress(List<CollectionProgress> seen) : IProgress<CollectionProgress>
    {
        public void Report(CollectionProgress value) => seen.Add(value);
    }

    private sealed class RecordingEnricher(string name, List<string> order) : IContentEnricher
    {
        public ContentBatch Enrich(ContentBatch batch)
        {
            order.Add(name);
            var flags = batch.Items.Select(i => new Flag(i.Id, TargetKind.Item, "test:" + name, "low", name, null, [], Samples.Collected));
            return batch with { Flags = [.. batch.Flags, .. flags] };
        }
    }

    private sealed class FailingEnricher(string title) : IContentEnricher
    {
        public ContentBatch Enrich(ContentBatch batch) =>
            batch.Items.Any(i => i.Title == title) ? throw new InvalidOperationException("enricher broke on " + title) : batch;
    }

    private sealed class ThrowingCollector(Exception failure) : IChannelCollector
    {
        public bool CanCollect(Channel channel) => true;

        public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw failure;
#pragma warning disable CS0162 // an iterator needs a yield to be one; this collector fails before its first item
            yield break;
#pragma warning restore CS0162
        }
    }

    private sealed class FixedCollector(IReadOnlyList<CollectedItem> items, Action<int>? afterYield = null) : IChannelCollector
    {
        public bool CanCollect(Channel channel) => true;

        public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var n = 0;
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                yield return item;
                afterYield?.Invoke(++n);
            }
        }
    }
}
