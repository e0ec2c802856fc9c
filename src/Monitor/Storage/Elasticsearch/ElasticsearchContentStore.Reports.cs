using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The report queries over <c>mm-summaries</c>: sorted searches paged with search_after and
/// aggregations, the same rows in the same order as the SQLite store gives (the dashboard's are
/// in ElasticsearchContentStore.Dashboard.cs).
/// </summary>
internal sealed partial class ElasticsearchContentStore
{
    /// <summary>Elasticsearch's default <c>index.max_result_window</c>: from + size beyond it is refused.</summary>
    private const int ResultWindow = 10_000;

    private static readonly SortKey[] BySeq = [new("seq")];

    public async Task<IReadOnlyList<StationTotals>> GetStationTotalsAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["size"] = 0,
            ["query"] = SummaryFilter(filter),
            ["aggs"] = new JsonObject
            {
                ["stations"] = new JsonObject
                {
                    ["terms"] = new JsonObject { ["field"] = "station_id", ["size"] = ResultWindow },
                    ["aggs"] = new JsonObject
                    {
                        ["engagement"] = new JsonObject { ["sum"] = new JsonObject { ["field"] = "engagement" } },
                        ["views"] = new JsonObject { ["sum"] = new JsonObject { ["field"] = "views" } },
                        ["scored"] = new JsonObject { ["value_count"] = new JsonObject { ["field"] = "ratio" } },
                        ["platforms"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "platform", ["size"] = 20 } },
                        ["channels"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "channel_id", ["size"] = ResultWindow } },
                    },
                },
            },
        };
        var rows = new List<(string Station, int Items, long Engagement, long Views, Dictionary<string, int> Platforms, List<string> Channels, long Scored)>();
        using (var document = await AggregateAsync(body, cancellationToken))
        {
            foreach (var station in Buckets(document.RootElement.GetProperty("aggregations"), "stations"))
            {
                rows.Add((
                    station.GetProperty("key").GetString()!,
                    station.GetProperty("doc_count").GetInt32(),
                    (long)station.GetProperty("engagement").GetProperty("value").GetDouble(),
                    (long)station.GetProperty("views").GetProperty("value").GetDouble(),
                    Buckets(station, "platforms").OrderBy(p => p.GetProperty("key").GetString(), StringComparer.Ordinal)
                        .ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("doc_count").GetInt32(), StringComparer.Ordinal),
                    [.. Buckets(station, "channels").Select(c => c.GetProperty("key").GetString()!).Order(StringComparer.Ordinal)],
                    (long)station.GetProperty("scored").GetProperty("value").GetDouble()));
            }
        }

        var totals = new List<StationTotals>();
        foreach (var row in rows.OrderBy(r => r.Station, StringComparer.Ordinal))
        {
            var median = row.Scored == 0 ? null : await MedianScoreAsync(filter with { Stations = [row.Station] }, row.Scored, cancellationToken);
            totals.Add(new StationTotals(row.Station, row.Items, row.Engagement, row.Views, row.Platforms, row.Channels, median, (int)row.Scored));
        }

        return totals;
    }

    /// <summary>The middle ratio (or the mean of the two middle ones) of the filter's scored items, read at its offset in ratio order.</summary>
    private async Task<double?> MedianScoreAsync(ContentFilter filter, long scored, CancellationToken cancellationToken)
    {
        var query = SummaryFilter(filter, Exists("ratio"));
        var offset = (scored - 1) / 2;
        var count = scored % 2 == 1 ? 1 : 2;
        var middle = new List<double>(2);
        if (offset + count <= ResultWindow)
        {
            var body = new JsonObject
            {
                ["from"] = offset,
                ["size"] = count,
                ["query"] = query,
                ["sort"] = new JsonArray(new JsonObject { ["ratio"] = "asc" }, new JsonObject { ["id"] = "asc" }),
            };
            middle.AddRange((await SearchSourcesAsync(ElasticsearchIndices.Summaries, body, cancellationToken)).Select(s => s.GetProperty("ratio").GetDouble()));
        }
        else
        {
            // Past the result window: walk to the middle a page at a time (memory stays one page).
            var position = 0L;
            await foreach (var source in PagedAsync(ElasticsearchIndices.Summaries, query, [new("ratio"), new("id")], null, cancellationToken))
            {
                if (position++ >= offset)
                {
                    middle.Add(source.GetProperty("ratio").GetDouble());
                    if (middle.Count == count)
                    {
                        break;
                    }
                }
            }
        }

        if (middle.Count == 0)
        {
            return null;
        }

        var ratio = middle.Average();
        return ratio >= 1 ? ratio : -1 / ratio;
    }

    public async Task<IReadOnlyList<ItemSummary>> GetTopItemsAsync(ContentFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        var body = new JsonObject
        {
            ["size"] = Math.Min(limit, ResultWindow),
            ["query"] = SummaryFilter(filter),
            ["sort"] = new JsonArray(
                new JsonObject { ["best_score"] = new JsonObject { ["order"] = "desc", ["missing"] = "_last" } },
                new JsonObject { ["engagement"] = "desc" },
                new JsonObject { ["seq"] = "asc" }),
        };
        return [.. (await SearchSourcesAsync(ElasticsearchIndices.Summaries, body, cancellationToken)).Select(s => SummaryDocument.Read(s).ToItemSummary())];
    }

    public async Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var candidates = new List<StoryCandidate>();
        await foreach (var source in PagedAsync(ElasticsearchIndices.Summaries, SummaryFilter(filter), BySeq, null, cancellationToken))
        {
            candidates.Add(SummaryDocument.Read(source).ToCandidate());
        }

        return candidates;
    }

    public async Task<IReadOnlyList<TitledItem>> GetTitledItemsAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var titled = new List<TitledItem>();
        await foreach (var source in PagedAsync(ElasticsearchIndices.Summaries, SummaryFilter(filter), BySeq, null, cancellationToken))
        {
            var summary = SummaryDocument.Read(source);
            titled.Add(new TitledItem(summary.Id, summary.StationId, summary.Platform, summary.PublishedAt, summary.Engagement, summary.Views, summary.Title));
        }

        return titled;
    }

    /// <remarks>
    /// The keys are grouped here, not by a terms aggregation: one with min_doc_count 2 over every key of a
    /// month would still build a bucket per key inside Elasticsearch, and could not be paged.
    /// </remarks>
    public async Task<IReadOnlyList<SharedLink>> GetSharedLinksAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var carriers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var source in PagedAsync(ElasticsearchIndices.Summaries, SummaryFilter(filter), BySeq, null, cancellationToken))
        {
            var summary = SummaryDocument.Read(source);
            foreach (var link in summary.Links.Distinct(StringComparer.Ordinal))
            {
                if (!carriers.TryGetValue(link, out var ids))
                {
                    carriers[link] = ids = [];
                }

                ids.Add(summary.Id);
            }
        }

        return [.. carriers.Where(c => c.Value.Count > 1).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new SharedLink(c.Key, [.. c.Value.Order(StringComparer.Ordinal)]))];
    }

    public async Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesByIdAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var found = new List<SummaryDocument>();
        foreach (var chunk in itemIds.Distinct(StringComparer.Ordinal).Chunk(MgetChunk))
        {
            found.AddRange((await SourcesAsync(ElasticsearchIndices.Summaries, chunk, cancellationToken)).Select(SummaryDocument.Read));
        }

        return [.. found.OrderBy(s => s.Seq).Select(s => s.ToCandidate())];
    }

    public async Task<IReadOnlyList<StoryCandidate>> GetItemsSharingLinksAsync(IReadOnlyCollection<string> linkKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(linkKeys);
        if (linkKeys.Count == 0)
        {
            return [];
        }

        var found = new Dictionary<string, StoryCandidate>(StringComparer.Ordinal);
        var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in linkKeys.Distinct(StringComparer.Ordinal).Chunk(MgetChunk))
        {
            await foreach (var source in PagedAsync(ElasticsearchIndices.Summaries, Terms("links", chunk), BySeq, null, cancellationToken))
            {
                var summary = SummaryDocument.Read(source);
                found[summary.Id] = summary.ToCandidate();
                seqs[summary.Id] = summary.Seq;
            }
        }

        return [.. found.Values.OrderBy(c => seqs[c.Item.Id])];
    }

    /// <summary>The filter over summaries (and any further clauses): station, platform and the period on <c>at</c>.</summary>
    private static JsonObject SummaryFilter(ContentFilter filter, params JsonObject[] more)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var clauses = new JsonArray();
        if (filter.Stations is { } stations)
        {
            clauses.Add(Terms("station_id", stations));
        }

        if (filter.Platform is { } platform)
        {
            clauses.Add(TermNode("platform", platform.ToWire()));
        }

        if (filter.From is not null || filter.To is not null)
        {
            var range = new JsonObject();
            if (filter.From is { } from)
            {
                range["gte"] = from.ToUnixTimeMilliseconds();
            }

            if (filter.To is { } to)
            {
                range["lt"] = to.ToUnixTimeMilliseconds();
            }

            clauses.Add(new JsonObject { ["range"] = new JsonObject { ["at"] = range } });
        }

        foreach (var clause in more)
        {
            clauses.Add(clause);
        }

        return new JsonObject { ["bool"] = new JsonObject { ["filter"] = clauses } };
    }

    private async Task<JsonDocument> AggregateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{ElasticsearchIndices.Summaries}/_search", body, cancellationToken);
        Require(response, $"aggregating {ElasticsearchIndices.Summaries}");
        return response.Json();
    }

    private static JsonElement.ArrayEnumerator Buckets(JsonElement parent, string name) =>
        parent.GetProperty(name).GetProperty("buckets").EnumerateArray();

    private static Platform PlatformOf(string? wire) =>
        PlatformNames.TryParse(wire, out var platform) ? platform : throw new ElasticsearchException($"A summary has an unknown platform '{wire}'.");
}
