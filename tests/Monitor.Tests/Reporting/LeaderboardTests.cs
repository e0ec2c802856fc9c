using Monitor.Pipeline;
using Monitor.Domain;
using Monitor.Reporting;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using static Monitor.Tests.Reporting.ReportSamples;

namespace Monitor.Tests.Reporting;

public sealed class LeaderboardTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly Station[] Stations =
    [
        new("lang-son", "Lạng Sơn", "Lạng Sơn", "cum-2", [], null, []),
        new("cao-bang", "Cao Bằng", "Cao Bằng", "cum-2", [], null, []),
        new("thanh-hoa", "Thanh Hóa", "Thanh Hóa", "cum-4", [], null, []),
    ];

    [Fact]
    public async Task BuildAsync_TwoStations_RankedByEngagementWithHandComputedFigures()
    {
        var a1 = Item("youtube:a1", "lang-son", "ls-yt", T0.AddDays(1));
        var a2 = Item("facebook:a2", "lang-son", "ls-fb", T0.AddDays(2), ItemKind.Post, Platform.Facebook);
        var a0 = Item("youtube:a0", "lang-son", "ls-yt", T0.AddDays(-5)); // before --from: left out
        var b1 = Item("tiktok:b1", "cao-bang", "cb-tt", T0.AddDays(1), ItemKind.Clip, Platform.TikTok);
        var h1 = Item("youtube:h1", "thanh-hoa", "th-yt", T0.AddDays(1)); // other cluster: left out
        var observations = new[]
        {
            new Observation("youtube:a1", T0.AddDays(1.1), null, 100, 10, 5, 5), // 20
            new Observation("facebook:a2", T0.AddDays(2.1), null, null, 5, 1, 0),
            new Observation("facebook:a2", T0.AddDays(2.5), null, null, 20, 6, 4), // latest: 30
            new Observation("youtube:a0", T0.AddDays(-4), null, 1, 9999, 0, 0),
            new Observation("tiktok:b1", T0.AddDays(1.5), null, 7000, 80, 15, 5), // 100
            new Observation("youtube:h1", T0.AddDays(1.5), null, 1, 99999, 0, 0),
        };
        FollowerCount[] followers =
        [
            new("cb-tt", T0.AddDays(1), 1000), new("cb-tt", T0.AddDays(3), 1100), new("cb-tt", T0.AddDays(-3), 1),
        ];
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await store.InitializeAsync();
        await store.SaveAsync(ContentBatch.Empty with { Items = [a0, a1, a2, b1, h1], Observations = observations });

        var report = await Leaderboard.BuildAsync("cum-2", Stations, store, followers, T0, null);

        report.Rows.Select(r => r.StationId).ShouldBe(["cao-bang", "lang-son"]);
        var cb = report.Rows[0];
        cb.Engagement.ShouldBe(100); // 80 + 15 + 5
        cb.EngagementPerItem.ShouldBe(100);
        cb.Views.ShouldBe(7000);
        cb.FollowerGrowth.ShouldBe(100); // 1100 − 1000; the count before --from is outside the period
        var ls = report.Rows[1];
        ls.Items.ShouldBe(2);
        ls.Engagement.ShouldBe(50); // 20 + 30
        ls.EngagementPerItem.ShouldBe(25);
        ls.ItemsPerPlatform.ShouldBe(new Dictionary<string, int> { ["facebook"] = 1, ["youtube"] = 1 });
        ls.FollowerGrowth.ShouldBeNull();

        var text = ReportText.Render(report);
        text.ShouldContain("How the figures are computed:");
        text.ShouldContain("after dropping the top and bottom 25");
        ReportText.ToJson(report).ShouldContain("\"engagementPerItem\": 25");
    }

    [Fact]
    public void Median_EvenAndOdd_HandComputed()
    {
        Leaderboard.Median([3, -2, 1.5]).ShouldBe(1.5);
        Leaderboard.Median([-6, 2, 2, 4]).ShouldBe(2);
        Leaderboard.Median([]).ShouldBeNull();
    }

    [Fact]
    public void MedianScore_SignsStraddle_TakenOnRatios()
    {
        // −2 → ratio 0.5, +3 → ratio 3; middle ratio (0.5 + 3) / 2 = 1.75 → score +1.75
        Leaderboard.MedianScore([-2, 3])!.Value.ShouldBe(1.75, 1e-9);
        // −4 → 0.25, −2 → 0.5; (0.25 + 0.5) / 2 = 0.375 → −1 / 0.375 = −2.6667
        Leaderboard.MedianScore([-4, -2])!.Value.ShouldBe(-1 / 0.375, 1e-9);
        // odd count: the middle score itself
        Leaderboard.MedianScore([-4, 1.5, 9])!.Value.ShouldBe(1.5, 1e-9);
    }
}
