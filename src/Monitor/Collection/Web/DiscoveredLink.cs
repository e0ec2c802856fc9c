namespace Monitor.Collection.Web;

/// <summary>A URL found by discovery, with the change time its source gave (feed date, sitemap lastmod), if any.</summary>
public sealed record DiscoveredLink(Uri Url, DateTimeOffset? Changed);
