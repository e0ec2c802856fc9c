using Monitor.Domain;

namespace Monitor.Transfer;

/// <summary>
/// <c>{"type":"item","id":"youtube:abc","stationId":…,"channelId":…,"platform":"youtube","kind":"video",…}</c>:
/// one published piece. <c>platform</c> is web|youtube|facebook|tiktok|zalo, <c>kind</c> article|video|post|clip;
/// times are ISO-8601 UTC, null where unknown.
/// </summary>
public sealed record ItemLine(
    string Id,
    string StationId,
    string ChannelId,
    string Platform,
    string Kind,
    string Url,
    string Title,
    string? Body,
    string? Author,
    string? Category,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CollectedAt,
    string? Language) : TransferLine
{
    public static ItemLine From(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ItemLine(
            item.Id, item.StationId, item.ChannelId, item.Platform.ToWire(), TransferJson.KindName(item.Kind), item.Url, item.Title,
            item.Body, item.Author, item.Category, item.PublishedAt?.ToUniversalTime(), item.CollectedAt.ToUniversalTime(), item.Language);
    }

    /// <summary>The domain item; a <see cref="FormatException"/> (in words a person reads) names what is wrong.</summary>
    public Item ToItem()
    {
        TransferJson.Require(Id, "id");
        TransferJson.Require(StationId, "stationId");
        TransferJson.Require(ChannelId, "channelId");
        TransferJson.Require(Url, "url");
        return new Item(
            Id, StationId, ChannelId, TransferJson.ParsePlatform(Platform), TransferJson.ParseKind(Kind), Url, Title ?? string.Empty,
            Body, Author, Category, PublishedAt, CollectedAt, string.IsNullOrWhiteSpace(Language) ? "vi" : Language);
    }
}
