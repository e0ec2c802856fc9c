using Monitor.Domain;
using Monitor.Reporting;
using static Monitor.Tests.Reporting.ReportSamples;

namespace Monitor.Tests.Reporting;

public sealed class StoryLinkerTests
{
    [Theory]
    [InlineData("https://www.thainguyentv.vn/tin-tuc/a-1.html?utm_source=facebook&fbclid=x#top", "https://thainguyentv.vn/tin-tuc/a-1.html")]
    [InlineData("http://m.langsontv.vn/thoi-su/", "https://langsontv.vn/thoi-su")]
    [InlineData("https://caobangtv.vn/?p=12&utm_medium=zalo", "https://caobangtv.vn?p=12")]
    [InlineData("not a url", null)]
    public void Canonical_TrackingAndHostVariants_SameForm(string url, string? expected) => StoryUrl.Canonical(url).ShouldBe(expected);

    [Fact]
    public void Jaccard_ReorderedHeadline_HandComputed()
    {
        // A: khánh thành | thành cầu | cầu mới | mới ở | ở thái | thái nguyên (6 shingles)
        // B: thái nguyên | nguyên khánh | khánh thành | thành cầu | cầu mới (5 shingles)
        // shared 4 → 4 / (6 + 5 − 4) = 4/7 ≈ 0.571, below the 0.6 threshold
        var a = StoryTitle.Shingles("Khánh thành cầu mới ở Thái Nguyên");
        var b = StoryTitle.Shingles("Thái Nguyên: khánh thành cầu mới");

        StoryTitle.Jaccard(a, b).ShouldBe(4.0 / 7, 1e-9);
    }

    [Fact]
    public void Link_SharedUrlAndSameTitle_OneStoryWithSummedReach()
    {
        var article = Item("web:1", "thai-nguyen", "tn-web", T0, ItemKind.Article, Platform.Web, "Khánh thành cầu mới nối hai bờ sông Cầu", "https://thainguyentv.vn/tin-tuc/cau-moi-1.html");
        var post = Item("facebook:1_2", "thai-nguyen", "tn-fb", T0.AddHours(1), ItemKind.Post, Platform.Facebook, "Mời xem tin", body: "Mời xem: https://www.thainguyentv.vn/tin-tuc/cau-moi-1.html?utm_source=fb");
        var video = Item("youtube:v", "thai-nguyen", "tn-yt", T0.AddHours(5), ItemKind.Video, Platform.YouTube, "KHÁNH THÀNH cầu mới nối hai bờ sông Cầu!");
        var late = Item("tiktok:7", "thai-nguyen", "tn-tt", T0.AddDays(5), ItemKind.Clip, Platform.TikTok, "Khánh thành cầu mới nối hai bờ sông Cầu");
        var observations = new[]
        {
            new Observation("facebook:1_2", T0.AddHours(2), null, null, 100, 20, 5),
            new Observation("facebook:1_2", T0.AddHours(9), null, null, 300, 40, 10), // latest: 350
            new Observation("youtube:v", T0.AddHours(9), null, 5000, 70, 30, null), // 100, views 5000
        }.ToLookup(o => o.ItemId);

        var otherStation = Item("youtube:w", "lang-son", "ls-yt", T0.AddHours(2), ItemKind.Video, Platform.YouTube, "Khánh thành cầu mới nối hai bờ sông Cầu");

        var stories = StoryLinker.Link([article, post, video, late, otherStation], observations);

        // The TikTok clip has the same title but 5 days later: outside the 48 h window, its own story.
        // Another station's identical headline is not joined on title alone.
        stories.Count.ShouldBe(3);
        var story = stories.Single(s => s.Items.Count == 3);
        story.Id.ShouldBe("web:1");
        story.Interactions.ShouldBe(350 + 100);
        story.Views.ShouldBe(5000);
        story.Platforms.ShouldBe([Platform.Web, Platform.YouTube, Platform.Facebook]);
    }
}
