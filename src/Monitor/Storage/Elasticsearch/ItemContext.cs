using Monitor.Domain;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// What observations, comments, assessments and flags copy from their item, so a Kibana panel can
/// group them by station, platform and cluster without a join (Elasticsearch has none).
/// </summary>
internal sealed record ItemContext(string StationId, string ChannelId, Platform Platform, string? Cluster, string Url, string Title, DateTimeOffset? PublishedAt)
{
    public static ItemContext Of(Item item, string? cluster) =>
        new(item.StationId, item.ChannelId, item.Platform, cluster, item.Url, item.Title, item.PublishedAt);
}
