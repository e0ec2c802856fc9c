using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// RFC 9309 read rule by rule, each case citing its section. The three defects (a non-rule
/// line inside a group, a line without its colon, percent-encoding on both sides) come first.
/// </summary>
public sealed class Rfc9309Tests
{
    private const string Bot = "FooBot";

    private static bool Allowed(string robots, string path, string agent = Bot) => RobotsTxt.Parse(robots).IsAllowed(agent, path);

    // §2.1: a group is one or more user-agent lines followed by rules; any other record (sitemap,
    // an unknown key) belongs to no group, so it neither ends the run of user-agent lines nor the group.
    [Theory]
    [InlineData("User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n")]
    [InlineData("User-agent: BarBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n")]
    [InlineData("User-agent: BarBot\nCrawl-delay: 5\nUser-agent: *\nDisallow: /\n")]
    public void Rfc2_1_NonRuleLineBetweenUserAgents_DoesNotSplitTheGroup(string robots)
    {
        Allowed(robots, "/", "BarBot").ShouldBeFalse();
        Allowed(robots, "/", "OtherBot").ShouldBeFalse();
    }

    // §2.1: ...and a non-rule line between rules keeps the rules in the same group.
    [Fact]
    public void Rfc2_1_NonRuleLineBetweenRules_KeepsTheGroup() =>
        Allowed("User-agent: FooBot\nDisallow: /a\nSitemap: https://foo.bar/s.xml\nDisallow: /b\n", "/b").ShouldBeFalse();

    // §2.2: the RFC's grammar wants a colon; a line that leaves it out ("user-agent FooBot") still
    // says plainly what the owner means, and a polite crawler obeys it rather than ignoring it.
    [Theory]
    [InlineData("user-agent FooBot\ndisallow /\n", "/x", false)]
    [InlineData("User-agent FooBot\nDisallow /private\n", "/private/x", false)]
    [InlineData("User-agent FooBot\nDisallow /private\n", "/public", true)]
    [InlineData("foo bar\nUser-agent: FooBot\nDisallow: /\n", "/x", false)]
    public void Rfc2_2_LineWithoutColon_IsReadAsTheRecordItNames(string robots, string path, bool allowed) =>
        Allowed(robots, path).ShouldBe(allowed);

    // §2.2.2: "octets ... outside the range of the US-ASCII coded character set ... MUST be
    // percent-encoded prior to comparison", and "If a percent-encoded US-ASCII octet is encountered
    // in the URI, it MUST be unencoded prior to comparison, unless it is a reserved character".
    // Reading followed here: both the rule and the URL are brought to one form - non-ASCII as UTF-8
    // %XX with upper-case hex, %XX of an unreserved character decoded, other %XX kept - so a rule and
    // a URL that denote the same octets match however each was written.
    [Theory]
    [InlineData("/foo/bar/ツ", "/foo/bar/ツ", true)]
    [InlineData("/foo/bar/ツ", "/foo/bar/%E3%83%84", true)]
    [InlineData("/foo/bar/ツ", "/foo/bar/%e3%83%84", true)]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", true)]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/ツ", true)]
    [InlineData("/foo/bar/%e3%83%84", "/foo/bar/ツ", true)]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/baz", true)]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/%62%61%7A", true)]
    [InlineData("/foo/bar/baz", "/foo/bar/%62%61%7A", true)]
    [InlineData("/foo/bar/ツ", "/foo/bar/%E3%83%85", false)]
    [InlineData("/foo/bar/%2F", "/foo/bar//", false)]
    public void Rfc2_2_2_PercentEncoding_ComparesRuleAndUrlInOneForm(string allow, string path, bool allowed) =>
        Allowed($"User-agent: FooBot\nDisallow: /\nAllow: {allow}\n", path).ShouldBe(allowed);

    // The same through the Uri overload: .NET escapes non-ASCII and may unescape unreserved octets.
    [Theory]
    [InlineData("http://foo.bar/foo/bar/ツ")]
    [InlineData("http://foo.bar/foo/bar/%E3%83%84")]
    public void Rfc2_2_2_PercentEncoding_UriOverloadAgrees(string url)
    {
        var robots = RobotsTxt.Parse("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n");
        robots.IsAllowed(Bot, new Uri(url)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("http://foo.bar/foo/bar/baz")]
    [InlineData("http://foo.bar/foo/bar/%62%61%7A")]
    public void Rfc2_2_2_EncodedUnreservedRule_UriOverloadAgrees(string url) =>
        RobotsTxt.Parse("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n").IsAllowed(Bot, new Uri(url)).ShouldBeTrue();

    // §2.2.1: the product token is matched case-insensitively; groups naming the same agent merge.
    [Theory]
    [InlineData("User-agent: foobot\nDisallow: /\n", false)]
    [InlineData("User-agent: FOOBOT\nDisallow: /\n", false)]
    [InlineData("User-agent: FooBot/1.2\nDisallow: /\n", false)]
    [InlineData("User-agent: FooBotX\nDisallow: /\n", true)]
    public void Rfc2_2_1_ProductToken_CaseInsensitive(string robots, bool allowed) => Allowed(robots, "/x").ShouldBe(allowed);

    [Fact]
    public void Rfc2_2_1_GroupsOfTheSameAgent_AreMerged()
    {
        const string robots = "User-agent: FooBot\nDisallow: /a\n\nUser-agent: BarBot\nDisallow: /c\n\nUser-agent: foobot\nDisallow: /b\n";
        Allowed(robots, "/a").ShouldBeFalse();
        Allowed(robots, "/b").ShouldBeFalse();
        Allowed(robots, "/c").ShouldBeTrue();
    }

    // §2.2.1: no group for the agent → the "*" group; neither → no rules.
    [Theory]
    [InlineData("User-agent: *\nDisallow: /\n", false)]
    [InlineData("User-agent: BarBot\nDisallow: /\n", true)]
    [InlineData("User-agent: *\nDisallow: /\n\nUser-agent: FooBot\nAllow: /\n", true)]
    public void Rfc2_2_1_StarGroup_AppliesOnlyWithoutANamedOne(string robots, bool allowed) => Allowed(robots, "/x").ShouldBe(allowed);

    // §2.2.2: the most specific (longest) match wins; on equal length allow wins (the least restrictive).
    [Theory]
    [InlineData("Allow: /folder/page\nDisallow: /folder/", "/folder/page", true)]
    [InlineData("Allow: /folder/\nDisallow: /folder/page", "/folder/page", false)]
    [InlineData("Allow: /page\nDisallow: /page", "/page", true)]
    [InlineData("Disallow: /page\nAllow: /page", "/page", true)]
    [InlineData("Disallow:", "/anything", true)]
    public void Rfc2_2_2_LongestMatchWins_AllowWinsATie(string rules, string path, bool allowed) =>
        Allowed("User-agent: FooBot\n" + rules + "\n", path).ShouldBe(allowed);

    // §2.2.3: "*" matches any run of characters, "$" the end of the path; matching is case-sensitive.
    [Theory]
    [InlineData("Disallow: /*.gif$", "/a/b.gif", false)]
    [InlineData("Disallow: /*.gif$", "/a/b.gif?x=1", true)]
    [InlineData("Disallow: /*.gif", "/a/b.gif?x=1", false)]
    [InlineData("Disallow: /a*b*c", "/a-x-b-y-c", false)]
    [InlineData("Disallow: /a*b*c", "/a-x-c-y-b", true)]
    [InlineData("Disallow: /Fish", "/fish", true)]
    [InlineData("Disallow: /fish$", "/fish", false)]
    [InlineData("Disallow: /fish$", "/fish/", true)]
    public void Rfc2_2_3_SpecialCharacters(string rules, string path, bool allowed) =>
        Allowed("User-agent: FooBot\n" + rules + "\n", path).ShouldBe(allowed);

    // §2.2.2: /robots.txt is implicitly allowed.
    [Fact]
    public void Rfc2_2_2_RobotsTxtItself_IsAlwaysAllowed() => Allowed("User-agent: *\nDisallow: /\n", "/robots.txt").ShouldBeTrue();

    // §2.5: a crawler MUST parse at least 500 KiB; what lies past the limit is not read.
    [Fact]
    public void Rfc2_5_RulesPastFiveHundredKibibytes_AreNotRead()
    {
        var padding = new string('#', RobotsTxt.MaxParsedBytes);
        var robots = "User-agent: FooBot\nDisallow: /early\n" + padding + "\nDisallow: /late\n";
        Allowed(robots, "/early").ShouldBeFalse();
        Allowed(robots, "/late").ShouldBeTrue();
    }

    // §2.4/§2.5: CR, LF and CRLF all end a line; a BOM does not hide the first record.
    [Theory]
    [InlineData("User-agent: FooBot\r\nDisallow: /x\r\n")]
    [InlineData("User-agent: FooBot\rDisallow: /x\r")]
    [InlineData("\uFEFFUser-agent: FooBot\nDisallow: /x\n")]
    public void Rfc2_LineEndingsAndBom_AreAccepted(string robots) => Allowed(robots, "/x").ShouldBeFalse();
}
