using System.Text.Json;
using Monitor.Domain;

namespace Monitor.Storage.Elasticsearch;

/// <summary>Turns stored documents back into domain records (the inverse of <see cref="ContentDocuments"/>).</summary>
internal static class ContentDocumentReader
{
    public static Item ReadItem(JsonElement source) => new(
        Id: Text(source, "id")!,
        StationId: Text(source, "station_id")!,
        ChannelId: Text(source, "channel_id")!,
        Platform: PlatformOf(source),
        Kind: KindOf(Text(source, "kind")),
        Url: Text(source, "url")!,
        Title: Text(source, "title") ?? string.Empty,
        Body: Text(source, "body"),
        Author: Text(source, "author"),
        Category: Text(source, "category"),
        PublishedAt: Time(source, "published_at"),
        CollectedAt: Time(source, "collected_at") ?? DateTimeOffset.MinValue,
        Language: Text(source, "language") ?? "vi");

    public static Observation ReadObservation(JsonElement source) => new(
        ItemId: Text(source, "item_id")!,
        ObservedAt: Time(source, "@timestamp")!.Value,
        Age: Number(source, "age_seconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Views: Number(source, "views"),
        Reactions: Number(source, "reactions"),
        Comments: Number(source, "comments"),
        Shares: Number(source, "shares"));

    public static Comment ReadComment(JsonElement source) => new(
        Id: Text(source, "id")!,
        ItemId: Text(source, "item_id")!,
        Platform: PlatformOf(source),
        ParentId: Text(source, "parent_id"),
        Author: Text(source, "author"),
        Text: Text(source, "text") ?? string.Empty,
        PublishedAt: Time(source, "published_at"),
        Likes: Number(source, "likes"));

    public static ItemContext ReadContext(JsonElement source) => new(
        Text(source, "station_id")!,
        Text(source, "channel_id")!,
        PlatformOf(source),
        Text(source, "cluster"),
        Text(source, "url") ?? string.Empty,
        Text(source, "title") ?? string.Empty,
        Time(source, "published_at"));

    private static Platform PlatformOf(JsonElement source) =>
        PlatformNames.TryParse(Text(source, "platform"), out var platform)
            ? platform
            : throw new ElasticsearchException($"Stored document '{Text(source, "id")}' has an unknown platform '{Text(source, "platform")}'.");

    private static ItemKind KindOf(string? text) => text switch
    {
        "video" => ItemKind.Video,
        "post" => ItemKind.Post,
        "clip" => ItemKind.Clip,
        _ => ItemKind.Article,
    };

    private static string? Text(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    private static DateTimeOffset? Time(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
