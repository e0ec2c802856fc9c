namespace Monitor.Domain;

/// <summary>
/// One place a station publishes. Each platform has its own derived record carrying what its
/// collector needs; <see cref="Schedule"/> is a Quartz cron expression (null: the global default).
/// </summary>
public abstract record Channel(string Id, string StationId, Platform Platform, string? Schedule);

/// <summary>A station website: discovered through feeds, sitemaps and listing pages.</summary>
public sealed record WebsiteChannel(
    string Id,
    string StationId,
    string? Schedule,
    Uri BaseUrl,
    IReadOnlyList<Uri> Feeds,
    IReadOnlyList<Uri> Sitemaps,
    IReadOnlyList<Uri> ListingPages,
    string? Profile,
    int MaxListingPages = 5,
    int MaxArticlesPerRun = 500)
    : Channel(Id, StationId, Platform.Web, Schedule)
{
    /// <summary>Other hosts that are this station's own (a merged station's old domain): redirects there are followed.</summary>
    public IReadOnlyList<string> AliasHosts { get; init; } = [];
}
