using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The query and transfer contracts on Elasticsearch, through the official client: filtered
/// searches paged with <c>search_after</c> on the documents' own <c>id</c>. The report queries
/// need a per-item summary kept at save time, which this store does not write yet: station totals
/// are a stopgap computed from the filter's rows; top items and stories say so plainly.
/// </summary>
internal sealed partial class ElasticsearchContentStore
{
    private const string NotYet = "Reports are not yet answered by the Elasticsearch store (it keeps no per-item summary yet); run them on the SQLite store.";

    private ElasticsearchClient? queryClient;

    private ElasticsearchClient QueryClient => queryClient ??= ElasticsearchClientFactory.Create(options);

    /// <summary>
    /// A stopgap until this store keeps a per-item summary at save time: the filter's items and
    /// their observations are read page by page, but scored in memory (as every report was before
    /// issue 10), so the cost follows the filter's size. Enough for the demo and small setups.
    /// </summary>
    public async Task<IReadOnlyList<StationTotals>> GetStationTotalsAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var items = new List<Item>();
        string? after = null;
        while (await ReadItemPageAsync(filter, after, PageSize, cancellationToken) is { Count: > 0 } page)
        {
            items.AddRange(page);
            after = page[^1].Id;
        }

        var observations = (await ReadObservationsOfAsync([.. items.Select(i => i.Id)], cancellationToken)).ToLookup(o => o.ItemId, StringComparer.Ordinal);
        var best = Overperformance.Compute(items, observations).GroupBy(s => s.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Age)!.Score, StringComparer.Ordinal);
        return [.. items.GroupBy(i => i.StationId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.Select(i => observations[i.Id].MaxBy(o => o.ObservedAt)).OfType<Observation>().ToList();
            var scores = g.Where(i => best.ContainsKey(i.Id)).Select(i => best[i.Id]).ToList();
            return new StationTotals(
                g.Key, g.Count(), latest.Sum(Engagement.Interactions), latest.Sum(o => o.Views ?? 0),
                g.GroupBy(i => i.Platform.ToWire(), StringComparer.Ordinal).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Count(), StringComparer.Ordinal),
                [.. g.Select(i => i.ChannelId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Overperformance.MedianScore(scores), scores.Count);
        })];
    }

    public Task<IReadOnlyList<ItemSummary>> GetTopItemsAsync(ContentFilter filter, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesAsync(ContentFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesByIdAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoryCandidate>> GetItemsSharingLinksAsync(IReadOnlyCollection<string> linkKeys, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<DailyTotals>> GetDailyTotalsAsync(ContentFilter filter, TimeSpan utcOffset, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<ItemSummary>> GetLatestItemsAsync(ContentFilter filter, ItemCursor? after, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<CommentMood> GetCommentMoodAsync(ContentFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<ChannelActivity>> GetChannelActivityAsync(ContentFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<Assessment>> GetAssessmentsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoredFlag>> GetFlagsOfItemAsync(string itemId, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public async Task<Item?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        (await SearchAsync(ElasticsearchIndices.Items, Term("id", itemId), 1, null, ContentDocumentReader.ReadItem, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<Observation>> GetObservationsAsync(string itemId, CancellationToken cancellationToken = default) =>
        [.. (await ReadOfItemsAsync(ElasticsearchIndices.Observations, [itemId], ContentDocumentReader.ReadObservation, cancellationToken)).OrderBy(o => o.ObservedAt)];

    public Task<IReadOnlyList<Comment>> GetCommentsAsync(string itemId, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        SearchAsync(ElasticsearchIndices.Comments, Term("item_id", itemId), limit, afterId, ContentDocumentReader.ReadComment, cancellationToken);

    public Task<IReadOnlyList<Item>> ReadItemPageAsync(ContentFilter filter, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        SearchAsync(ElasticsearchIndices.Items, ItemFilter(filter), limit, afterId, ContentDocumentReader.ReadItem, cancellationToken);

    public async Task<IReadOnlyList<Observation>> ReadObservationsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        [.. (await ReadOfItemsAsync(ElasticsearchIndices.Observations, itemIds, ContentDocumentReader.ReadObservation, cancellationToken))
            .OrderBy(o => o.ItemId, StringComparer.Ordinal).ThenBy(o => o.ObservedAt)];

    public async Task<IReadOnlyList<Comment>> ReadCommentsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        [.. (await ReadOfItemsAsync(ElasticsearchIndices.Comments, itemIds, ContentDocumentReader.ReadComment, cancellationToken))
            .OrderBy(c => c.ItemId, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>The filter over item documents; the period is on the publish time, or the collection time when there is none.</summary>
    private static Query ItemFilter(ContentFilter filter)
    {
        var clauses = new List<Query>();
        if (filter.Stations is { } stations)
        {
            clauses.Add(new TermsQuery { Field = "station_id", Terms = new TermsQueryField([.. stations.Select(FieldValue.String)]) });
        }

        if (filter.Platform is { } platform)
        {
            clauses.Add(Term("platform", platform.ToWire()));
        }

        if (filter.From is not null || filter.To is not null)
        {
            clauses.Add(new BoolQuery
            {
                Should =
                [
                    Period("published_at", filter),
                    new BoolQuery { MustNot = [new ExistsQuery { Field = "published_at" }], Filter = [Period("collected_at", filter)] },
                ],
                MinimumShouldMatch = 1,
            });
        }

        return new BoolQuery { Filter = clauses };
    }

    private static DateRangeQuery Period(string field, ContentFilter filter) => new(field)
    {
        Gte = filter.From is { } from ? DateMath.Anchored(from.UtcDateTime) : null,
        Lt = filter.To is { } to ? DateMath.Anchored(to.UtcDateTime) : null,
    };

    private static TermQuery Term(string field, string value) => new() { Field = field, Value = value };

    /// <summary>Every document of these items, a page of ids at a time and each page read to its end with search_after.</summary>
    private async Task<List<T>> ReadOfItemsAsync<T>(string index, IReadOnlyCollection<string> itemIds, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        foreach (var chunk in itemIds.Chunk(MgetChunk))
        {
            var query = new TermsQuery { Field = "item_id", Terms = new TermsQueryField([.. chunk.Select(FieldValue.String)]) };
            string? after = null;
            while (true)
            {
                var page = await SearchPageAsync(index, query, PageSize, after, cancellationToken);
                all.AddRange(page.Select(p => read(p.Source)));
                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        return all;
    }

    private async Task<IReadOnlyList<T>> SearchAsync<T>(string index, Query query, int size, string? afterId, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
        [.. (await SearchPageAsync(index, query, size, afterId, cancellationToken)).Select(p => read(p.Source))];

    private async Task<List<(string Id, JsonElement Source)>> SearchPageAsync(string index, Query query, int size, string? afterId, CancellationToken cancellationToken)
    {
        var request = new SearchRequest(index)
        {
            Size = size,
            Query = query,
            Sort = [new SortOptions { Field = new FieldSort { Field = "id", Order = SortOrder.Asc } }],
            SearchAfter = afterId is null ? null : [FieldValue.String(afterId)],
        };
        var response = await QueryClient.SearchAsync<JsonObject>(request, cancellationToken);
        if (!response.IsValidResponse)
        {
            var status = response.ApiCallDetails.HttpStatusCode ?? 0;
            throw new ElasticsearchException(
                $"Elasticsearch failed searching {index}: {status} {response.ElasticsearchServerError?.Error?.Reason ?? response.ApiCallDetails.OriginalException?.Message}",
                status,
                isTransient: status is 0 or 429 or >= 500);
        }

        return [.. response.Hits.Where(h => h.Source is not null).Select(h =>
        {
            var source = JsonSerializer.SerializeToElement(h.Source);
            return (source.GetProperty("id").GetString()!, source);
        })];
    }
}
