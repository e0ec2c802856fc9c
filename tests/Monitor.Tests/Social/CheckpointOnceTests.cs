using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Collection;
using Monitor.Pipeline;
using Monitor.Collection.Social;
using Monitor.Domain;
using Monitor.Replay.Platforms;
using Monitor.Storage;
using Monitor.Storage.Elasticsearch;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Social;

/// <summary>
/// Issue 11, case 8: a process killed after an observation was saved but before the collector marked
/// the item observed left, on rerun, a second "+48 h" observation seconds from the first. Each scheduled
/// checkpoint of an item is now stored once.
/// </summary>
public sealed class CheckpointOnceTests
{
    [Theory]
    [InlineData(Platform.TikTok)]
    [InlineData(Platform.Zalo)]
    [InlineData(Platform.YouTube)]
    [InlineData(Platform.Facebook)]
    public async Task Rerun_AfterAKillBetweenSaveAndMark_TheCheckpointIsStoredOnce(Platform platform)
    {
        using var temp = new TempFolder();
        var clock = new FakeTimeProvider(SocialHarness.Start);
        await using var replay = await ReplayPlatforms.StartAsync(clock);
        var account = replay.Catalog.Accounts.First(a => a.Platform == platform);
        Environment.SetEnvironmentVariable(account.TokenEnv, account.Token);
        var channel = SocialHarness.ChannelFor(account);
        var station = new Station(account.StationId, account.Name, account.StationId, "cum-2", [], null, [channel]);
        var db = temp.File("monitor.db");
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSqliteStore(db)
            .AddSqliteCollectionState(db)
            .AddCollectionRunner()
            .AddSocialCollection(o =>
            {
                foreach (var (kind, url) in replay.BaseUrls)
                {
                    o.BaseUrls[kind] = url;
                }
            })
            .BuildServiceProvider();
        var store = services.GetRequiredService<IContentStore>();
        await store.InitializeAsync();
        var collector = services.GetServices<IChannelCollector>().Single(c => c.CanCollect(channel));

        // The first item is saved as the runner saves it; then the process dies before the collector's mark.
        string itemId;
        await using (var killed = collector.CollectAsync(station, channel).GetAsyncEnumerator())
        {
            (await killed.MoveNextAsync()).ShouldBeTrue();
            itemId = killed.Current.Item.Id;
            await store.SaveAsync(ContentBatch.Empty with { Items = [killed.Current.Item], Observations = killed.Current.Observations });
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        (await services.GetRequiredService<CollectionRunner>().RunAsync(station, channel)).Succeeded.ShouldBeTrue();

        var observations = new List<Observation>();
        await foreach (var observation in store.ReadObservationsAsync())
        {
            observations.Add(observation);
        }

        observations.Count(o => o.ItemId == itemId).ShouldBe(1);
        observations.GroupBy(o => (o.ItemId, o.Checkpoint)).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void CheckpointAt_SecondsApartAroundTheSameAge_TheSame()
    {
        var schedule = new ObservationSchedule([TimeSpan.FromHours(1), TimeSpan.FromHours(48), TimeSpan.FromDays(7)]);
        var published = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

        schedule.CheckpointAt(published, published.AddMinutes(10)).ShouldBe(TimeSpan.Zero);
        schedule.CheckpointAt(published, published.AddHours(48).AddSeconds(1)).ShouldBe(TimeSpan.FromHours(48));
        schedule.CheckpointAt(published, published.AddHours(48).AddSeconds(6)).ShouldBe(TimeSpan.FromHours(48));
        schedule.CheckpointAt(published, published.AddDays(8)).ShouldBe(TimeSpan.FromDays(7));
    }

    [Fact]
    public void ObservationId_SameCheckpointSecondsApart_SameDocumentSoTheRepeatIsA409()
    {
        var at = new DateTimeOffset(2026, 11, 22, 2, 0, 1, TimeSpan.Zero);
        var first = new Observation("tiktok:1", at, TimeSpan.FromHours(48), 10, 2, 1, 0) { Checkpoint = TimeSpan.FromHours(48) };
        var repeat = first with { ObservedAt = at.AddSeconds(5), Views = 12 };

        ContentDocuments.ObservationId(repeat).ShouldBe(ContentDocuments.ObservationId(first));
        ContentDocuments.ObservationId(first with { Checkpoint = null }).ShouldNotBe(ContentDocuments.ObservationId(repeat with { Checkpoint = null }));
    }
}
