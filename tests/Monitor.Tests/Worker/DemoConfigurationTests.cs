using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Replay.Websites;
using Monitor.Tests.Support;
using Monitor.Worker.Demo;

namespace Monitor.Tests.Worker;

public sealed class DemoConfigurationTests
{
    [Fact]
    public async Task PointAtReplays_RealPipelines_EveryUrlIsLoopbackAndAtLeastFourStations()
    {
        var configuration = PipelineLoader.Load(RepositoryPaths.Pipelines).GetValidConfiguration();
        await using var sites = await ReplayWebsites.StartAsync();

        var demo = DemoConfiguration.PointAtReplays(configuration, sites.Sites);

        demo.Stations.Count.ShouldBeGreaterThanOrEqualTo(4);
        var channels = demo.Sources().Select(s => (WebsiteChannel)s.Channel).ToList();
        channels.ShouldAllBe(c => c.BaseUrl.IsLoopback && c.Feeds.All(f => f.IsLoopback));
        var thanhHoa = channels.Single(c => c.StationId == "thanh-hoa");
        thanhHoa.Feeds.Single().AbsolutePath.ShouldBe("/rss/tin-tuc.rss");
        thanhHoa.Feeds.Single().Port.ShouldBe(sites.Sites["truyenhinhthanhhoa.vn"].Port);
    }

    [Fact]
    public void PointAtReplays_ChannelWithoutReplay_IsLeftOut()
    {
        var channel = new WebsiteChannel("x-web", "x", null, new Uri("https://x.vn/"), [new Uri("https://elsewhere.vn/rss")], [], [], null);
        var kept = new WebsiteChannel("y-web", "y", null, new Uri("https://y.vn/"), [new Uri("https://elsewhere.vn/rss")], [], [], null);
        var configuration = new PipelineConfiguration(
            "p",
            new MonitorSettings(),
            [new Station("x", "X", "X", null, [], null, [channel]), new Station("y", "Y", "Y", null, [], null, [kept])],
            new Dictionary<string, Monitor.Extraction.SiteProfile>(),
            new HashSet<string>());

        var demo = DemoConfiguration.PointAtReplays(configuration, new Dictionary<string, Uri> { ["y.vn"] = new("http://127.0.0.1:5000/") });

        var only = (WebsiteChannel)demo.Sources().Single().Channel;
        only.Id.ShouldBe("y-web");
        only.BaseUrl.ShouldBe(new Uri("http://127.0.0.1:5000/"));
        only.Feeds.ShouldBeEmpty("a feed on a host without a replay is dropped, not contacted");
    }
}
