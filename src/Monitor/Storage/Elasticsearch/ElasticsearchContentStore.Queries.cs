using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The query and transfer contracts on Elasticsearch, through the official client: filtered
/// searches paged with <c>search_after</c> on the documents' own <c>id</c>. The report and
/// dashboard queries are over the per-item summaries (ElasticsearchContentStore.Reports.cs).
/// </summary>
internal sealed partial class ElasticsearchContentStore
{
    private ElasticsearchClient? queryClient;

    private ElasticsearchClient QueryClient => queryClient ??= ElasticsearchClientFactory.Create(options);

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
