using Monitor.Replay.Elasticsearch;
using Monitor.Storage.Elasticsearch;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Elasticsearch;

public sealed class SetupAndMigrateCommandTests
{
    private static string KibanaFolder => Path.Combine(RepositoryPaths.Root, "dashboards", "kibana");

    [Fact]
    public async Task SetupElasticsearch_RunTwice_SecondRunChangesNothingAndEveryRequestConforms()
    {
        await using var es = await ElasticsearchFixture.StartAsync();

        var first = await CliRun.InvokeAsync("setup", "elasticsearch", "--es-url", es.StandIn.Url.ToString(), "--pipelines", RepositoryPaths.Pipelines);
        var indices = es.StandIn.IndexNames.ToList();
        var second = await CliRun.InvokeAsync("setup", "elasticsearch", "--es-url", es.StandIn.Url.ToString(), "--pipelines", RepositoryPaths.Pipelines);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("created on mm-items-000001");
        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldNotContain("created");
        es.StandIn.IndexNames.ShouldBe(indices, ignoreOrder: true);
        RequestConformance.ShouldConform(es.StandIn.Requests);
    }

    [Fact]
    public async Task SetupElasticsearch_UnsupportedVersion_ExitsWithTheReason()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        es.StandIn.Version = "7.10.2";

        var (exitCode, _, error) = await CliRun.InvokeAsync("setup", "elasticsearch", "--es-url", es.StandIn.Url.ToString(), "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(3);
        error.ShouldContain("needs Elasticsearch 9.x");
    }

    [Fact]
    public async Task SetupKibana_AllObjectsImport_ExitsZeroAndKibanaHoldsEveryObject()
    {
        await using var kibana = await ReplayKibana.StartAsync();
        var expected = Directory.GetFiles(KibanaFolder, "*.ndjson").SelectMany(File.ReadAllLines).Count(l => l.Length > 0);

        var (exitCode, output, error) = await CliRun.InvokeAsync("setup", "kibana", "--url", kibana.Url.ToString(), "--dashboards", KibanaFolder, "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(0, error);
        output.ShouldContain($"{expected} saved object(s) imported");
        kibana.Objects.Count.ShouldBe(expected);
        kibana.Objects.Keys.ShouldContain(("dashboard", "mm-dashboard-overview"));
    }

    [Fact]
    public async Task SetupKibana_ObjectsFailInsideA200_ReportsEachAndExitsNonZero()
    {
        await using var kibana = await ReplayKibana.StartAsync();
        kibana.FailObject = (type, id) => id == "mm-lens-platform-mix" ? "unknown" : null;

        var (exitCode, _, error) = await CliRun.InvokeAsync("setup", "kibana", "--url", kibana.Url.ToString(), "--dashboards", KibanaFolder, "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(1);
        error.ShouldContain("FAILED 10-overview.ndjson: lens mm-lens-platform-mix (Platform mix): unknown");
        kibana.Objects.Keys.ShouldNotContain(("lens", "mm-lens-platform-mix"));
    }

    [Fact]
    public async Task SetupKibana_DataViewsMissing_ReportsMissingReferences()
    {
        await using var kibana = await ReplayKibana.StartAsync();
        kibana.FailObject = (type, _) => type == "index-pattern" ? "unsupported_type" : null;

        var (exitCode, _, error) = await CliRun.InvokeAsync("setup", "kibana", "--url", kibana.Url.ToString(), "--dashboards", KibanaFolder, "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(1);
        error.ShouldContain("missing_references: index-pattern/mm-dv-observations");
    }

    [Fact]
    public async Task Migrate_SqliteToElasticsearch_CopiesEverythingAndARerunAddsNothing()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        using var temp = new TempFolder();
        var db = temp.File("monitor.db");
        var batch = ElasticsearchSamples.Batch(30) with { Assessments = [], Flags = [] };
        var sqlite = new SqliteContentStore(new SqliteStoreOptions(db), TestClock.Create());
        await sqlite.InitializeAsync();
        await sqlite.SaveAsync(batch);
        var args = new[] { "migrate", "--from", "sqlite", "--to", "elasticsearch", "--db", db, "--es-url", es.StandIn.Url.ToString(), "--checkpoint", temp.File("checkpoint.json"), "--pipelines", RepositoryPaths.Pipelines };

        var first = await CliRun.InvokeAsync(args);
        var again = await CliRun.InvokeAsync([.. args, "--restart"]);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("30 items, 60 observations, 60 comments");
        again.ExitCode.ShouldBe(0, again.Error);
        es.StandIn.Documents("mm-items").Keys.ShouldBe(batch.Items.Select(i => i.Id), ignoreOrder: true);
        es.StandIn.Documents("mm-observations").Count.ShouldBe(60);
        es.StandIn.Documents("mm-comments").Count.ShouldBe(60);
        es.StandIn.Documents("mm-observations").Values.ShouldAllBe(o => o["station_id"]!.ToString() == "thai-nguyen");
        RequestConformance.ShouldConform(es.StandIn.Requests);
    }

    [Fact]
    public async Task StoreMigration_KilledAfterTwoChunks_ResumesFromTheCheckpointWithoutDuplicates()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        using var temp = new TempFolder();
        var sqlite = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await sqlite.InitializeAsync();
        var batch = ElasticsearchSamples.Batch(25, observationsPerItem: 2, commentsPerItem: 0) with { Assessments = [], Flags = [] };
        await sqlite.SaveAsync(batch);
        var target = await es.InitializedStoreAsync();
        using var kill = new CancellationTokenSource();
        var reports = 0;
        var killer = new SynchronousProgress(_ =>
        {
            if (++reports == 2)
            {
                kill.Cancel();
            }
        });

        await Should.ThrowAsync<OperationCanceledException>(() => new StoreMigration(sqlite, target, temp.File("cp.json"), chunkSize: 10).RunAsync(killer, kill.Token));
        es.StandIn.Documents("mm-items").Count.ShouldBe(20);
        var bulksBefore = es.StandIn.Requests.Count(r => r.Path == "/_bulk");
        var totals = await new StoreMigration(sqlite, target, temp.File("cp.json"), chunkSize: 10).RunAsync();

        totals["items"].ShouldBe(25);
        es.StandIn.Requests.Count(r => r.Path == "/_bulk").ShouldBe(bulksBefore + 1 + 5); // 5 items left, then 50 observations
        es.StandIn.Documents("mm-items").Count.ShouldBe(25);
        es.StandIn.Documents("mm-observations").Count.ShouldBe(50);
    }

    private sealed class SynchronousProgress(Action<MigrationProgress> report) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value) => report(value);
    }
}
