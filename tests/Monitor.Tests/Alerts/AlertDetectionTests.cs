using System.Text.Json;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Tests.Alerts;

public sealed class AlertDetectionTests : IDisposable
{
    private readonly AlertTestBed bed = new([AlertTestBed.FolderRecipient()]);

    public void Dispose() => bed.Dispose();

    [Fact]
    public async Task SaveAsync_NegativeWaveUnderAPost_OpensOneAlertWithItsDeliveryInTheSameSave()
    {
        await bed.InitializeAsync();
        var now = bed.Clock.GetUtcNow();
        await bed.SeedBaselineAsync(now);
        var post = AlertTestBed.Post("song", now.AddHours(-2));

        await bed.Store.SaveAsync(AlertTestBed.Comments(post, now.AddMinutes(-30), 15, 12, "a"));

        var alerts = await bed.Store.ListAlertsAsync(open: true, 10);
        var surge = alerts.Single(a => a.Key == AlertDetector.ItemSurgeKey(post.Id));
        surge.Kind.ShouldBe(AlertKind.NegativeSurge);
        surge.Numbers["negative"].ShouldBe(12);
        surge.Numbers["comments"].ShouldBe(15);
        surge.Numbers["p"].ShouldBeLessThan(0.001);
        surge.Summary.ShouldContain("Bình luận tiêu cực tăng vọt");
        surge.Deliveries.Single().Status.ShouldBe(DeliveryStatus.Pending);
    }

    [Fact]
    public async Task SaveAsync_SurgeGrowsThenFallsBack_UpdatesTheSameAlertThenClosesIt()
    {
        await bed.InitializeAsync();
        var now = bed.Clock.GetUtcNow();
        await bed.SeedBaselineAsync(now);
        var post = AlertTestBed.Post("song", now.AddHours(-2));
        await bed.Store.SaveAsync(AlertTestBed.Comments(post, now.AddMinutes(-30), 15, 12, "a"));

        bed.Clock.Advance(TimeSpan.FromMinutes(20));
        await bed.Store.SaveAsync(AlertTestBed.Comments(post, now.AddMinutes(-14), 14, 14, "b"));
        var grown = (await bed.Store.ListAlertsAsync(open: null, 10)).Where(a => a.Kind == AlertKind.NegativeSurge && a.ItemId == post.Id).ToList();

        bed.Clock.Advance(TimeSpan.FromHours(3));
        var later = bed.Clock.GetUtcNow();
        await bed.Store.SaveAsync(AlertTestBed.Comments(post, later.AddMinutes(-30), 12, 0, "c"));
        var closed = (await bed.Store.ListAlertsAsync(open: null, 10)).Where(a => a.Kind == AlertKind.NegativeSurge && a.ItemId == post.Id).ToList();

        grown.Count.ShouldBe(1);
        grown[0].Numbers["negative"].ShouldBe(26);
        grown[0].Deliveries.Count.ShouldBe(1);
        closed.Count.ShouldBe(1);
        closed[0].ClosedAt.ShouldBe(later);
    }

    [Fact]
    public async Task SaveAsync_OrdinaryComments_RaiseNothing()
    {
        await bed.InitializeAsync();
        var now = bed.Clock.GetUtcNow();
        await bed.SeedBaselineAsync(now);

        await bed.Store.SaveAsync(AlertTestBed.Comments(AlertTestBed.Post("thuong", now.AddHours(-1)), now.AddMinutes(-40), 30, 3, "n"));

        (await bed.Store.ListAlertsAsync(null, 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_HighWatchlistFlag_RaisesOneAlertEvenWhenSavedAgain()
    {
        await bed.InitializeAsync();
        var post = AlertTestBed.Post("canh-bao", bed.Clock.GetUtcNow());
        var flag = new Flag(post.Id, TargetKind.Item, "watchlist:tin-gia", "high", "tin giả: \"tin đồn thất thiệt\"", null, ["tin đồn thất thiệt"], bed.Clock.GetUtcNow());
        var batch = new ContentBatch([post], [], [], [], [flag]);

        await bed.Store.SaveAsync(batch);
        await bed.Store.SaveAsync(batch);

        var alert = (await bed.Store.ListAlertsAsync(null, 10)).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKind.Watchlist);
        alert.Evidence.ShouldContain("tin đồn thất thiệt");
        alert.Deliveries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RecordSourceRunAsync_ThreeFailuresInARow_OpensSourceFailingAndASuccessClosesIt()
    {
        await bed.InitializeAsync();
        for (var run = 0; run < 3; run++)
        {
            await bed.Store.RecordSourceRunAsync(AlertTestBed.Station, AlertTestBed.Channel, false, "HTTP 503");
        }

        var open = (await bed.Store.ListAlertsAsync(true, 10)).ShouldHaveSingleItem();
        await bed.Store.RecordSourceRunAsync(AlertTestBed.Station, AlertTestBed.Channel, true, null);

        open.Kind.ShouldBe(AlertKind.SourceFailing);
        open.Evidence.ShouldContain("lỗi gần nhất: HTTP 503");
        (await bed.Store.ListAlertsAsync(true, 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordSourceRunAsync_ChannelQuietForAWeekAfterFourBusyOnes_OpensSourceSilent()
    {
        await bed.InitializeAsync();
        var today = bed.Clock.GetUtcNow().Date;
        var posts = Enumerable.Range(8, 28).SelectMany(d => Enumerable.Range(0, 4 + (d % 3)).Select(k => AlertTestBed.Post($"d{d}k{k}", new DateTimeOffset(today.AddDays(-d).AddHours(2 + k), TimeSpan.Zero)))).ToArray();
        await bed.Store.SaveAsync(new ContentBatch(posts, [], [], [], []));

        await bed.Store.RecordSourceRunAsync(AlertTestBed.Station, AlertTestBed.Channel, true, null);

        var alert = (await bed.Store.ListAlertsAsync(true, 10)).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKind.SourceSilent);
        alert.Numbers["recentMean"].ShouldBe(0);
        JsonSerializer.Serialize(alert.Evidence).ShouldContain("0, 0, 0, 0, 0, 0, 0");
    }

    [Fact]
    public async Task MarkGoneAsync_FlaggedPostDeletedUpstream_RaisesRemovedAfterFlagWithTheEvidenceKept()
    {
        await bed.InitializeAsync();
        var now = bed.Clock.GetUtcNow();
        var post = AlertTestBed.Post("bi-go", now.AddHours(-3));
        await bed.Store.SaveAsync(AlertTestBed.Comments(post, now.AddHours(-2), 3, 1, "g"));
        using var state = new Monitor.Storage.Sqlite.SqliteObservationState(bed.DbPath, bed.Setup, bed.Clock);
        await state.MarkObservedAsync(post.Id, post.ChannelId, "bi-go", post.PublishedAt!.Value, now, now.AddHours(3), 3);
        var quiet = new Monitor.Storage.Sqlite.SqliteObservationState(bed.DbPath, bed.Setup, bed.Clock);
        var unflagged = AlertTestBed.Post("khong-co", now.AddHours(-3));
        await bed.Store.SaveAsync(new ContentBatch([unflagged], [], [], [], []));
        await quiet.MarkObservedAsync(unflagged.Id, unflagged.ChannelId, "khong-co", unflagged.PublishedAt!.Value, now, now.AddHours(3), 0);

        await state.MarkGoneAsync(post.Id);
        await state.MarkGoneAsync(post.Id);
        await quiet.MarkGoneAsync(unflagged.Id);
        quiet.Dispose();

        var alert = (await bed.Store.ListAlertsAsync(null, 10)).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKind.RemovedAfterFlag);
        alert.ItemId.ShouldBe(post.Id);
        alert.Evidence.ShouldContain(e => e.Contains("sentiment: P(negative) = 0.900 ≥ 0.70", StringComparison.Ordinal) && e.Contains("model test", StringComparison.Ordinal));
        alert.Deliveries.Count.ShouldBe(1);
    }
}
