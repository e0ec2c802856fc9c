using System.Text.Json;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// One item's summary in <c>mm-summaries</c> (id = item id): what SQLite keeps in <c>item_summary</c>
/// and <c>item_links</c>, so reports and the dashboard query one small document per item and never
/// the items, their observations or their comments. <see cref="Values"/> are the item's engagement at
/// the standard ages, <see cref="Scores"/> its overperformance there; <see cref="Seq"/> is the order
/// the item was first stored (the tie-break SQLite takes from the row id).
/// </summary>
internal sealed record SummaryDocument(
    string Id,
    long Seq,
    string StationId,
    string ChannelId,
    Platform Platform,
    string? Cluster,
    ItemKind Kind,
    string Url,
    string Title,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CollectedAt,
    long Observations,
    long Comments,
    long Flagged,
    DateTimeOffset? LatestAt,
    long Engagement,
    long? Views,
    IReadOnlyList<double?> Values,
    IReadOnlyList<double?> Scores,
    IReadOnlyList<string> Links)
{
    public static readonly string[] AgeNames = ["1h", "24h", "7d"];

    /// <summary>The time the period filter and the dashboard's days use: publication, else collection.</summary>
    public DateTimeOffset At => PublishedAt ?? CollectedAt;

    public double? BestScore => Scores[2] ?? Scores[1] ?? Scores[0];

    /// <summary>The best score as the ratio medians are taken on (see <see cref="Overperformance.MedianScore"/>).</summary>
    public double? Ratio => BestScore is { } best ? (best >= 1 ? best : -1 / best) : null;

    public ItemSummary ToItemSummary() => new(
        Id, StationId, ChannelId, Platform, Kind, Url, Title, PublishedAt, CollectedAt, Engagement, Views, Scores[0], Scores[1], Scores[2]);

    public StoryCandidate ToCandidate() => new(ToItemSummary(), Links);

    public BulkOperation ToIndexOperation() =>
        new(BulkAction.Index, ElasticsearchIndices.Summaries, Id, Write) { RequireAlias = true };

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteNumber("seq"u8, Seq);
        writer.WriteString("station_id"u8, StationId);
        writer.WriteString("channel_id"u8, ChannelId);
        writer.WriteString("platform"u8, Platform.ToWire());
        if (Cluster is not null)
        {
            writer.WriteString("cluster"u8, Cluster);
        }

        writer.WriteString("kind"u8, ContentDocuments.KindToWire(Kind));
        writer.WriteString("url"u8, Url);
        writer.WriteString("title"u8, Title);
        if (PublishedAt is { } published)
        {
            writer.WriteString("published_at"u8, published.ToUniversalTime());
        }

        writer.WriteString("collected_at"u8, CollectedAt.ToUniversalTime());
        writer.WriteString("at"u8, At.ToUniversalTime());
        writer.WriteNumber("observations"u8, Observations);
        writer.WriteNumber("comments"u8, Comments);
        writer.WriteNumber("flagged"u8, Flagged);
        if (LatestAt is { } latest)
        {
            writer.WriteString("latest_at"u8, latest.ToUniversalTime());
        }

        writer.WriteNumber("engagement"u8, Engagement);
        if (Views is { } views)
        {
            writer.WriteNumber("views"u8, views);
        }

        for (var a = 0; a < AgeNames.Length; a++)
        {
            if (Values[a] is { } value)
            {
                writer.WriteNumber("value_" + AgeNames[a], value);
            }

            if (Scores[a] is { } score)
            {
                writer.WriteNumber("score_" + AgeNames[a], score);
            }
        }

        if (BestScore is { } best)
        {
            writer.WriteNumber("best_score"u8, best);
            writer.WriteNumber("ratio"u8, Ratio!.Value);
        }

        writer.WriteStartArray("links"u8);
        foreach (var link in Links)
        {
            writer.WriteStringValue(link);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static SummaryDocument Read(JsonElement source)
    {
        var item = ContentDocumentReader.ReadItem(source);
        double? Double(string name) => source.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        long? Long(string name) => source.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        return new SummaryDocument(
            item.Id,
            Long("seq") ?? 0,
            item.StationId,
            item.ChannelId,
            item.Platform,
            source.TryGetProperty("cluster", out var cluster) && cluster.ValueKind == JsonValueKind.String ? cluster.GetString() : null,
            item.Kind,
            item.Url,
            item.Title,
            item.PublishedAt,
            item.CollectedAt,
            Long("observations") ?? 0,
            Long("comments") ?? 0,
            Long("flagged") ?? 0,
            source.TryGetProperty("latest_at", out var latest) && latest.ValueKind == JsonValueKind.String ? latest.GetDateTimeOffset() : null,
            Long("engagement") ?? 0,
            Long("views"),
            [.. AgeNames.Select(a => Double("value_" + a))],
            [.. AgeNames.Select(a => Double("score_" + a))],
            source.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array ? [.. links.EnumerateArray().Select(l => l.GetString()!)] : []);
    }
}
