using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

/// <summary>RFC 9309 §2.3.1.2: robots.txt redirects are followed for at least five hops.</summary>
public sealed class RobotsRedirectTests : IAsyncLifetime
{
    private LoopbackSite _site = null!;

    public async Task InitializeAsync() => _site = await LoopbackSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task GetAsync_FiveRedirectHops_ReadsTheFileAtTheEnd()
    {
        _site.Redirect("/robots.txt", "/r1");
        for (var hop = 1; hop < 5; hop++)
        {
            _site.Redirect($"/r{hop}", $"/r{hop + 1}");
        }

        _site.Set("/r5", "User-agent: *\nDisallow: /private/\n", contentType: "text/plain");
        await using var harness = new WebCollectionHarness();

        var verdict = await harness.Get<RobotsPolicy>().GetAsync(_site.BaseUrl);

        verdict.Unreachable.ShouldBeFalse();
        verdict.Rules.IsAllowed("MediaMonitorBot", "/private/a").ShouldBeFalse();
        verdict.Rules.IsAllowed("MediaMonitorBot", "/public").ShouldBeTrue();
    }

    // Past five hops the RFC lets a crawler treat robots.txt as unavailable (4xx): nothing restricted.
    [Fact]
    public async Task GetAsync_SixRedirectHops_IsTreatedAsUnavailable()
    {
        _site.Redirect("/robots.txt", "/r1");
        for (var hop = 1; hop <= 5; hop++)
        {
            _site.Redirect($"/r{hop}", $"/r{hop + 1}");
        }

        _site.Set("/r6", "User-agent: *\nDisallow: /\n", contentType: "text/plain");
        await using var harness = new WebCollectionHarness();

        var verdict = await harness.Get<RobotsPolicy>().GetAsync(_site.BaseUrl);

        verdict.Rules.IsAllowed("MediaMonitorBot", "/anything").ShouldBeTrue();
        _site.CountOf("/r6").ShouldBe(0);
    }
}
