using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Keeps <c>mm-summaries</c> current in the same bulk as the save. Each touched item's summary is
/// rebuilt from its stored rows plus the batch's (the batch is not searchable yet: it is in the same
/// bulk). Overperformance moves only from the earliest changed position of a channel and kind on:
/// that range is walked in publication order with a sliding window of the last
/// <see cref="Overperformance.BaselineSize"/> values per age (the same scores SQLite's summaries
/// give), and only the summaries whose scores changed are written again.
/// </summary>
internal sealed partial class ElasticsearchContentStore
{
    private static readonly string RefreshTargets = string.Join(',', ElasticsearchIndices.Summaries, ElasticsearchIndices.Observations, ElasticsearchIndices.Comments, ElasticsearchIndices.Flags);

    private readonly Lock seqLock = new();
    private long lastSeq;

    /// <summary>
    /// The order of first storage: epoch microseconds of the save, one more for each item, so several
    /// workers agree on it to the millisecond and one worker never repeats a value.
    /// </summary>
    private long NextSeq()
    {
        lock (seqLock)
        {
            lastSeq = Math.Max(lastSeq + 1, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
            return lastSeq;
        }
    }

    private async Task<List<BulkOperation>> SummaryOperationsAsync(ContentBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            return await BuildSummaryOperationsAsync(batch, cancellationToken);
        }
        catch (ElasticsearchException exception) when (exception.StatusCode == 404)
        {
            // A store never set up: the bulk that follows fails with the reason (require_alias), which says more.
            return [];
        }
    }

    private async Task<List<BulkOperation>> BuildSummaryOperationsAsync(ContentBatch batch, CancellationToken cancellationToken)
    {
        var batchItems = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in batch.Items)
        {
            batchItems[item.Id] = item;
        }

        var batchComments = batch.Comments.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var flaggedComments = batch.Flags.Where(f => f.TargetKind == TargetKind.Comment && !batchComments.ContainsKey(f.TargetId)).Select(f => f.TargetId).Distinct(StringComparer.Ordinal).ToList();
        var touched = batch.Items.Select(i => i.Id)
            .Concat(batch.Observations.Select(o => o.ItemId))
            .Concat(batch.Comments.Select(c => c.ItemId))
            .Concat(batch.Flags.Where(f => f.TargetKind == TargetKind.Item).Select(f => f.TargetId))
            .Concat(batch.Flags.Where(f => f.TargetKind == TargetKind.Comment && batchComments.ContainsKey(f.TargetId)).Select(f => batchComments[f.TargetId].ItemId))
            .ToList();
        if (touched.Count == 0 && flaggedComments.Count == 0)
        {
            return [];
        }

        // Searches see only refreshed documents; the previous saves must count.
        Require(await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{RefreshTargets}/_refresh", null, cancellationToken), "refreshing before summarising");
        touched.AddRange((await SourcesAsync(ElasticsearchIndices.Comments, flaggedComments, cancellationToken)).Select(s => s.GetProperty("item_id").GetString()!));
        var ids = touched.Distinct(StringComparer.Ordinal).ToList();

        var old = (await SourcesAsync(ElasticsearchIndices.Summaries, ids, cancellationToken)).Select(SummaryDocument.Read).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var storedItems = (await SourcesAsync(ElasticsearchIndices.Items, [.. ids.Where(id => !batchItems.ContainsKey(id) && !old.ContainsKey(id))], cancellationToken))
            .Select(ContentDocumentReader.ReadItem).ToDictionary(i => i.Id, StringComparer.Ordinal);
        ids = [.. ids.Where(id => batchItems.ContainsKey(id) || old.ContainsKey(id) || storedItems.ContainsKey(id))];
        if (ids.Count == 0)
        {
            return [];
        }

        var observations = (await ReadOfItemsAsync(ElasticsearchIndices.Observations, ids, ContentDocumentReader.ReadObservation, cancellationToken))
            .Concat(batch.Observations)
            .DistinctBy(ContentDocuments.ObservationId, StringComparer.Ordinal)
            .ToLookup(o => o.ItemId, StringComparer.Ordinal);
        var comments = (await ReadOfItemsAsync(ElasticsearchIndices.Comments, ids, ContentDocumentReader.ReadComment, cancellationToken))
            .Concat(batch.Comments)
            .DistinctBy(c => c.Id, StringComparer.Ordinal)
            .ToLookup(c => c.ItemId, StringComparer.Ordinal);
        var flaggedTargets = await FlaggedTargetsAsync([.. ids.Concat(ids.SelectMany(id => comments[id].Select(c => c.Id)))], cancellationToken);
        flaggedTargets.UnionWith(batch.Flags.Select(f => f.TargetId));

        var summaries = new Dictionary<string, SummaryDocument>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var previous = old.GetValueOrDefault(id);
            var item = batchItems.GetValueOrDefault(id) ?? storedItems.GetValueOrDefault(id);
            var own = observations[id].ToList();
            var latest = own.MaxBy(o => o.ObservedAt);
            var published = item is not null ? item.PublishedAt : previous!.PublishedAt;
            var curve = EngagementCurve.FromObservations(published, own);
            var flagged = (flaggedTargets.Contains(id) ? 1 : 0) + comments[id].Count(c => flaggedTargets.Contains(c.Id));
            summaries[id] = new SummaryDocument(
                id,
                previous?.Seq ?? NextSeq(),
                item?.StationId ?? previous!.StationId,
                item?.ChannelId ?? previous!.ChannelId,
                item?.Platform ?? previous!.Platform,
                item is null ? previous!.Cluster : ClusterOf(item.StationId),
                item?.Kind ?? previous!.Kind,
                item?.Url ?? previous!.Url,
                item?.Title ?? previous!.Title,
                published,
                previous?.CollectedAt ?? item!.CollectedAt,
                own.Count,
                comments[id].Count(),
                flagged,
                latest?.ObservedAt,
                latest is null ? 0 : Engagement.Interactions(latest),
                latest?.Views,
                [.. Overperformance.StandardAges.Select(age => published is null ? null : curve.ValueAt(age))],
                previous?.Scores ?? [null, null, null],
                item is null ? previous!.Links : StoryUrl.KeysOf(item.Url, item.Title, item.Body));
        }

        var written = new Dictionary<string, SummaryDocument>(summaries, StringComparer.Ordinal);
        foreach (var group in summaries.Values.GroupBy(s => (s.ChannelId, s.Kind)))
        {
            foreach (var rescored in await RescoreAsync(group.Key.ChannelId, group.Key.Kind, [.. group], old, cancellationToken))
            {
                written[rescored.Id] = rescored;
            }
        }

        return [.. written.Values.Select(s => s.ToIndexOperation())];
    }

    /// <summary>Which of these targets (items and comments) carry at least one stored flag.</summary>
    private async Task<HashSet<string>> FlaggedTargetsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in targetIds.Chunk(MgetChunk))
        {
            await foreach (var source in SearchAllAsync(ElasticsearchIndices.Flags, Terms("target_id", chunk), cancellationToken))
            {
                flagged.Add(source.GetProperty("target_id").GetString()!);
            }
        }

        return flagged;
    }

    /// <summary>
    /// New scores for the touched summaries of one channel and kind, and for the stored ones after them
    /// whose baseline they are part of; a stored summary is returned only when its scores changed.
    /// </summary>
    private async Task<List<SummaryDocument>> RescoreAsync(
        string channel, ItemKind kind, List<SummaryDocument> touched, Dictionary<string, SummaryDocument> old, CancellationToken cancellationToken)
    {
        var unscored = touched.Where(s => s.PublishedAt is null).Select(s => s with { Scores = [null, null, null] });
        var positions = touched.Select(s => s.PublishedAt is { } p ? (p, s.Id) : ((DateTimeOffset, string)?)null)
            .Concat(touched.Select(s => old.GetValueOrDefault(s.Id)?.PublishedAt is { } p ? (p, s.Id) : ((DateTimeOffset, string)?)null))
            .OfType<(DateTimeOffset At, string Id)>()
            .ToList();
        if (positions.Count == 0)
        {
            return [.. unscored];
        }

        var start = positions.OrderBy(p => p.At.ToUnixTimeMilliseconds()).ThenBy(p => p.Id, StringComparer.Ordinal).First();
        var kindWire = ContentDocuments.KindToWire(kind);
        var touchedIds = touched.Select(s => s.Id).ToList();
        JsonObject Group(string? mustExist) => new()
        {
            ["bool"] = new JsonObject
            {
                ["filter"] = new JsonArray(
                    TermNode("channel_id", channel),
                    TermNode("kind", kindWire),
                    Exists(mustExist ?? "published_at")),
                ["must_not"] = new JsonArray(Terms("id", touchedIds)),
            },
        };
        JsonArray After() => new(start.At.ToUnixTimeMilliseconds(), start.Id);

        var windows = new Queue<double>[SummaryDocument.AgeNames.Length];
        for (var a = 0; a < windows.Length; a++)
        {
            var field = "value_" + SummaryDocument.AgeNames[a];
            var body = new JsonObject
            {
                ["size"] = Overperformance.BaselineSize,
                ["query"] = Group(field),
                ["sort"] = new JsonArray(new JsonObject { ["published_at"] = "desc" }, new JsonObject { ["id"] = "desc" }),
                ["search_after"] = After(),
            };
            var newestFirst = (await SearchSourcesAsync(ElasticsearchIndices.Summaries, body, cancellationToken)).Select(s => s.GetProperty(field).GetDouble()).ToList();
            newestFirst.Reverse();
            windows[a] = new Queue<double>(newestFirst);
        }

        var sequence = new List<(SummaryDocument Summary, bool Touched)>();
        await foreach (var source in SearchAllAsync(ElasticsearchIndices.Summaries, Group(null), cancellationToken, After(), byPublication: true))
        {
            sequence.Add((SummaryDocument.Read(source), false));
        }

        sequence.AddRange(touched.Where(s => s.PublishedAt is not null).Select(s => (s, true)));
        sequence.Sort((x, y) => (x.Summary.PublishedAt!.Value.ToUnixTimeMilliseconds(), y.Summary.PublishedAt!.Value.ToUnixTimeMilliseconds()) is var (l, r) && l != r
            ? l.CompareTo(r)
            : string.CompareOrdinal(x.Summary.Id, y.Summary.Id));

        var result = new List<SummaryDocument>(unscored);
        foreach (var (summary, isTouched) in sequence)
        {
            var scores = new double?[windows.Length];
            for (var a = 0; a < windows.Length; a++)
            {
                if (summary.Values[a] is not { } actual)
                {
                    continue;
                }

                scores[a] = ScoreAgainst(windows[a], actual);
                windows[a].Enqueue(actual);
                if (windows[a].Count > Overperformance.BaselineSize)
                {
                    windows[a].Dequeue();
                }
            }

            if (isTouched || !scores.SequenceEqual(summary.Scores))
            {
                result.Add(summary with { Scores = scores });
            }
        }

        return result;
    }

    private static double? ScoreAgainst(Queue<double> baseline, double actual)
    {
        if (baseline.Count < Overperformance.MinimumBaseline)
        {
            return null;
        }

        var expected = Overperformance.TrimmedMean(baseline);
        return expected > 0 ? Overperformance.Score(actual, expected) : null;
    }

    private static JsonObject TermNode(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Terms(string field, IEnumerable<string> values) =>
        new() { ["terms"] = new JsonObject { [field] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) } };

    private static JsonObject Exists(string field) => new() { ["exists"] = new JsonObject { ["field"] = field } };

    private async Task<List<JsonElement>> SearchSourcesAsync(string index, JsonObject body, CancellationToken cancellationToken)
    {
        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{index}/_search", body, cancellationToken);
        Require(response, $"searching {index}");
        using var document = response.Json();
        return [.. document.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_source").Clone())];
    }

    /// <summary>Every match, a page at a time with search_after: by <c>id</c>, or with <paramref name="byPublication"/> by (published_at, id), from after <paramref name="after"/>.</summary>
    private IAsyncEnumerable<JsonElement> SearchAllAsync(string index, JsonObject query, CancellationToken cancellationToken, JsonArray? after = null, bool byPublication = false) =>
        PagedAsync(index, query, byPublication ? [new("published_at", Date: true), new("id")] : [new("id")], after, cancellationToken);

    /// <summary>One sort key of a paged search; dates go into search_after as epoch milliseconds.</summary>
    private sealed record SortKey(string Field, bool Descending = false, bool Date = false);

    /// <summary>Every match in <paramref name="sort"/> order (its last key unique), a page at a time with search_after.</summary>
    private async IAsyncEnumerable<JsonElement> PagedAsync(
        string index, JsonObject query, SortKey[] sort, JsonArray? after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var body = new JsonObject
            {
                ["size"] = PageSize,
                ["query"] = query.DeepClone(),
                ["sort"] = new JsonArray([.. sort.Select(k => (JsonNode)new JsonObject { [k.Field] = k.Descending ? "desc" : "asc" })]),
            };
            if (after is not null)
            {
                body["search_after"] = after.DeepClone();
            }

            var page = await SearchSourcesAsync(index, body, cancellationToken);
            foreach (var source in page)
            {
                yield return source;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = AfterOf(page[^1], sort);
        }
    }

    private static JsonArray AfterOf(JsonElement source, SortKey[] sort) =>
        [.. sort.Select(k => k.Date
            ? (JsonNode)JsonValue.Create(source.GetProperty(k.Field).GetDateTimeOffset().ToUnixTimeMilliseconds())
            : JsonNode.Parse(source.GetProperty(k.Field).GetRawText()))];
}
