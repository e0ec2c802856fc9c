using Monitor.Replay.Websites;
using Monitor.Tests.Replay;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// The fields of collected items, read through the site profiles by the article extractor: publish
/// times from each station's Vietnamese date form (stored as UTC), authors, sections, bodies, and
/// comment counts as observations.
/// </summary>
public sealed class WebsiteCollectorFieldsTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>
{
    private ReplayWebsites Sites => fixture.Websites;

    [Theory]
    [MemberData(nameof(ReplayStationSites.WithProfiles), MemberType = typeof(ReplayStationSites))]
    public async Task CollectAsync_ReplaySite_ReadsPublishTimeAuthorSectionAndBody(string host, string stationId)
    {
        await using var harness = new WebCollectionHarness();
        var items = await harness.CollectAsync(stationId, WebCollectionHarness.Channel(stationId, Sites.Sites[host], stationId));

        var model = Sites.Models[host];
        items.ShouldNotBeEmpty();
        foreach (var collected in items)
        {
            var item = collected.Item;
            var article = model.Articles.Single(a => item.Url.EndsWith(model.PathOf(a), StringComparison.Ordinal));
            item.Title.ShouldBe(article.Title);
            item.PublishedAt.ShouldBe(article.PublishedAt.ToUniversalTime(), $"{item.Url}");
            item.PublishedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
            item.Author.ShouldNotBeNull().ShouldContain(article.Author);
            item.Category.ShouldBe(article.Category.Name);
            item.Body.ShouldNotBeNull();
            article.Paragraphs.ShouldAllBe(p => item.Body!.Contains(p, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("thainguyentv.vn", "thai-nguyen")]
    [InlineData("baoquangninh.vn", "quang-ninh")]
    public async Task CollectAsync_PageShowingCommentCount_GivesAnObservationWithComments(string host, string stationId)
    {
        await using var harness = new WebCollectionHarness();
        var items = await harness.CollectAsync(stationId, WebCollectionHarness.Channel(stationId, Sites.Sites[host], stationId));

        var model = Sites.Models[host];
        items.ShouldNotBeEmpty();
        foreach (var collected in items)
        {
            var article = model.Articles.Single(a => collected.Item.Url.EndsWith(model.PathOf(a), StringComparison.Ordinal));
            var observation = collected.Observations.ShouldHaveSingleItem();
            observation.ItemId.ShouldBe(collected.Item.Id);
            observation.Comments.ShouldBe(article.CommentCount);
            observation.Views.ShouldBeNull();
            observation.ObservedAt.ShouldBe(harness.Clock.GetUtcNow());
            observation.Age.ShouldBe(harness.Clock.GetUtcNow() - article.PublishedAt);
        }
    }

    [Fact]
    public async Task CollectAsync_PageShowingViewCount_GivesAnObservationWithViews()
    {
        await using var harness = new WebCollectionHarness();
        var items = await harness.CollectAsync("lang-son", WebCollectionHarness.Channel("lang-son", Sites.Sites["langsontv.vn"], "lang-son"));

        var model = Sites.Models["langsontv.vn"];
        items.ShouldNotBeEmpty();
        foreach (var collected in items)
        {
            var article = model.Articles.Single(a => collected.Item.Url.EndsWith(model.PathOf(a), StringComparison.Ordinal));
            var observation = collected.Observations.ShouldHaveSingleItem();
            observation.Views.ShouldBe(article.Views);
            observation.Comments.ShouldBeNull();
            observation.ObservedAt.ShouldBe(harness.Clock.GetUtcNow());
        }
    }

    [Fact]
    public async Task CollectAsync_SiteWithoutCommentCounts_GivesNoObservations()
    {
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("dien-bien", WebCollectionHarness.Channel("dien-bien", Sites.Sites["dienbientv.vn"], "dien-bien"));

        items.ShouldAllBe(i => i.Observations.Count == 0 && i.Comments.Count == 0);
    }
}
