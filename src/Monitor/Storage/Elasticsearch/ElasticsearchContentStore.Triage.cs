using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Triage;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The triage inbox on <c>mm-triage</c>: one document per flag, created (never replaced) in the
/// save that stores the flag, read with filters, <c>search_after</c> and a terms aggregation on
/// status, and changed by a whole-document write guarded by <c>if_seq_no</c>/<c>if_primary_term</c>:
/// the new state and its audit entry land together or not at all; a concurrent change makes it
/// read again and decide again.
/// </summary>
internal sealed partial class ElasticsearchContentStore : IFlagInbox
{
    private const int ConflictAttempts = 5;

    public async Task<FlagPage> ListAsync(FlagFilter filter, int limit, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var after = FlagCursor.Parse(cursor);
        var body = new JsonObject
        {
            ["size"] = limit + 1,
            ["track_total_hits"] = false,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = TriageFilter(filter) } },
            ["sort"] = new JsonArray(
                new JsonObject { ["raised_at"] = new JsonObject { ["order"] = "desc" } },
                new JsonObject { ["id"] = new JsonObject { ["order"] = "desc" } }),
            ["_source"] = new JsonObject { ["excludes"] = new JsonArray("snapshot", "audit") },
            ["aggs"] = new JsonObject { ["statuses"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "status", ["size"] = 20 } } },
        };

        // The status part filters the hits only: the counts per status cover the rest of the filter.
        if (filter.Statuses is { } statuses)
        {
            body["post_filter"] = new JsonObject { ["terms"] = new JsonObject { ["status"] = new JsonArray([.. statuses.Select(s => (JsonNode)s.ToWire())]) } };
        }

        if (after is not null)
        {
            body["search_after"] = new JsonArray(after.RaisedAtMilliseconds, after.FlagId);
        }

        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{ElasticsearchIndices.Triage}/_search", body, cancellationToken);
        Require(response, "listing flags");
        using var document = response.Json();
        var flags = document.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray()
            .Select(h => TriageDocuments.ReadSummary(h.GetProperty("_source"))).ToList();
        var counts = TriageNames.AllStatuses.ToDictionary(s => s, _ => 0L);
        foreach (var bucket in document.RootElement.GetProperty("aggregations").GetProperty("statuses").GetProperty("buckets").EnumerateArray())
        {
            counts[TriageNames.ParseStatus(bucket.GetProperty("key").GetString()!)] = bucket.GetProperty("doc_count").GetInt64();
        }

        var more = flags.Count > limit;
        var page = more ? flags[..limit] : flags;
        return new FlagPage(page, counts, more ? FlagCursor.After(page[^1]).ToString() : null);
    }

    public async Task<FlagDetail?> GetAsync(string flagId, CancellationToken cancellationToken = default)
    {
        var found = await ReadTriageAsync(flagId, cancellationToken);
        return found is null ? null : new FlagDetail(found.Value.Document.Flag, found.Value.Document.Snapshot, [.. found.Value.Document.Audit.Select(a => a.Entry)]);
    }

    public async Task<FlagSummary> ApplyAsync(string flagId, TriageAction action, string actor, CancellationToken cancellationToken = default)
    {
        var (applied, refusal) = await ApplyOneAsync(flagId, action, actor, cancellationToken);
        return applied ?? throw new TriageRefusedException(refusal!);
    }

    public async Task<BulkTriageResult> ApplyAsync(IReadOnlyCollection<string> flagIds, TriageAction action, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flagIds);
        var applied = new List<FlagSummary>();
        var refused = new List<TriageRefusal>();
        foreach (var flagId in flagIds.Distinct(StringComparer.Ordinal))
        {
            var (summary, refusal) = await ApplyOneAsync(flagId, action, actor, cancellationToken);
            if (summary is not null)
            {
                applied.Add(summary);
            }
            else
            {
                refused.Add(refusal!);
            }
        }

        return new BulkTriageResult(applied, refused);
    }

    private async Task<(FlagSummary? Applied, TriageRefusal? Refusal)> ApplyOneAsync(string flagId, TriageAction action, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var actionId = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            var found = await ReadTriageAsync(flagId, cancellationToken);
            if (found is not { } current)
            {
                return (null, FlagTransitions.NotFound(flagId, action.Kind));
            }

            var document = current.Document;
            if (document.Audit.Any(a => a.ActionId == actionId))
            {
                // Our own write, applied although its answer was lost: done, not to be applied twice.
                return (document.Flag, null);
            }

            var state = new TriageState(document.Flag.Status, document.Flag.Assignee, document.Flag.Outcome);
            var (next, refusal) = FlagTransitions.Apply(flagId, state, action, actor);
            if (next is null)
            {
                return (null, refusal);
            }

            var now = FlagSnapshots.ToMilliseconds(clock.GetUtcNow());
            var flag = document.Flag with { Status = next.Status, Assignee = next.Assignee, Outcome = next.Outcome, UpdatedAt = now };
            var entry = new AuditEntry(
                document.Audit.Count == 0 ? 1 : document.Audit.Max(a => a.Entry.Sequence) + 1, now, actor.Trim(), action.Kind, state.Status, next.Status,
                next.Assignee, next.Outcome, string.IsNullOrWhiteSpace(action.Note) ? null : action.Note.Trim());
            var changed = document with { Flag = flag, Audit = [.. document.Audit, (entry, actionId)] };
            var path = string.Create(
                CultureInfo.InvariantCulture,
                $"/{ElasticsearchIndices.Triage}/_doc/{Uri.EscapeDataString(flagId)}?if_seq_no={current.SeqNo}&if_primary_term={current.PrimaryTerm}&refresh=wait_for");
            var response = await requests.RawAsync(Elastic.Transport.HttpMethod.PUT, path, ToNode(w => TriageDocuments.Write(w, changed)), cancellationToken);
            if (response.Status == 409 && attempt < ConflictAttempts)
            {
                continue;
            }

            Require(response, $"recording {action.Kind.ToWire()} on flag {flagId}");
            return (flag, null);
        }
    }

    private async Task<(TriageDocument Document, long SeqNo, long PrimaryTerm)?> ReadTriageAsync(string flagId, CancellationToken cancellationToken)
    {
        if (!FlagIds.IsWellFormed(flagId))
        {
            return null;
        }

        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.GET, $"/{ElasticsearchIndices.Triage}/_doc/{flagId}", null, cancellationToken);
        if (response.Status == 404)
        {
            return null;
        }

        Require(response, $"reading flag {flagId}");
        using var document = response.Json();
        var root = document.RootElement;
        return root.TryGetProperty("found", out var found) && found.GetBoolean()
            ? (TriageDocuments.Read(root.GetProperty("_source")), root.GetProperty("_seq_no").GetInt64(), root.GetProperty("_primary_term").GetInt64())
            : null;
    }

    /// <summary>
    /// The triage documents of the batch's flags, each snapshot built from the batch where it holds
    /// the target, its item, observations and labels, and from the store otherwise.
    /// </summary>
    private async Task<List<BulkOperation>> RaisedFlagDocumentsAsync(ContentBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Flags.Count == 0)
        {
            return [];
        }

        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in batch.Items)
        {
            items[item.Id] = item;
        }

        var comments = new Dictionary<string, Comment>(StringComparer.Ordinal);
        foreach (var comment in batch.Comments)
        {
            comments[comment.Id] = comment;
        }

        var missingComments = batch.Flags.Where(f => f.TargetKind == TargetKind.Comment && !comments.ContainsKey(f.TargetId)).Select(f => f.TargetId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var source in await SourcesAsync(ElasticsearchIndices.Comments, missingComments, cancellationToken))
        {
            var comment = ContentDocumentReader.ReadComment(source);
            comments[comment.Id] = comment;
        }

        string? ItemIdOf(Flag flag) => flag.TargetKind == TargetKind.Comment ? comments.GetValueOrDefault(flag.TargetId)?.ItemId : flag.TargetId;
        var flaggedItems = batch.Flags.Select(ItemIdOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var source in await SourcesAsync(ElasticsearchIndices.Items, [.. flaggedItems.Where(id => !items.ContainsKey(id))], cancellationToken))
        {
            var item = ContentDocumentReader.ReadItem(source);
            items[item.Id] = item;
        }

        var latest = new Dictionary<string, Observation>(StringComparer.Ordinal);
        foreach (var itemId in flaggedItems)
        {
            var candidates = batch.Observations.Where(o => o.ItemId == itemId).ToList();
            if (await LatestObservationAsync(itemId, cancellationToken) is { } stored)
            {
                candidates.Add(stored);
            }

            if (candidates.MaxBy(o => o.ObservedAt) is { } newest)
            {
                latest[itemId] = newest;
            }
        }

        var targets = batch.Flags.Select(f => f.TargetId).Distinct(StringComparer.Ordinal).ToList();
        var assessments = (await StoredAssessmentsAsync(targets, cancellationToken)).Concat(batch.Assessments).ToList();

        var operations = new List<BulkOperation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flag in batch.Flags)
        {
            if (!seen.Add(FlagIds.Of(flag)))
            {
                continue;
            }

            var itemId = ItemIdOf(flag);
            var item = itemId is null ? null : items.GetValueOrDefault(itemId);
            var snapshot = FlagSnapshots.Build(
                flag, item, comments.GetValueOrDefault(flag.TargetId), itemId is null ? null : latest.GetValueOrDefault(itemId), assessments.Where(a => a.TargetId == flag.TargetId));
            operations.Add(TriageDocuments.Create(TriageDocuments.Raised(snapshot, item is null ? null : ClusterOf(item.StationId))));
        }

        return operations;
    }

    private async Task<List<JsonElement>> SourcesAsync(string index, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var sources = new List<JsonElement>();
        foreach (var chunk in ids.Chunk(MgetChunk))
        {
            var body = new JsonObject { ["ids"] = new JsonArray([.. chunk.Select(id => (JsonNode)JsonValue.Create(id))]) };
            var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{index}/_mget", body, cancellationToken);
            Require(response, $"reading {index} for flag snapshots");
            using var document = response.Json();
            foreach (var doc in document.RootElement.GetProperty("docs").EnumerateArray())
            {
                if (doc.TryGetProperty("found", out var found) && found.GetBoolean())
                {
                    sources.Add(doc.GetProperty("_source").Clone());
                }
            }
        }

        return sources;
    }

    private async Task<Observation?> LatestObservationAsync(string itemId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["size"] = 1,
            ["query"] = new JsonObject { ["term"] = new JsonObject { ["item_id"] = itemId } },
            ["sort"] = new JsonArray(new JsonObject { ["@timestamp"] = new JsonObject { ["order"] = "desc" } }),
        };
        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{ElasticsearchIndices.Observations}/_search", body, cancellationToken);
        Require(response, "reading the latest observation for a flag snapshot");
        using var document = response.Json();
        var hits = document.RootElement.GetProperty("hits").GetProperty("hits");
        return hits.GetArrayLength() == 0 ? null : ContentDocumentReader.ReadObservation(hits[0].GetProperty("_source"));
    }

    private async Task<List<Assessment>> StoredAssessmentsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        var assessments = new List<Assessment>();
        foreach (var chunk in targetIds.Chunk(MgetChunk))
        {
            var body = new JsonObject
            {
                ["size"] = 10 * chunk.Length,
                ["query"] = new JsonObject { ["terms"] = new JsonObject { ["target_id"] = new JsonArray([.. chunk.Select(id => (JsonNode)JsonValue.Create(id))]) } },
                ["sort"] = new JsonArray(new JsonObject { ["id"] = new JsonObject { ["order"] = "asc" } }),
            };
            var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{ElasticsearchIndices.Assessments}/_search", body, cancellationToken);
            Require(response, "reading labels for flag snapshots");
            using var document = response.Json();
            foreach (var hit in document.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray())
            {
                var s = hit.GetProperty("_source");
                assessments.Add(new Assessment(
                    s.GetProperty("target_id").GetString()!,
                    TargetKindNames.FromWire(s.GetProperty("target_kind").GetString()),
                    s.GetProperty("task").GetString()!,
                    s.GetProperty("label").GetString()!,
                    s.GetProperty("probability").GetDouble(),
                    s.GetProperty("model_version").GetString()!));
            }
        }

        return assessments;
    }

    /// <summary>The inbox filter without its status part, as bool filter clauses over <c>mm-triage</c>.</summary>
    private static JsonArray TriageFilter(FlagFilter filter)
    {
        var clauses = new JsonArray();
        if (filter.Stations is { } stations)
        {
            clauses.Add(new JsonObject { ["terms"] = new JsonObject { ["station_id"] = new JsonArray([.. stations.Select(s => (JsonNode)JsonValue.Create(s))]) } });
        }

        void Term(string field, string? value)
        {
            if (value is not null)
            {
                clauses.Add(new JsonObject { ["term"] = new JsonObject { [field] = value } });
            }
        }

        Term("platform", filter.Platform?.ToWire());
        Term("source", filter.Source);
        Term("severity", filter.Severity);
        Term("assignee", filter.Assignee);
        Term("item_id", filter.ItemId);
        if (filter.From is not null || filter.To is not null)
        {
            var range = new JsonObject();
            if (filter.From is { } from)
            {
                range["gte"] = FlagSnapshots.Time(from);
            }

            if (filter.To is { } to)
            {
                range["lt"] = FlagSnapshots.Time(to);
            }

            clauses.Add(new JsonObject { ["range"] = new JsonObject { ["raised_at"] = range } });
        }

        return clauses;
    }

    private static JsonNode ToNode(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return JsonNode.Parse(buffer.ToArray())!;
    }
}
