using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Monitor.Domain;

namespace Monitor.Triage;

/// <summary>
/// Builds a flag's evidence snapshot from what the store holds when the flag is saved, and keeps it
/// as JSON (snake_case, the same document in a SQLite column and inside an Elasticsearch document).
/// </summary>
public static class FlagSnapshots
{
    /// <summary>
    /// The snapshot of <paramref name="flag"/>: its target (<paramref name="comment"/> for a comment
    /// flag), the item it belongs to, the item's latest observation and the target's labels, one per task.
    /// </summary>
    public static FlagSnapshot Build(Flag flag, Item? item, Comment? comment, Observation? latest, IEnumerable<Assessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(assessments);
        var isComment = flag.TargetKind == TargetKind.Comment;
        var scores = assessments
            .Where(a => a.TargetId == flag.TargetId)
            .GroupBy(a => a.Task, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(a => a.Task, StringComparer.Ordinal)
            .Select(a => new ScoreSnapshot(a.Task, a.Label, a.Probability))
            .ToList();
        var engagement = latest is null && !(isComment && comment?.Likes is not null)
            ? null
            : new EngagementSnapshot(latest?.ObservedAt, latest?.Views, latest?.Reactions, latest?.Comments, latest?.Shares, isComment ? comment?.Likes : null);
        return new FlagSnapshot(
            flag.TargetId,
            flag.TargetKind,
            isComment ? comment?.ItemId ?? item?.Id ?? string.Empty : flag.TargetId,
            item?.StationId,
            item?.ChannelId,
            item?.Platform ?? comment?.Platform,
            item?.Url,
            item?.Title,
            (isComment ? comment?.Text : item?.Body) ?? string.Empty,
            isComment ? comment?.Author : item?.Author,
            isComment ? comment?.PublishedAt : item?.PublishedAt,
            flag.Source,
            flag.Severity,
            flag.Reason,
            flag.Score,
            flag.Evidence,
            scores,
            engagement,
            ToMilliseconds(flag.RaisedAt));
    }

    /// <summary>Times the inbox sorts and pages on are kept to the millisecond, as Elasticsearch dates are.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>
    /// Vietnamese letters written as themselves: the default encoder wrote each as a six-byte <c>\u</c> escape
    /// (the snapshots of bench/store-scale.sh's 100k history were 1,206 bytes on average, now 1,081). Characters
    /// that matter in HTML (<c>&lt; &gt; &amp; ' "</c>) are still escaped.
    /// </summary>
    private static readonly JsonWriterOptions StoredJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string ToJson(FlagSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, StoredJson))
        {
            Write(writer, snapshot);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, FlagSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(snapshot);
        writer.WriteStartObject();
        writer.WriteString("target_id", snapshot.TargetId);
        writer.WriteString("target_kind", snapshot.TargetKind.ToWire());
        writer.WriteString("item_id", snapshot.ItemId);
        Optional(writer, "station_id", snapshot.StationId);
        Optional(writer, "channel_id", snapshot.ChannelId);
        Optional(writer, "platform", snapshot.Platform?.ToWire());
        Optional(writer, "url", snapshot.Url);
        Optional(writer, "title", snapshot.Title);
        writer.WriteString("text", snapshot.Text);
        Optional(writer, "author", snapshot.Author);
        Optional(writer, "published_at", snapshot.PublishedAt);
        writer.WriteString("source", snapshot.Source);
        writer.WriteString("severity", snapshot.Severity);
        writer.WriteString("reason", snapshot.Reason);
        if (snapshot.Score is { } score)
        {
            writer.WriteNumber("score", score);
        }

        writer.WriteStartArray("matched_terms");
        foreach (var term in snapshot.MatchedTerms)
        {
            writer.WriteStringValue(term);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("scores");
        foreach (var s in snapshot.Scores)
        {
            writer.WriteStartObject();
            writer.WriteString("task", s.Task);
            writer.WriteString("label", s.Label);
            writer.WriteNumber("probability", s.Probability);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (snapshot.Engagement is { } e)
        {
            writer.WriteStartObject("engagement");
            Optional(writer, "observed_at", e.ObservedAt);
            Optional(writer, "views", e.Views);
            Optional(writer, "reactions", e.Reactions);
            Optional(writer, "comments", e.Comments);
            Optional(writer, "shares", e.Shares);
            Optional(writer, "comment_likes", e.CommentLikes);
            writer.WriteEndObject();
        }

        writer.WriteString("raised_at", Time(snapshot.RaisedAt));
        writer.WriteEndObject();
    }

    public static FlagSnapshot FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    public static FlagSnapshot Read(JsonElement source)
    {
        var engagement = source.TryGetProperty("engagement", out var e) && e.ValueKind == JsonValueKind.Object
            ? new EngagementSnapshot(Date(e, "observed_at"), Long(e, "views"), Long(e, "reactions"), Long(e, "comments"), Long(e, "shares"), Long(e, "comment_likes"))
            : null;
        return new FlagSnapshot(
            Text(source, "target_id")!,
            TargetKindNames.FromWire(Text(source, "target_kind")),
            Text(source, "item_id") ?? string.Empty,
            Text(source, "station_id"),
            Text(source, "channel_id"),
            PlatformNames.TryParse(Text(source, "platform"), out var platform) ? platform : null,
            Text(source, "url"),
            Text(source, "title"),
            Text(source, "text") ?? string.Empty,
            Text(source, "author"),
            Date(source, "published_at"),
            Text(source, "source") ?? string.Empty,
            Text(source, "severity") ?? string.Empty,
            Text(source, "reason") ?? string.Empty,
            source.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null,
            source.TryGetProperty("matched_terms", out var terms) && terms.ValueKind == JsonValueKind.Array ? [.. terms.EnumerateArray().Select(t => t.GetString() ?? string.Empty)] : [],
            source.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Array
                ? [.. scores.EnumerateArray().Select(s => new ScoreSnapshot(Text(s, "task") ?? string.Empty, Text(s, "label") ?? string.Empty, s.GetProperty("probability").GetDouble()))]
                : [],
            engagement,
            Date(source, "raised_at") ?? DateTimeOffset.MinValue);
    }

    /// <summary>UTC, millisecond precision, the form both stores write.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void Optional(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    private static string? Text(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    private static DateTimeOffset? Date(JsonElement source, string name) =>
        Text(source, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : null;
}
