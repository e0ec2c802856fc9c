using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Domain;
using Monitor.Triage;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Search on the <c>.folded</c> sub-fields (lowercase + asciifolding, which folds đ too): each query
/// word, folded the same way, must match the title or the body (items) or the text (comments);
/// newest first with <c>from</c>/<c>size</c> pages inside the result window; snippets cut from the
/// stored text by the same code as the SQLite store's.
/// </summary>
internal sealed partial class ElasticsearchContentStore : ISearchQueries
{
    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = Snippets.Words(query.Text);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(1, query.Page);
        if (words.Count == 0)
        {
            return new SearchPage([], 0, 0, page, size);
        }

        var itemQuery = ItemSearchQuery(words, query);
        var commentQuery = CommentSearchQuery(words, query);
        var (index, target, other, otherIndex) = query.Target == SearchTarget.Items
            ? (ElasticsearchIndices.Items, itemQuery, commentQuery, ElasticsearchIndices.Comments)
            : (ElasticsearchIndices.Comments, commentQuery, itemQuery, ElasticsearchIndices.Items);

        var offset = (page - 1) * (long)size;
        var body = new JsonObject
        {
            ["from"] = (int)Math.Min(offset, SearchQuery.MaxResults),
            ["size"] = (int)Math.Max(0, Math.Min(size, SearchQuery.MaxResults - offset)),
            ["track_total_hits"] = SearchQuery.CountLimit,
            ["query"] = target,
            ["sort"] = new JsonArray(
                new JsonObject { ["published_at"] = new JsonObject { ["order"] = "desc", ["missing"] = "_last" } },
                new JsonObject { ["id"] = new JsonObject { ["order"] = "desc" } }),
        };
        var response = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{index}/_search", body, cancellationToken);
        Require(response, $"searching {index}");
        long total;
        // hits.total stops at track_total_hits ("gte" beyond): the same cap as the SQLite store's count.
        var sources = new List<JsonElement>();
        using (var document = response.Json())
        {
            var hits = document.RootElement.GetProperty("hits");
            total = hits.GetProperty("total").GetProperty("value").GetInt64();
            sources.AddRange(hits.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_source").Clone()));
        }

        var count = await requests.RawAsync(Elastic.Transport.HttpMethod.POST, $"/{otherIndex}/_count", new JsonObject { ["query"] = other }, cancellationToken);
        Require(count, $"counting {otherIndex}");
        long otherTotal;
        using (var document = count.Json())
        {
            otherTotal = Math.Min(document.RootElement.GetProperty("count").GetInt64(), SearchQuery.CountLimit);
        }

        List<SearchHit> results;
        if (query.Target == SearchTarget.Items)
        {
            results = [.. sources.Select(ContentDocumentReader.ReadItem).Select(item => new SearchHit(
                SearchTarget.Items, item.Id, item.Id, item.StationId, item.Platform, item.Url, item.Title, item.Author, item.PublishedAt,
                Snippets.Mark(item.Title, words), Snippets.Excerpt(item.Body, words)))];
        }
        else
        {
            var comments = sources.Select(ContentDocumentReader.ReadComment).ToList();
            var items = (await SourcesAsync(ElasticsearchIndices.Items, [.. comments.Select(c => c.ItemId).Distinct(StringComparer.Ordinal)], cancellationToken))
                .Select(ContentDocumentReader.ReadItem).ToDictionary(i => i.Id, StringComparer.Ordinal);
            results = [.. comments.Select(comment =>
            {
                var item = items.GetValueOrDefault(comment.ItemId);
                return new SearchHit(
                    SearchTarget.Comments, comment.Id, comment.ItemId, item?.StationId, comment.Platform, item?.Url, item?.Title, comment.Author, comment.PublishedAt,
                    Snippets.Mark(item?.Title, words), Snippets.Excerpt(comment.Text, words));
            })];
        }

        return query.Target == SearchTarget.Items
            ? new SearchPage(results, total, otherTotal, page, size)
            : new SearchPage(results, otherTotal, total, page, size);
    }

    /// <summary>Every word in the title or the body; the item filters of <see cref="ItemFilter"/> (period on publication, else collection time).</summary>
    private static JsonObject ItemSearchQuery(IReadOnlyList<string> words, SearchQuery query)
    {
        var must = new JsonArray([.. words.Select(w => (JsonNode)new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["should"] = new JsonArray(Match("title.folded", w), Match("body.folded", w)),
                ["minimum_should_match"] = 1,
            },
        })]);
        var filter = CommonSearchFilters(query);
        if (query.From is not null || query.To is not null)
        {
            filter.Add(new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(
                        Range("published_at", query),
                        new JsonObject
                        {
                            ["bool"] = new JsonObject
                            {
                                ["must_not"] = new JsonArray(new JsonObject { ["exists"] = new JsonObject { ["field"] = "published_at" } }),
                                ["filter"] = new JsonArray(Range("collected_at", query)),
                            },
                        }),
                    ["minimum_should_match"] = 1,
                },
            });
        }

        return new JsonObject { ["bool"] = new JsonObject { ["must"] = must, ["filter"] = filter } };
    }

    /// <summary>Every word in the comment's text; a comment without a publication time is outside any period.</summary>
    private static JsonObject CommentSearchQuery(IReadOnlyList<string> words, SearchQuery query)
    {
        var filter = CommonSearchFilters(query);
        if (query.From is not null || query.To is not null)
        {
            filter.Add(Range("published_at", query));
        }

        return new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray([.. words.Select(w => (JsonNode)Match("text.folded", w))]),
                ["filter"] = filter,
            },
        };
    }

    private static JsonArray CommonSearchFilters(SearchQuery query)
    {
        var filter = new JsonArray();
        if (query.Stations is { } stations)
        {
            filter.Add(new JsonObject { ["terms"] = new JsonObject { ["station_id"] = new JsonArray([.. stations.Select(s => (JsonNode)JsonValue.Create(s))]) } });
        }

        if (query.Platform is { } platform)
        {
            filter.Add(new JsonObject { ["term"] = new JsonObject { ["platform"] = platform.ToWire() } });
        }

        return filter;
    }

    private static JsonObject Match(string field, string word) =>
        new() { ["match"] = new JsonObject { [field] = new JsonObject { ["query"] = word } } };

    private static JsonObject Range(string field, SearchQuery query)
    {
        var range = new JsonObject();
        if (query.From is { } from)
        {
            range["gte"] = FlagSnapshots.Time(from);
        }

        if (query.To is { } to)
        {
            range["lt"] = FlagSnapshots.Time(to);
        }

        return new JsonObject { ["range"] = new JsonObject { [field] = range } };
    }
}
