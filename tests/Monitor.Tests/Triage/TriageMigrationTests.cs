using Microsoft.Extensions.Time.Testing;
using Monitor.Storage.Elasticsearch;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Elasticsearch;
using Monitor.Tests.Support;
using Monitor.Triage;
using static Monitor.Tests.Triage.TriageSamples;

namespace Monitor.Tests.Triage;

public sealed class TriageMigrationTests
{
    [Fact]
    public async Task StoreMigration_FlagsInTriage_SameInboxOnElasticsearchStateSnapshotAndAudit()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        using var temp = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));
        var sqlite = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), clock);
        await sqlite.InitializeAsync();
        await sqlite.SaveAsync(Content);
        await sqlite.SaveAsync(Flags);
        await sqlite.ApplyAsync(Id(OnLandslide), TriageAction.Take("Xem ngay"), "lan");
        clock.Advance(TimeSpan.FromMinutes(3));
        await sqlite.ApplyAsync(Id(OnLandslide), TriageAction.Resolve(FlagOutcome.FalseAlarm), "lan");
        await sqlite.ApplyAsync(Id(OnFestival), TriageAction.Dismiss(), "hung");
        var target = await TriageStores.ElasticsearchAsync(es, clock);

        var totals = await new StoreMigration(sqlite, target, temp.File("cp.json"), chunkSize: 3).RunAsync();
        await new StoreMigration(sqlite, target, temp.File("cp2.json"), chunkSize: 3).RunAsync();

        totals["flags"].ShouldBe(4);
        var migrated = (Monitor.Triage.IFlagInbox)target;
        foreach (var flag in new[] { OnLandslide, OnPraise, OnUndated, OnFestival })
        {
            var before = (await sqlite.GetAsync(Id(flag))).ShouldNotBeNull();
            var after = (await migrated.GetAsync(Id(flag))).ShouldNotBeNull();
            after.Flag.ShouldBe(before.Flag);
            FlagSnapshots.ToJson(after.Snapshot).ShouldBe(FlagSnapshots.ToJson(before.Snapshot));
            after.Audit.ShouldBe(before.Audit);
        }

        var page = await migrated.ListAsync(FlagFilter.All, 10);
        page.CountsByStatus[FlagStatus.Resolved].ShouldBe(1);
        page.CountsByStatus[FlagStatus.Dismissed].ShouldBe(1);
        page.CountsByStatus[FlagStatus.Open].ShouldBe(2);
        es.StandIn.Documents("mm-flags").Count.ShouldBe(4);
        es.StandIn.Documents("mm-triage").Count.ShouldBe(4);
        RequestConformance.ShouldConform(es.StandIn.Requests);
    }
}
