using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Sqlite;

/// <summary>Whole-content reads for export, a page at a time (keyset on the item id).</summary>
internal sealed partial class SqliteContentStore
{
    public Task<IReadOnlyList<Item>> ReadItemPageAsync(ContentFilter filter, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<Item>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {ItemColumns} FROM items JOIN item_summary s ON s.item_id = items.id
                WHERE {Where(command, filter)} AND items.id > $after ORDER BY items.id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$after", afterId ?? string.Empty);
            command.Parameters.AddWithValue("$limit", limit);
            return await ReadAllAsync(command, r => ReadItem(r), cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<Observation>> ReadObservationsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        ReadOfItemsAsync(itemIds, $"SELECT {ObservationColumns} FROM observations WHERE item_id IN ({{0}}) ORDER BY item_id, observed_at", r => ReadObservation(r), cancellationToken);

    public Task<IReadOnlyList<Comment>> ReadCommentsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        ReadOfItemsAsync(itemIds, $"SELECT {CommentColumns} FROM comments WHERE item_id IN ({{0}}) ORDER BY item_id, id", r => ReadComment(r), cancellationToken);

    private Task<IReadOnlyList<T>> ReadOfItemsAsync<T>(IReadOnlyCollection<string> itemIds, string sql, Func<Microsoft.Data.Sqlite.SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<T>>([]);
        }

        return QueryStoreAsync<IReadOnlyList<T>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, InList(command, "$i", itemIds));
            return await ReadAllAsync(command, read, cancellationToken);
        }, cancellationToken);
    }
}
