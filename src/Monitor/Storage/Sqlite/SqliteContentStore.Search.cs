using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Triage;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Search on the folded FTS5 tables (<c>items_fts</c> over titles and bodies, <c>comments_fts</c>
/// over comment texts): the words are folded the way the indexed text was, every word must match,
/// hits come newest first and the snippets are cut from the stored original text.
/// </summary>
internal sealed partial class SqliteContentStore : ISearchQueries
{
    /// <summary>From this many matches a walk newest first meets one every few rows whatever their dates (a fifth of a 1M-item store).</summary>
    private const int WalkMatches = 200_000;

    /// <summary>How a search reads its page: <see cref="None"/> sorts all the matches; the others walk the publication index.</summary>
    private enum Walk
    {
        None,
        Listed,
        Matching,
    }

    public Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = Snippets.Words(query.Text);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(1, query.Page);
        var match = SearchFolding.ToMatchExpression(query.Text);
        if (match is null)
        {
            return Task.FromResult(new SearchPage([], 0, 0, page, size));
        }

        return QueryStoreAsync(async connection =>
        {
            var itemTotal = await CountAsync(connection, ItemSearchSql("1", query), match, query, SearchQuery.CountLimit, cancellationToken);
            var commentTotal = await CountAsync(connection, CommentSearchSql("1", query), match, query, SearchQuery.CountLimit, cancellationToken);
            var offset = (long)(page - 1) * size;
            if (offset >= SearchQuery.MaxResults)
            {
                return new SearchPage([], itemTotal, commentTotal, page, size);
            }

            // Few matches: read them all from the index and sort. Very many (a common word): walk the target
            // newest first on its publication index and keep the rows the index matches, which stops after a
            // page instead of sorting a third of the store. In between, the walk can pass thousands of rows
            // per hit when the matches are old or one station's (`thai nguyen` on a 1M-item store: 350 ms for
            // a page), so the matches' rowids are listed once and the walk only looks them up (~30 ms).
            // SQLite puts undated rows last in DESC.
            var matches = await CountAsync(connection, query.Target == SearchTarget.Items ? "SELECT 1 FROM items_fts WHERE items_fts MATCH $match" : "SELECT 1 FROM comments_fts WHERE comments_fts MATCH $match", match, query with { Stations = null }, WalkMatches, cancellationToken);
            var walk = matches >= WalkMatches ? Walk.Matching : matches >= SearchQuery.MaxResults ? Walk.Listed : Walk.None;
            await using var command = connection.CreateCommand();
            Func<SqliteDataReader, SearchHit> read;
            if (query.Target == SearchTarget.Items)
            {
                const string ItemHitColumns = "items.id, items.station_id, items.platform, items.url, items.title, items.author, items.published_at, items.body";
                command.CommandText = (walk == Walk.None ? ItemSearchSql(ItemHitColumns, query) : DenseItemSearchSql(ItemHitColumns, query, walk))
                    + " ORDER BY items.published_at DESC, items.id DESC LIMIT $limit OFFSET $offset";
                read = r => new SearchHit(
                    SearchTarget.Items, r.GetString(0), r.GetString(0), r.GetString(1), ReadPlatform(r.GetString(2)), r.GetString(3), r.GetString(4),
                    NullableString(r, 5), SqliteTime.ReadNullable(r.GetValue(6)), Snippets.Mark(r.GetString(4), words), Snippets.Excerpt(NullableString(r, 7), words));
            }
            else
            {
                const string CommentHitColumns = "c.id, c.item_id, i.station_id, c.platform, i.url, i.title, c.author, c.published_at, c.text";
                command.CommandText = (walk == Walk.None ? CommentSearchSql(CommentHitColumns, query) : DenseCommentSearchSql(CommentHitColumns, query, walk))
                    + " ORDER BY c.published_at DESC, c.id DESC LIMIT $limit OFFSET $offset";
                read = r => new SearchHit(
                    SearchTarget.Comments, r.GetString(0), r.GetString(1), NullableString(r, 2), ReadPlatform(r.GetString(3)), NullableString(r, 4), NullableString(r, 5),
                    NullableString(r, 6), SqliteTime.ReadNullable(r.GetValue(7)), Snippets.Mark(NullableString(r, 5), words), Snippets.Excerpt(r.GetString(8), words));
            }

            AddSearchParameters(command, match, query);
            command.Parameters.AddWithValue("$limit", Math.Min(size, SearchQuery.MaxResults - offset));
            command.Parameters.AddWithValue("$offset", offset);
            return new SearchPage(await ReadAllAsync(command, read, cancellationToken), itemTotal, commentTotal, page, size);
        }, cancellationToken);
    }

    private static string ItemSearchSql(string columns, SearchQuery query) =>
        ItemFilterSql($"SELECT {columns} FROM items_fts f JOIN items ON items.rowid = f.rowid WHERE items_fts MATCH $match", query);

    private static string DenseItemSearchSql(string columns, SearchQuery query, Walk walk) =>
        ItemFilterSql($"SELECT {columns} FROM items INDEXED BY items_by_published WHERE {WalkSql("items_fts", "items.rowid", walk)}", query);

    private static string CommentSearchSql(string columns, SearchQuery query) =>
        CommentFilterSql($"SELECT {columns} FROM comments_fts f JOIN comments c ON c.rowid = f.rowid LEFT JOIN items i ON i.id = c.item_id WHERE comments_fts MATCH $match", query);

    private static string DenseCommentSearchSql(string columns, SearchQuery query, Walk walk) =>
        CommentFilterSql($"SELECT {columns} FROM comments c INDEXED BY comments_by_published LEFT JOIN items i ON i.id = c.item_id WHERE {WalkSql("comments_fts", "c.rowid", walk)}", query);

    /// <summary>How a walk on the publication index keeps the rows that match: one index look-up per row, or membership in the matches listed once.</summary>
    private static string WalkSql(string table, string rowid, Walk walk) => walk == Walk.Listed
        ? $"{rowid} IN (SELECT f.rowid FROM {table} f WHERE {table} MATCH $match)"
        : $"EXISTS (SELECT 1 FROM {table} f WHERE {table} MATCH $match AND f.rowid = {rowid})";

    private static string ItemFilterSql(string select, SearchQuery query)
    {
        var sql = new StringBuilder(select);
        if (query.Stations is { } stations)
        {
            sql.Append(stations.Count == 0 ? " AND 0 = 1" : $" AND items.station_id IN ({string.Join(", ", stations.Select((_, i) => $"$st{i}"))})");
        }

        sql.Append(query.Platform is null ? string.Empty : " AND items.platform = $platform");
        sql.Append(query.From is null ? string.Empty : " AND COALESCE(items.published_at, items.collected_at) >= $from");
        sql.Append(query.To is null ? string.Empty : " AND COALESCE(items.published_at, items.collected_at) < $to");
        return sql.ToString();
    }

    private static string CommentFilterSql(string select, SearchQuery query)
    {
        var sql = new StringBuilder(select);
        if (query.Stations is { } stations)
        {
            sql.Append(stations.Count == 0 ? " AND 0 = 1" : $" AND i.station_id IN ({string.Join(", ", stations.Select((_, i) => $"$st{i}"))})");
        }

        sql.Append(query.Platform is null ? string.Empty : " AND c.platform = $platform");
        sql.Append(query.From is null ? string.Empty : " AND c.published_at >= $from");
        sql.Append(query.To is null ? string.Empty : " AND c.published_at < $to");
        return sql.ToString();
    }

    private static void AddSearchParameters(SqliteCommand command, string match, SearchQuery query)
    {
        command.Parameters.AddWithValue("$match", match);
        var n = 0;
        foreach (var station in query.Stations ?? [])
        {
            command.Parameters.AddWithValue($"$st{n++}", station);
        }

        if (query.Platform is { } platform)
        {
            command.Parameters.AddWithValue("$platform", platform.ToWire());
        }

        if (query.From is { } from)
        {
            command.Parameters.AddWithValue("$from", SqliteTime.Write(from));
        }

        if (query.To is { } to)
        {
            command.Parameters.AddWithValue("$to", SqliteTime.Write(to));
        }
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql, string match, SearchQuery query, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM ({sql} LIMIT {limit})");
        AddSearchParameters(command, match, query);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
