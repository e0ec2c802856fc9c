using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The scaled-out store: items, comments and assessments in plain indices behind aliases (written
/// by deterministic id, so re-collecting never duplicates), observations and flags in data streams
/// (<c>create</c> only). <see cref="SaveAsync"/> returns only after Elasticsearch acknowledged every
/// document (or, for bad data, after it is safe in the dead-letter file).
/// </summary>
internal sealed partial class ElasticsearchContentStore(
    ElasticsearchRequests requests,
    ElasticsearchCluster cluster,
    ElasticsearchSetup setup,
    BulkWriter bulk,
    ElasticsearchOptions options,
    TimeProvider clock) : IContentStore
{
    private const int PageSize = 500;
    private const int MgetChunk = 1000;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await cluster.CheckAsync(cancellationToken);
            await setup.InstallAsync(cancellationToken);
        }
        catch (ElasticsearchException exception)
        {
            // Every command already knows how to report a store it cannot use.
            throw new StoreUnavailableException($"Elasticsearch store at {string.Join(", ", options.Urls)}: {exception.Message}", exception);
        }
    }

    public async Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default)
    {
        var contexts = new Dictionary<string, ItemContext>(StringComparer.Ordinal);
        foreach (var item in batch.Items)
        {
            contexts[item.Id] = ItemContext.Of(item, ClusterOf(item.StationId));
        }

        var commentItem = new Dictionary<string, Comment>(StringComparer.Ordinal);
        foreach (var comment in batch.Comments)
        {
            commentItem[comment.Id] = comment;
        }

        string? ItemIdOf(string targetId, TargetKind kind) =>
            kind == TargetKind.Item ? targetId : commentItem.TryGetValue(targetId, out var c) ? c.ItemId : null;

        var referenced = batch.Observations.Select(o => o.ItemId)
            .Concat(batch.Comments.Select(c => c.ItemId))
            .Concat(batch.Assessments.Select(a => ItemIdOf(a.TargetId, a.TargetKind)))
            .Concat(batch.Flags.Select(f => ItemIdOf(f.TargetId, f.TargetKind)))
            .OfType<string>()
            .Where(id => !contexts.ContainsKey(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        await LoadContextsAsync(referenced, contexts, cancellationToken);

        ItemContext? ContextOf(string? itemId) => itemId is not null && contexts.TryGetValue(itemId, out var context) ? context : null;
        DateTimeOffset? PublishedOf(Assessment assessment) => assessment.TargetKind == TargetKind.Item
            ? ContextOf(assessment.TargetId)?.PublishedAt
            : commentItem.TryGetValue(assessment.TargetId, out var comment) ? comment.PublishedAt ?? ContextOf(comment.ItemId)?.PublishedAt : null;

        var operations = batch.Items.Select(item => ContentDocuments.ItemUpsert(item, ClusterOf(item.StationId)))
            .Concat(batch.Observations.Select(o => ContentDocuments.ObservationCreate(o, ContextOf(o.ItemId))))
            .Concat(batch.Comments.Select(c => ContentDocuments.CommentIndex(c, ContextOf(c.ItemId))))
            .Concat(batch.Assessments.Select(a => ContentDocuments.AssessmentIndex(a, ContextOf(ItemIdOf(a.TargetId, a.TargetKind)), PublishedOf(a))))
            .Concat(batch.Flags.Select(f => ContentDocuments.FlagCreate(f, ContextOf(ItemIdOf(f.TargetId, f.TargetKind)))))
            .Concat(await RaisedFlagDocumentsAsync(batch, cancellationToken))
            .Concat(await SummaryOperationsAsync(batch, cancellationToken));

        var outcomes = await bulk.WriteAsync(operations, cancellationToken);
        int Count(string index, params BulkItemResult[] results) => outcomes.Count(o => o.Index == index && results.Contains(o.Result));
        return new SaveResult(
            NewItems: Count(ElasticsearchIndices.Items, BulkItemResult.Created),
            ChangedItems: Count(ElasticsearchIndices.Items, BulkItemResult.Updated),
            UnchangedItems: Count(ElasticsearchIndices.Items, BulkItemResult.Noop),
            Observations: Count(ElasticsearchIndices.Observations, BulkItemResult.Created),
            Comments: Count(ElasticsearchIndices.Comments, BulkItemResult.Created),
            Flags: Count(ElasticsearchIndices.Flags, BulkItemResult.Created));
    }

    public async Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var items = await GroupAsync(ElasticsearchIndices.Items, withPublished: true, cancellationToken);
        var observations = await GroupAsync(ElasticsearchIndices.Observations, withPublished: false, cancellationToken);
        var comments = await GroupAsync(ElasticsearchIndices.Comments, withPublished: false, cancellationToken);
        var flags = await GroupAsync(ElasticsearchIndices.Flags, withPublished: false, cancellationToken, distinctField: "target_id");

        var keys = items.Groups.Keys.Concat(observations.Groups.Keys).Concat(comments.Groups.Keys).Concat(flags.Groups.Keys)
            .Distinct().OrderBy(k => k.Station, StringComparer.Ordinal).ThenBy(k => k.Platform, StringComparer.Ordinal);
        var groups = keys.Select(key =>
        {
            items.Groups.TryGetValue(key, out var i);
            observations.Groups.TryGetValue(key, out var o);
            comments.Groups.TryGetValue(key, out var c);
            flags.Groups.TryGetValue(key, out var f);
            return new StatsGroup(key.Station, key.Platform, i?.Count ?? 0, o?.Count ?? 0, c?.Count ?? 0, f?.Count ?? 0, i?.First, i?.Last);
        }).ToList();
        return new StoreStats(items.Total, observations.Total, comments.Total, flags.Total, groups);
    }

    public IAsyncEnumerable<Item> ReadItemsAsync(CancellationToken cancellationToken = default) =>
        ReadAllAsync(ElasticsearchIndices.Items, ContentDocumentReader.ReadItem, cancellationToken);

    public IAsyncEnumerable<Observation> ReadObservationsAsync(CancellationToken cancellationToken = default) =>
        ReadAllAsync(ElasticsearchIndices.Observations, ContentDocumentReader.ReadObservation, cancellationToken);

    public IAsyncEnumerable<Comment> ReadCommentsAsync(CancellationToken cancellationToken = default) =>
        ReadAllAsync(ElasticsearchIndices.Comments, ContentDocumentReader.ReadComment, cancellationToken);

    private string? ClusterOf(string stationId) => options.StationClusters.TryGetValue(stationId, out var c) ? c : null;

    private async Task LoadContextsAsync(List<string> itemIds, Dictionary<string, ItemContext> contexts, CancellationToken cancellationToken)
    {
        foreach (var chunk in itemIds.Chunk(MgetChunk))
        {
            var body = new JsonObject { ["ids"] = new JsonArray([.. chunk.Select(id => (JsonNode)JsonValue.Create(id))]) };
            var response = await requests.RawAsync(
                Elastic.Transport.HttpMethod.POST,
                $"/{ElasticsearchIndices.Items}/_mget?_source_includes=station_id,channel_id,platform,cluster,url,title,published_at",
                body,
                cancellationToken);
            Require(response, "looking up items for observations and comments");
            using var document = response.Json();
            foreach (var doc in document.RootElement.GetProperty("docs").EnumerateArray())
            {
                if (doc.TryGetProperty("found", out var found) && found.GetBoolean())
                {
                    contexts[doc.GetProperty("_id").GetString()!] = ContentDocumentReader.ReadContext(doc.GetProperty("_source"));
                }
            }
        }
    }

    private sealed record Group(long Count, DateTimeOffset? First, DateTimeOffset? Last);

    private sealed record Grouped(long Total, Dictionary<(string Station, string Platform), Group> Groups);

    private async Task<Grouped> GroupAsync(string index, bool withPublished, CancellationToken cancellationToken, string? distinctField = null)
    {
        var leaf = new JsonObject();
        if (withPublished)
        {
            leaf["first"] = new JsonObject { ["min"] = new JsonObject { ["field"] = "published_at" } };
            leaf["last"] = new JsonObject { ["max"] = new JsonObject { ["field"] = "published_at" } };
        }

        if (distinctField is not null)
        {
            leaf["distinct"] = new JsonObject { ["cardinality"] = new JsonObject { ["field"] = distinctField } };
        }

        var aggregations = new JsonObject
        {
            ["stations"] = new JsonObject
            {
                ["terms"] = new JsonObject { ["field"] = "station_id", ["size"] = 10000 },
                ["aggs"] = new JsonObject
                {
                    ["platforms"] = new JsonObject
                    {
                        ["terms"] = new JsonObject { ["field"] = "platform", ["size"] = 20 },
                        ["aggs"] = leaf,
                    },
                },
            },
        };
        if (distinctField is not null)
        {
            aggregations["distinct"] = new JsonObject { ["cardinality"] = new JsonObject { ["field"] = distinctField } };
        }

        var body = new JsonObject { ["size"] = 0, ["track_total_hits"] = true, ["aggs"] = aggregations };
        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{index}/_search", body, cancellationToken);
        Require(response, $"counting {index}");
        using var document = response.Json();
        var root = document.RootElement;
        var aggs = root.GetProperty("aggregations");
        var total = distinctField is null
            ? root.GetProperty("hits").GetProperty("total").GetProperty("value").GetInt64()
            : (long)aggs.GetProperty("distinct").GetProperty("value").GetDouble();
        var groups = new Dictionary<(string, string), Group>();
        foreach (var station in aggs.GetProperty("stations").GetProperty("buckets").EnumerateArray())
        {
            foreach (var platform in station.GetProperty("platforms").GetProperty("buckets").EnumerateArray())
            {
                var count = distinctField is null ? platform.GetProperty("doc_count").GetInt64() : (long)platform.GetProperty("distinct").GetProperty("value").GetDouble();
                groups[(station.GetProperty("key").GetString()!, platform.GetProperty("key").GetString()!)] = new Group(
                    count,
                    withPublished ? Millis(platform.GetProperty("first")) : null,
                    withPublished ? Millis(platform.GetProperty("last")) : null);
            }
        }

        return new Grouped(total, groups);
    }

    private static DateTimeOffset? Millis(JsonElement aggregation) =>
        aggregation.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)value.GetDouble())
            : null;

    private async IAsyncEnumerable<T> ReadAllAsync<T>(string index, Func<JsonElement, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var body = new JsonObject
            {
                ["size"] = PageSize,
                ["query"] = new JsonObject { ["match_all"] = new JsonObject() },
                ["sort"] = new JsonArray(new JsonObject { ["id"] = "asc" }),
            };
            if (after is not null)
            {
                body["search_after"] = new JsonArray(after);
            }

            var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{index}/_search", body, cancellationToken);
            Require(response, $"reading {index}");
            var page = new List<T>();
            using (var document = response.Json())
            {
                foreach (var hit in document.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray())
                {
                    var source = hit.GetProperty("_source");
                    page.Add(read(source));
                    after = source.GetProperty("id").GetString();
                }
            }

            foreach (var value in page)
            {
                yield return value;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }

    private static void Require(RawResponse response, string what)
    {
        if (!response.IsSuccess)
        {
            // No answer at all (every node down) is as transient as a 5xx: the next run may succeed.
            throw new ElasticsearchException(
                $"Elasticsearch failed {what}: {response.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} {response.ErrorSummary()}",
                response.Status,
                isTransient: ElasticsearchRequests.IsRetryableStatus(response.Status) || response.Status >= 500);
        }
    }
}
