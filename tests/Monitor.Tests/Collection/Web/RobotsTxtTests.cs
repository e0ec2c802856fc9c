using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

public sealed class RobotsTxtTests
{
    // The example file of RFC 9309 §5.1, with the groups it uses to show group selection.
    private const string RfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    [Theory]
    [InlineData("foobot", "/example/page.html", true)]
    [InlineData("foobot", "/example/allowed.gif", true)]
    [InlineData("foobot", "/example/other.html", false)]
    [InlineData("FooBot", "/anything", false)]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("barbot", "/example/other.html", true)]
    [InlineData("quxbot", "/example/page.html", true)]
    [InlineData("otherbot", "/example/page.html", false)]
    [InlineData("otherbot", "/images/a.gif", false)]
    [InlineData("otherbot", "/images/a.gif?size=2", true)]
    [InlineData("otherbot", "/publications/2026.html", true)]
    [InlineData("otherbot", "/robots.txt", true)]
    public void IsAllowed_RfcExampleGroups_SelectsTheGroupForTheProductToken(string token, string path, bool allowed) =>
        RobotsTxt.Parse(RfcExample).IsAllowed(token, path).ShouldBe(allowed);

    [Theory]
    [InlineData("allow: /p\ndisallow: /", "/page", true)]
    [InlineData("allow: /folder\ndisallow: /folder", "/folder/page", true)]
    [InlineData("allow: /page\ndisallow: /*.htm", "/page.htm", false)]
    [InlineData("allow: /$\ndisallow: /", "/", true)]
    [InlineData("allow: /$\ndisallow: /", "/page.htm", false)]
    [InlineData("disallow: /*?print=1$", "/tin/a-1.html?print=1", false)]
    [InlineData("disallow: /*?print=1$", "/tin/a-1.html?print=1&x=2", true)]
    [InlineData("disallow: /fish*", "/fish.html", false)]
    [InlineData("disallow: /fish*", "/Fish.html", true)]
    [InlineData("disallow: /*.php", "/folder/filename.php?parameters", false)]
    [InlineData("disallow: /tin-tức/", "/tin-t%E1%BB%A9c/bai-1.html", false)]
    [InlineData("disallow: /a%62c", "/abc", false)]
    [InlineData("disallow:", "/anything", true)]
    public void IsAllowed_PrecedenceTable_LongestMatchWinsAndAllowWinsTies(string rules, string path, bool allowed) =>
        RobotsTxt.Parse("user-agent: *\n" + rules).IsAllowed("MediaMonitorBot", path).ShouldBe(allowed);

    [Fact]
    public void IsAllowed_ContractsFixture_OwnGroupReplacesTheStarGroup()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /admin/
            Disallow: /*?print=1$
            Allow: /admin/public/
            Crawl-delay: 5

            User-agent: MediaMonitorBot
            Disallow: /search

            Sitemap: https://baovidu.vn/sitemap_index.xml
            Sitemap: https://baovidu.vn/news-sitemap.xml
            """);

        robots.IsAllowed("MediaMonitorBot", "/admin/x").ShouldBeTrue();
        robots.IsAllowed("MediaMonitorBot", "/search?q=a").ShouldBeFalse();
        robots.CrawlDelay("MediaMonitorBot").ShouldBeNull();
        robots.IsAllowed("OtherBot", "/admin/x").ShouldBeFalse();
        robots.IsAllowed("OtherBot", "/admin/public/x").ShouldBeTrue();
        robots.CrawlDelay("OtherBot").ShouldBe(TimeSpan.FromSeconds(5));
        robots.Sitemaps.ShouldBe([new Uri("https://baovidu.vn/sitemap_index.xml"), new Uri("https://baovidu.vn/news-sitemap.xml")]);
    }

    [Fact]
    public void IsAllowed_TwoGroupsNamingUs_AreMerged()
    {
        var robots = RobotsTxt.Parse("User-agent: mediamonitorbot\nDisallow: /a/\n\nUser-agent: *\nDisallow: /\n\nUser-agent: MediaMonitorBot/2.0\nDisallow: /b/\n");

        robots.IsAllowed("MediaMonitorBot", "/a/1").ShouldBeFalse();
        robots.IsAllowed("MediaMonitorBot", "/b/1").ShouldBeFalse();
        robots.IsAllowed("MediaMonitorBot", "/c/1").ShouldBeTrue();
    }

    [Fact]
    public void Parse_NoGroupForUsAndNoStar_RestrictsNothing() =>
        RobotsTxt.Parse("User-agent: otherbot\nDisallow: /\n").IsAllowed("MediaMonitorBot", "/x").ShouldBeTrue();

    [Fact]
    public void Parse_CommentsAndRulesBeforeAnyGroup_AreIgnored()
    {
        var robots = RobotsTxt.Parse("Disallow: /early\n# a comment\nUser-agent: * # everyone\nDisallow: /late # trailing\n");

        robots.IsAllowed("MediaMonitorBot", "/early").ShouldBeTrue();
        robots.IsAllowed("MediaMonitorBot", "/late").ShouldBeFalse();
    }

    [Fact]
    public void DisallowAll_ButRobotsTxtItself_IsAllowed()
    {
        RobotsTxt.DisallowAll.IsAllowed("MediaMonitorBot", "/").ShouldBeFalse();
        RobotsTxt.DisallowAll.IsAllowed("MediaMonitorBot", "/robots.txt").ShouldBeTrue();
        RobotsTxt.AllowAll.IsAllowed("MediaMonitorBot", "/anything").ShouldBeTrue();
    }

    [Theory]
    [InlineData("MediaMonitorBot/1.0 (+https://example.vn/bot)", "MediaMonitorBot")]
    [InlineData("MonitorBot", "MonitorBot")]
    [InlineData("MonitorBot (contact)", "MonitorBot")]
    public void ProductToken_UserAgentString_IsTheNameBeforeTheVersion(string userAgent, string token) =>
        RobotsTxt.ProductToken(userAgent).ShouldBe(token);

    [Fact]
    public void Parse_RelativeSitemapLine_IsResolvedAgainstTheRobotsUrl() =>
        RobotsTxt.Parse("Sitemap: /sitemap.xml", new Uri("http://127.0.0.1:5000/robots.txt")).Sitemaps
            .ShouldBe([new Uri("http://127.0.0.1:5000/sitemap.xml")]);
}
