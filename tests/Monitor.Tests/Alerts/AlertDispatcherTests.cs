using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;

namespace Monitor.Tests.Alerts;

public sealed class AlertDispatcherTests
{
    private static readonly TimeZoneInfo Vietnam = AlertsConfiguration.TimeZone;

    [Fact]
    public async Task DispatchDueAsync_KilledBetweenCommitAndSend_SendsAfterRestartAndNeverTwice()
    {
        using var bed = new AlertTestBed([AlertTestBed.FolderRecipient()]);
        await bed.InitializeAsync();
        await RaiseWatchlistAsync(bed, "mot");

        // The process that committed the alert dies before its dispatcher ran: a new one opens the same file.
        bed.Restart();
        var first = await bed.Dispatcher.DispatchDueAsync();
        bed.Restart();
        var second = await bed.Dispatcher.DispatchDueAsync();

        first.Sent.ShouldBe(1);
        second.Sent.ShouldBe(0);
        bed.OutboxFiles().ShouldHaveSingleItem().ShouldContain("Trúng danh sách theo dõi");
        (await bed.Store.ListAlertsAsync(null, 10)).Single().Deliveries.Single().Status.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task DispatchDueAsync_OneBadRecipient_ReportsItClearlyAndDeliversTheOthers()
    {
        var broken = new Recipient("so-tttt", "Sở TT&TT", [new WebhookTarget(new Uri("http://127.0.0.1:9/hook"), "MONITOR_TEST_UNSET_SECRET")], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        using var bed = new AlertTestBed([broken, AlertTestBed.FolderRecipient()]);
        await bed.InitializeAsync();
        await RaiseWatchlistAsync(bed, "mot");

        var result = await bed.Dispatcher.DispatchDueAsync();

        result.Sent.ShouldBe(1);
        result.GivenUp.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().ShouldBe("so-tttt (webhook http://127.0.0.1:9/hook): the webhook secret environment variable MONITOR_TEST_UNSET_SECRET is not set");
        bed.OutboxFiles().Count.ShouldBe(1);
        var deliveries = (await bed.Store.ListAlertsAsync(null, 10)).Single().Deliveries;
        deliveries.Single(d => d.RecipientId == "so-tttt").Status.ShouldBe(DeliveryStatus.Failed);
    }

    [Fact]
    public async Task DispatchDueAsync_AlertDuringQuietHours_HeldUntilTheyEnd()
    {
        using var bed = new AlertTestBed([AlertTestBed.FolderRecipient(quiet: new QuietHours(new TimeOnly(22, 0), new TimeOnly(6, 0)))]);
        await bed.InitializeAsync();
        bed.Clock.SetUtcNow(LocalToUtc(2025, 11, 20, 23, 10));
        await RaiseWatchlistAsync(bed, "dem");

        var duringNight = new List<int>();
        while (bed.Clock.GetUtcNow() < LocalToUtc(2025, 11, 21, 6, 0))
        {
            duringNight.Add((await bed.Dispatcher.DispatchDueAsync()).Sent);
            bed.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var atSix = await bed.Dispatcher.DispatchDueAsync();

        duringNight.Sum().ShouldBe(0);
        atSix.Sent.ShouldBe(1);
    }

    [Fact]
    public async Task DispatchDueAsync_HourlyDigest_GathersTheHoursAlertsIntoOneMessage()
    {
        using var bed = new AlertTestBed([AlertTestBed.FolderRecipient(schedule: new DeliverySchedule(DigestMode.Hourly))]);
        await bed.InitializeAsync();
        bed.Clock.SetUtcNow(LocalToUtc(2025, 11, 21, 9, 5));
        foreach (var name in new[] { "mot", "hai", "ba" })
        {
            await RaiseWatchlistAsync(bed, name);
            bed.Clock.Advance(TimeSpan.FromMinutes(15));
            (await bed.Dispatcher.DispatchDueAsync()).Sent.ShouldBe(0);
        }

        bed.Clock.SetUtcNow(LocalToUtc(2025, 11, 21, 10, 0));
        var result = await bed.Dispatcher.DispatchDueAsync();

        result.Sent.ShouldBe(1);
        var digest = bed.OutboxFiles().ShouldHaveSingleItem();
        digest.ShouldContain("Bản tin cảnh báo: 3 cảnh báo");
        foreach (var name in new[] { "mot", "hai", "ba" })
        {
            digest.ShouldContain($"facebook:{name}");
        }

        (await bed.Store.ListAlertsAsync(null, 10)).SelectMany(a => a.Deliveries).ShouldAllBe(d => d.Status == DeliveryStatus.Sent);
    }

    [Fact]
    public void DueAt_DailyDigestAfterItsTime_IsTomorrowAtThatLocalTime()
    {
        var recipient = AlertTestBed.FolderRecipient(schedule: new DeliverySchedule(DigestMode.Daily, new TimeOnly(7, 30)));

        var due = Monitor.Alerts.Delivery.AlertRouter.DueAt(recipient, LocalToUtc(2025, 11, 20, 8, 0));

        due.ShouldBe(LocalToUtc(2025, 11, 21, 7, 30));
    }

    internal static async Task RaiseWatchlistAsync(AlertTestBed bed, string name)
    {
        var post = AlertTestBed.Post(name, bed.Clock.GetUtcNow());
        var flag = new Monitor.Domain.Flag(post.Id, Monitor.Domain.TargetKind.Item, "watchlist:an-ninh-trat-tu", "high", "an ninh trật tự: \"gây rối\"", null, ["gây rối"], bed.Clock.GetUtcNow());
        await bed.Store.SaveAsync(new Monitor.Pipeline.ContentBatch([post], [], [], [], [flag]));
    }

    internal static DateTimeOffset LocalToUtc(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Vietnam.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified))).ToUniversalTime();
}
