using Monitor.Domain;

namespace Monitor.Configuration.Channels;

/// <summary>Reads <c>kind: website</c>: a base URL plus optional feeds, sitemaps, listing pages and a site profile.</summary>
internal sealed class WebsiteChannelParser : IChannelParser
{
    public string Kind => "website";

    public Channel? Parse(ChannelParseContext context)
    {
        var map = context.Map;
        var baseUrl = map.AbsoluteUrl("baseUrl", required: true);
        var feeds = map.Urls("feeds");
        var sitemaps = map.Urls("sitemaps");
        var listingPages = map.Urls("listingPages");
        var profile = map.String("profile");
        if (profile is not null)
        {
            context.ReferenceProfile(profile, map.Node("profile")!);
        }

        var aliasHosts = map.Strings("aliasHosts");
        foreach (var host in aliasHosts)
        {
            if (Uri.CheckHostName(host) is UriHostNameType.Unknown or UriHostNameType.Basic)
            {
                map.Problem(map.Node("aliasHosts")!, $"aliasHosts: '{host}' is not a host name (write it as thainguyentv.vn, without scheme or path)");
            }
        }

        var maxListingPages = (int?)map.Integer("maxListingPages", 1, 1000);
        var maxArticlesPerRun = (int?)map.Integer("maxArticlesPerRun", 1, 100_000);
        if (baseUrl is null)
        {
            return null;
        }

        var defaults = new WebsiteChannel(context.ChannelId, context.StationId, null, baseUrl, [], [], [], null);
        return defaults with
        {
            Schedule = context.Schedule,
            Feeds = feeds,
            Sitemaps = sitemaps,
            ListingPages = listingPages,
            Profile = profile,
            MaxListingPages = maxListingPages ?? defaults.MaxListingPages,
            MaxArticlesPerRun = maxArticlesPerRun ?? defaults.MaxArticlesPerRun,
            AliasHosts = aliasHosts,
        };
    }
}
