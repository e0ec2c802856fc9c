using Monitor.Collection.Web;
using Monitor.Scheduling;
using Monitor.Scheduling.Cluster;
using Monitor.Storage.Postgres;
using Monitor.Tests.Support;
using Npgsql;

namespace Monitor.Tests.Cluster;

/// <summary>The shared crawl and social state on a real PostgreSQL: what several workers see at once.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresStateTests(PostgresFixture postgres)
{
    [Fact]
    public async Task MigrateAsync_EightWorkersAtOnce_EveryStepAppliedOnce()
    {
        await using var data = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync("migrate"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await PostgresStateSchema.MigrateAsync(data);
            await QuartzPostgresSchema.EnsureAsync(data);
        })));

        await using var command = data.CreateCommand("SELECT count(*), max(version) FROM monitor_state_migrations");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).ShouldBe(PostgresStateSchema.Version);
        reader.GetInt32(1).ShouldBe(PostgresStateSchema.Version);
        await using var tables = data.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz\\_%'");
        ((long)(await tables.ExecuteScalarAsync())!).ShouldBe(15);
    }

    [Fact]
    public async Task CrawlState_SeenByOneWorker_IsSeenByAnother()
    {
        await using var data = await MigratedAsync("crawl");
        var one = new PostgresCrawlState(data);
        await using var otherData = NpgsqlDataSource.Create(data.ConnectionString);
        var other = new PostgresCrawlState(otherData);
        var modified = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.FromHours(7));

        await one.MarkSeenAsync("thai-nguyen-web", new SeenUrl("/a.html", "https://thainguyentv.vn/a.html", "web:abc", new Validators("\"v1\"", modified), null, Samples.Collected));
        await one.SaveDocumentAsync(new StoredDocument("https://thainguyentv.vn/rss", new Validators(null, modified), "<rss/>", Samples.Collected));

        var seen = (await other.LoadSeenAsync("thai-nguyen-web"))["/a.html"];
        seen.ItemId.ShouldBe("web:abc");
        seen.Validators.ETag.ShouldBe("\"v1\"");
        seen.Validators.LastModified.ShouldBe(modified);
        seen.SeenAt.ShouldBe(Samples.Collected);
        (await other.GetDocumentAsync(new Uri("https://thainguyentv.vn/rss")))!.Content.ShouldBe("<rss/>");
        (await other.LoadSeenAsync("cao-bang-web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordFailureAsync_TwoWorkersAtOnce_CountsBothAndBacksOffByTheCount()
    {
        await using var data = await MigratedAsync("failures");
        var crawl = new PostgresCrawlState(data);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => crawl.RecordFailureAsync("lang-son-web", "/x.html", "HTTP 500", Samples.Collected)));
        var third = await crawl.RecordFailureAsync("lang-son-web", "/x.html", "HTTP 502", Samples.Collected);

        results.Select(r => r.Failures).Order().ShouldBe([1, 2]);
        third.Failures.ShouldBe(3);
        (await crawl.LoadFailuresAsync("lang-son-web"))["/x.html"].RetryAfter.ShouldBe(Samples.Collected + TimeSpan.FromHours(4));
        await crawl.ClearFailureAsync("lang-son-web", "/x.html");
        (await crawl.LoadFailuresAsync("lang-son-web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddQuotaUnitsAsync_ThreeWorkersTakingUnitsAtOnce_NoUnitLost()
    {
        await using var data = await MigratedAsync("quota");
        var workers = Enumerable.Range(0, 3).Select(_ => new PostgresObservationState(NpgsqlDataSource.Create(data.ConnectionString))).ToList();

        var totals = await Task.WhenAll(workers.SelectMany(w => Enumerable.Range(0, 40).Select(_ => w.AddQuotaUnitsAsync("youtube-quota:KEY", "2026-12-05", 1))));

        totals.Order().ShouldBe(Enumerable.Range(1, 120).Select(i => (long)i));
        (await workers[0].GetQuotaUnitsAsync("youtube-quota:KEY", "2026-12-05")).ShouldBe(120);
    }

    [Fact]
    public async Task ObservationState_BackoffAndPlan_SharedAndDueInOrder()
    {
        await using var data = await MigratedAsync("social");
        var one = new PostgresObservationState(data);
        var other = new PostgresObservationState(NpgsqlDataSource.Create(data.ConnectionString));
        var now = Samples.Collected;

        await one.SetBackoffAsync("youtube:KEY", now.AddHours(3), "quotaExceeded");
        await one.MarkObservedAsync("youtube:b", "yt", "b", now.AddDays(-1), now, now.AddMinutes(-5), 7);
        await one.MarkObservedAsync("youtube:a", "yt", "a", now.AddDays(-2), now, now.AddMinutes(-10), null);
        await one.MarkObservedAsync("youtube:c", "yt", "c", now.AddDays(-2), now, now.AddHours(1), null);
        await one.MarkObservedAsync("youtube:b", "yt", "b", now.AddDays(-1), now, now.AddMinutes(-5), null);
        await one.MarkGoneAsync("youtube:a");

        (await other.GetBackoffAsync("youtube:KEY")).ShouldBe((now.AddHours(3), "quotaExceeded"));
        (await other.GetDueAsync("yt", now, 10)).Select(s => s.ItemId).ShouldBe(["youtube:b"]);
        var b = (await other.GetItemAsync("youtube:b"))!;
        b.ObservationCount.ShouldBe(2);
        b.LastCommentCount.ShouldBe(7);
        (await other.GetItemAsync("youtube:a"))!.Gone.ShouldBeTrue();
    }

    [Fact]
    public async Task Fingerprint_SameChannelsInAnotherOrder_Same()
    {
        var configuration = Monitor.Configuration.PipelineLoader.Load(RepositoryPaths.Pipelines).Configuration!;
        var reversed = configuration with { Stations = [.. configuration.Stations.Reverse()] };
        var fewer = configuration with { Stations = [.. configuration.Stations.Skip(1)] };

        ClusterStartup.Fingerprint(reversed).ShouldBe(ClusterStartup.Fingerprint(configuration));
        ClusterStartup.Fingerprint(fewer).ShouldNotBe(ClusterStartup.Fingerprint(configuration));
    }

    [Fact]
    public async Task ShouldRecoverAsync_OriginalBeatsAgain_No_OriginalSilent_Yes_OriginalFinished_No()
    {
        await using var data = await MigratedAsync("runlog");
        var clock = TestClock.Create();
        var log = new PostgresRunLog(data, new ClusterSchedulingOptions("unused", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)), clock);
        var fire = clock.GetUtcNow();
        var cutOff = await log.StartedAsync(new ChannelRun("cao-bang-web", fire, "worker-a", false, fire));
        var dead = await log.StartedAsync(new ChannelRun("lang-son-web", fire, "worker-a", false, fire));
        var done = await log.StartedAsync(new ChannelRun("thai-nguyen-web", fire, "worker-a", false, fire));
        await log.FinishedAsync(done, "Succeeded", 3, fire.AddSeconds(5));

        // A minute without a beat: Quartz took worker-a for dead. worker-b waits three beats' time before it recovers.
        clock.Advance(TimeSpan.FromMinutes(1));
        var cutOffAsked = log.ShouldRecoverAsync(new ChannelRun("cao-bang-web", fire, "worker-b", true, clock.GetUtcNow()));
        var deadAsked = log.ShouldRecoverAsync(new ChannelRun("lang-son-web", fire, "worker-b", true, clock.GetUtcNow()));
        var doneAsked = log.ShouldRecoverAsync(new ChannelRun("thai-nguyen-web", fire, "worker-b", true, clock.GetUtcNow()));

        // Quartz can hand a recovery back to the very worker it took for dead.
        var doneHereAsked = log.ShouldRecoverAsync(new ChannelRun("thai-nguyen-web", fire, "worker-a", true, clock.GetUtcNow()));
        cutOffAsked.IsCompleted.ShouldBeFalse();

        // worker-a reconnects and its run beats again meanwhile; the other run stays silent.
        await log.BeatAsync(cutOff, clock.GetUtcNow().AddSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(30));

        (await cutOffAsked).ShouldBeFalse();
        (await deadAsked).ShouldBeTrue();
        (await doneAsked).ShouldBeFalse();
        (await doneHereAsked).ShouldBeFalse();
        dead.ShouldNotBe(cutOff);
    }

    private async Task<NpgsqlDataSource> MigratedAsync(string name)
    {
        var data = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync(name));
        await PostgresStateSchema.MigrateAsync(data);
        return data;
    }
}
