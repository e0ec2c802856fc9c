using System.Globalization;
using System.Text.Json;
using Monitor.Domain;
using Monitor.Triage;

namespace Monitor.Storage.Elasticsearch;

/// <summary>One flag's triage document as stored: its state, the snapshot and the audit trail (with each entry's action id, so a write repeated after a lost answer is recognised).</summary>
internal sealed record TriageDocument(FlagSummary Flag, string? ChannelId, string? Cluster, FlagSnapshot Snapshot, IReadOnlyList<(AuditEntry Entry, string ActionId)> Audit);

/// <summary>The <c>mm-triage</c> documents, field for field as mapped in <c>mm-triage-mappings</c>, and their reading back.</summary>
internal static class TriageDocuments
{
    public static TriageDocument Raised(FlagSnapshot snapshot, string? cluster)
    {
        var flag = new FlagSummary(
            FlagIds.Of(snapshot.TargetId, snapshot.Source, snapshot.Reason), snapshot.TargetId, snapshot.TargetKind, snapshot.ItemId, snapshot.StationId, snapshot.Platform,
            snapshot.Source, snapshot.Severity, snapshot.Reason, snapshot.Score, snapshot.Title, snapshot.Url, snapshot.RaisedAt, FlagStatus.Open, null, null, snapshot.RaisedAt);
        var raise = new AuditEntry(1, snapshot.RaisedAt, "system", TriageActionKind.Raise, null, FlagStatus.Open, null, null, null);
        return new TriageDocument(flag, snapshot.ChannelId, cluster, snapshot, [(raise, "raise")]);
    }

    public static BulkOperation Create(TriageDocument document) =>
        new(BulkAction.Create, ElasticsearchIndices.Triage, document.Flag.Id, writer => Write(writer, document)) { RequireAlias = true };

    public static void Write(Utf8JsonWriter writer, TriageDocument document)
    {
        var flag = document.Flag;
        writer.WriteStartObject();
        writer.WriteString("id"u8, flag.Id);
        writer.WriteString("target_id"u8, flag.TargetId);
        writer.WriteString("target_kind"u8, flag.TargetKind.ToWire());
        writer.WriteString("item_id"u8, flag.ItemId);
        Optional(writer, "station_id", flag.StationId);
        Optional(writer, "channel_id", document.ChannelId);
        Optional(writer, "platform", flag.Platform?.ToWire());
        Optional(writer, "cluster", document.Cluster);
        writer.WriteString("source"u8, flag.Source);
        writer.WriteString("severity"u8, flag.Severity);
        writer.WriteString("reason"u8, flag.Reason);
        if (flag.Score is { } score)
        {
            writer.WriteNumber("score"u8, score);
        }

        Optional(writer, "title", flag.Title);
        Optional(writer, "url", flag.Url);
        writer.WriteString("raised_at"u8, FlagSnapshots.Time(flag.RaisedAt));
        writer.WriteString("status"u8, flag.Status.ToWire());
        Optional(writer, "outcome", flag.Outcome?.ToWire());
        Optional(writer, "assignee", flag.Assignee);
        writer.WriteString("updated_at"u8, FlagSnapshots.Time(flag.UpdatedAt));
        writer.WritePropertyName("snapshot"u8);
        FlagSnapshots.Write(writer, document.Snapshot);
        writer.WriteStartArray("audit"u8);
        foreach (var (entry, actionId) in document.Audit)
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq"u8, entry.Sequence);
            writer.WriteString("action_id"u8, actionId);
            writer.WriteString("at"u8, FlagSnapshots.Time(entry.At));
            writer.WriteString("actor"u8, entry.Actor);
            writer.WriteString("action"u8, entry.Action.ToWire());
            Optional(writer, "from", entry.From?.ToWire());
            writer.WriteString("to"u8, entry.To.ToWire());
            Optional(writer, "assignee", entry.Assignee);
            Optional(writer, "outcome", entry.Outcome?.ToWire());
            Optional(writer, "note", entry.Note);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static FlagSummary ReadSummary(JsonElement source) => new(
        Text(source, "id")!,
        Text(source, "target_id")!,
        TargetKindNames.FromWire(Text(source, "target_kind")),
        Text(source, "item_id") ?? string.Empty,
        Text(source, "station_id"),
        PlatformNames.TryParse(Text(source, "platform"), out var platform) ? platform : null,
        Text(source, "source") ?? string.Empty,
        Text(source, "severity") ?? string.Empty,
        Text(source, "reason") ?? string.Empty,
        source.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null,
        Text(source, "title"),
        Text(source, "url"),
        Time(source, "raised_at"),
        TriageNames.ParseStatus(Text(source, "status")!),
        Text(source, "outcome") is { } outcome ? TriageNames.ParseOutcome(outcome) : null,
        Text(source, "assignee"),
        Time(source, "updated_at"));

    public static TriageDocument Read(JsonElement source)
    {
        var audit = new List<(AuditEntry, string)>();
        if (source.TryGetProperty("audit", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in entries.EnumerateArray())
            {
                audit.Add((new AuditEntry(
                    e.GetProperty("seq").GetInt32(),
                    Time(e, "at"),
                    Text(e, "actor") ?? string.Empty,
                    TriageNames.ParseAction(Text(e, "action")!),
                    Text(e, "from") is { } from ? TriageNames.ParseStatus(from) : null,
                    TriageNames.ParseStatus(Text(e, "to")!),
                    Text(e, "assignee"),
                    Text(e, "outcome") is { } outcome ? TriageNames.ParseOutcome(outcome) : null,
                    Text(e, "note")), Text(e, "action_id") ?? string.Empty));
            }
        }

        return new TriageDocument(ReadSummary(source), Text(source, "channel_id"), Text(source, "cluster"), FlagSnapshots.Read(source.GetProperty("snapshot")), audit);
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset Time(JsonElement source, string name) =>
        DateTimeOffset.Parse(Text(source, name)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
