using System.Net;
using System.Net.Sockets;
using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

/// <summary>robots.txt fetch outcomes and caching (RFC 9309 §2.3), against a loopback site.</summary>
public sealed class RobotsPolicyTests : IAsyncLifetime
{
    private LoopbackSite _site = null!;

    public async Task InitializeAsync() => _site = await LoopbackSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task GetAsync_RobotsNotFound_AllowsEverything()
    {
        await using var harness = new WebCollectionHarness();

        var verdict = await harness.Get<RobotsPolicy>().GetAsync(new Uri(_site.BaseUrl, "/a"));

        verdict.Unreachable.ShouldBeFalse();
        verdict.Rules.IsAllowed("MediaMonitorBot", "/admin/anything").ShouldBeTrue();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task GetAsync_RobotsServerError_DisallowsEverything(int status)
    {
        _site.Set("/robots.txt", "lỗi", status, "text/plain");
        await using var harness = new WebCollectionHarness();

        var verdict = await harness.Get<RobotsPolicy>().GetAsync(_site.BaseUrl);

        verdict.Unreachable.ShouldBeTrue();
        verdict.Rules.IsAllowed("MediaMonitorBot", "/").ShouldBeFalse();
        verdict.Problem!.ShouldContain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GetAsync_NothingListening_DisallowsEverything()
    {
        await using var harness = new WebCollectionHarness();

        var verdict = await harness.Get<RobotsPolicy>().GetAsync(ClosedPortUrl());

        verdict.Unreachable.ShouldBeTrue();
        verdict.Rules.IsAllowed("MediaMonitorBot", "/").ShouldBeFalse();
    }

    [Fact]
    public async Task GetAsync_WithinTwentyFourHours_UsesTheCachedCopy()
    {
        _site.Set("/robots.txt", "User-agent: *\nDisallow: /private/\n", contentType: "text/plain");
        await using var harness = new WebCollectionHarness();
        var robots = harness.Get<RobotsPolicy>();

        await robots.GetAsync(_site.BaseUrl);
        harness.Clock.Advance(TimeSpan.FromHours(23));
        await robots.GetAsync(_site.BaseUrl);
        _site.CountOf("/robots.txt").ShouldBe(1);

        _site.Set("/robots.txt", "User-agent: *\nDisallow: /\n", contentType: "text/plain");
        harness.Clock.Advance(TimeSpan.FromHours(2));
        var fresh = await robots.GetAsync(_site.BaseUrl);

        _site.CountOf("/robots.txt").ShouldBe(2);
        fresh.Rules.IsAllowed("MediaMonitorBot", "/public").ShouldBeFalse();
    }

    [Fact]
    public async Task GetAsync_UnreachableVerdict_IsRetriedSoonerThanADay()
    {
        _site.Set("/robots.txt", "", 503, "text/plain");
        await using var harness = new WebCollectionHarness();
        var robots = harness.Get<RobotsPolicy>();
        (await robots.GetAsync(_site.BaseUrl)).Unreachable.ShouldBeTrue();

        _site.Set("/robots.txt", "User-agent: *\nAllow: /\n", contentType: "text/plain");
        harness.Clock.Advance(TimeSpan.FromMinutes(11));

        (await robots.GetAsync(_site.BaseUrl)).Unreachable.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Crawl-delay: 5", 0, 30, 5)]
    [InlineData("Crawl-delay: 120", 0, 30, 30)]
    [InlineData("Crawl-delay: 0.5", 1, 30, 1)]
    [InlineData("", 2, 30, 2)]
    public async Task DelayFor_CrawlDelay_IsHonouredUpToTheCap(string crawlDelay, int minDelaySeconds, int capSeconds, double expectedSeconds)
    {
        _site.Set("/robots.txt", "User-agent: *\nDisallow: /x\n" + crawlDelay + "\n", contentType: "text/plain");
        await using var harness = new WebCollectionHarness(o =>
        {
            o.MinDelay = TimeSpan.FromSeconds(minDelaySeconds);
            o.CrawlDelayCap = TimeSpan.FromSeconds(capSeconds);
        });
        var robots = harness.Get<RobotsPolicy>();

        var verdict = await robots.GetAsync(_site.BaseUrl);

        robots.DelayFor(verdict).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    internal static Uri ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
