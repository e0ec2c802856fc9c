using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitor.Domain;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The documents the worker writes, field for field as mapped in <c>dashboards/elasticsearch/</c>
/// (snake_case; every document carries its own <c>id</c> so reads can page with search_after).
/// </summary>
internal static class ContentDocuments
{
    public static BulkOperation ItemUpsert(Item item, string? cluster) =>
        // collected_at only in the upsert: re-collecting unchanged content then answers "noop",
        // which is how the store tells unchanged items from changed ones.
        new(BulkAction.Update, ElasticsearchIndices.Items, item.Id, writer => WriteItem(writer, item, cluster, includeCollectedAt: false))
        {
            WriteUpsert = writer => WriteItem(writer, item, cluster, includeCollectedAt: true),
            RequireAlias = true,
        };

    public static void WriteItem(Utf8JsonWriter writer, Item item, string? cluster, bool includeCollectedAt)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, item.Id);
        writer.WriteString("station_id"u8, item.StationId);
        writer.WriteString("channel_id"u8, item.ChannelId);
        writer.WriteString("platform"u8, item.Platform.ToWire());
        if (cluster is not null)
        {
            writer.WriteString("cluster"u8, cluster);
        }

        writer.WriteString("kind"u8, KindToWire(item.Kind));
        writer.WriteString("url"u8, item.Url);
        writer.WriteString("title"u8, item.Title);
        WriteOptional(writer, "body"u8, item.Body);
        WriteOptional(writer, "author"u8, item.Author);
        WriteOptional(writer, "category"u8, item.Category);
        WriteOptional(writer, "published_at"u8, item.PublishedAt);
        if (includeCollectedAt)
        {
            writer.WriteString("collected_at"u8, item.CollectedAt.ToUniversalTime());
        }

        writer.WriteString("language"u8, item.Language);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Deterministic, so a create repeated after a crash is a 409 (done): a scheduled social observation
    /// is keyed by its checkpoint (a repeat seconds later is the same observation), any other by its instant.
    /// </summary>
    public static string ObservationId(Observation observation) => observation.Checkpoint is { } checkpoint
        ? string.Create(CultureInfo.InvariantCulture, $"{observation.ItemId}:at-{(long)checkpoint.TotalSeconds}s")
        : $"{observation.ItemId}:{observation.ObservedAt.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    public static BulkOperation ObservationCreate(Observation observation, ItemContext? context) =>
        new(BulkAction.Create, ElasticsearchIndices.Observations, ObservationId(observation), writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("@timestamp"u8, observation.ObservedAt.ToUniversalTime());
            writer.WriteString("id"u8, ObservationId(observation));
            writer.WriteString("item_id"u8, observation.ItemId);
            WriteContext(writer, context, includeLink: true);
            if (observation.Age is { } age)
            {
                writer.WriteNumber("age_seconds"u8, (long)age.TotalSeconds);
                writer.WriteNumber("age_hours"u8, Math.Round(age.TotalHours, 3));
            }

            WriteOptional(writer, "views"u8, observation.Views);
            WriteOptional(writer, "reactions"u8, observation.Reactions);
            WriteOptional(writer, "comments"u8, observation.Comments);
            WriteOptional(writer, "shares"u8, observation.Shares);
            if (observation.Reactions is not null || observation.Comments is not null || observation.Shares is not null)
            {
                writer.WriteNumber("engagement"u8, (observation.Reactions ?? 0) + (observation.Comments ?? 0) + (observation.Shares ?? 0));
            }

            writer.WriteEndObject();
        });

    public static BulkOperation CommentIndex(Comment comment, ItemContext? context) =>
        new(BulkAction.Index, ElasticsearchIndices.Comments, comment.Id, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, comment.Id);
            writer.WriteString("item_id"u8, comment.ItemId);
            writer.WriteString("platform"u8, comment.Platform.ToWire());
            WriteContext(writer, context, includeLink: false, includePlatform: false);
            WriteOptional(writer, "parent_id"u8, comment.ParentId);
            WriteOptional(writer, "author"u8, comment.Author);
            writer.WriteString("text"u8, comment.Text);
            WriteOptional(writer, "published_at"u8, comment.PublishedAt);
            WriteOptional(writer, "likes"u8, comment.Likes);
            writer.WriteEndObject();
        })
        { RequireAlias = true };

    public static string AssessmentId(Assessment assessment) => $"{assessment.TargetId}:{assessment.Task}";

    public static BulkOperation AssessmentIndex(Assessment assessment, ItemContext? context, DateTimeOffset? targetPublishedAt) =>
        new(BulkAction.Index, ElasticsearchIndices.Assessments, AssessmentId(assessment), writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, AssessmentId(assessment));
            writer.WriteString("target_id"u8, assessment.TargetId);
            writer.WriteString("target_kind"u8, assessment.TargetKind == TargetKind.Item ? "item" : "comment");
            writer.WriteString("task"u8, assessment.Task);
            writer.WriteString("label"u8, assessment.Label);
            writer.WriteNumber("probability"u8, assessment.Probability);
            writer.WriteString("model_version"u8, assessment.ModelVersion);
            WriteContext(writer, context, includeLink: false);
            WriteOptional(writer, "published_at"u8, targetPublishedAt);
            writer.WriteEndObject();
        })
        { RequireAlias = true };

    /// <summary>One flag per target, source and reason: raising the same finding again is not a new flag.</summary>
    public static string FlagId(Flag flag)
    {
        var reason = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(flag.Reason)).AsSpan(0, 8));
        return $"{flag.TargetId}:{flag.Source}:{reason}";
    }

    public static BulkOperation FlagCreate(Flag flag, ItemContext? context) =>
        new(BulkAction.Create, ElasticsearchIndices.Flags, FlagId(flag), writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("@timestamp"u8, flag.RaisedAt.ToUniversalTime());
            writer.WriteString("id"u8, FlagId(flag));
            writer.WriteString("target_id"u8, flag.TargetId);
            writer.WriteString("target_kind"u8, flag.TargetKind == TargetKind.Item ? "item" : "comment");
            writer.WriteString("source"u8, flag.Source);
            writer.WriteString("severity"u8, flag.Severity);
            writer.WriteString("reason"u8, flag.Reason);
            WriteOptional(writer, "score"u8, flag.Score);
            writer.WriteStartArray("evidence"u8);
            foreach (var evidence in flag.Evidence)
            {
                writer.WriteStringValue(evidence);
            }

            writer.WriteEndArray();
            WriteContext(writer, context, includeLink: true);
            writer.WriteEndObject();
        });

    public static string KindToWire(ItemKind kind) => kind switch
    {
        ItemKind.Article => "article",
        ItemKind.Video => "video",
        ItemKind.Post => "post",
        ItemKind.Clip => "clip",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown item kind."),
    };

    private static void WriteContext(Utf8JsonWriter writer, ItemContext? context, bool includeLink, bool includePlatform = true)
    {
        if (context is null)
        {
            return;
        }

        writer.WriteString("station_id"u8, context.StationId);
        writer.WriteString("channel_id"u8, context.ChannelId);
        if (includePlatform)
        {
            writer.WriteString("platform"u8, context.Platform.ToWire());
        }

        if (context.Cluster is not null)
        {
            writer.WriteString("cluster"u8, context.Cluster);
        }

        if (includeLink)
        {
            writer.WriteString("url"u8, context.Url);
            writer.WriteString("title"u8, context.Title);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.ToUniversalTime());
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
