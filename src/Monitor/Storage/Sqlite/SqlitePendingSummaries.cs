namespace Monitor.Storage.Sqlite;

/// <summary>
/// Summaries an import's batches leave for later. A bulk save records the items it touched in
/// <c>summary_pending</c> instead of rebuilding their summary rows; the next save that is not bulk
/// (the import's last, or any collection) builds them all with <see cref="SqliteItemSummaries"/>,
/// walking the ids in order, so each item's rows are read from neighbouring pages and each summary
/// row, its index entries and its share of the day totals are written once per import rather than
/// once per batch that touched the item. Until then reports and the dashboard do not count those
/// items yet, as they did not score them before. The rows commit with the batch that stored the
/// data, so an import killed at any moment leaves exactly the summaries still owed.
/// </summary>
internal sealed class SqlitePendingSummaries(SqliteStatements statements)
{
    /// <summary>Items built per step: one step's ids, their content flags and their rescoring marks are held in memory at once.</summary>
    private const int Step = 5000;

    /// <summary>Owes a summary to each of <paramref name="itemIds"/>; <paramref name="contentChanged"/> also owe their link keys.</summary>
    public void Add(IEnumerable<string> itemIds, IReadOnlySet<string> contentChanged)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(contentChanged);
        foreach (var id in itemIds)
        {
            statements.Raw("""
                INSERT INTO summary_pending (item_id, content) VALUES ($id, $content)
                ON CONFLICT (item_id) DO UPDATE SET content = max(content, excluded.content)
                """).Bind("$id", id).Bind("$content", contentChanged.Contains(id) ? 1 : 0).Execute();
        }
    }

    /// <summary>
    /// Builds every owed summary in the caller's transaction and clears the debt; returns the items built.
    /// Their scores are marked stale, for <see cref="SqliteStaleScores"/> to rescore in one ordered pass.
    /// </summary>
    public IReadOnlyList<string> Refresh(CancellationToken cancellationToken)
    {
        var built = new List<string>();
        var after = string.Empty;
        while (true)
        {
            var ids = new List<string>(Step);
            var content = new HashSet<string>(StringComparer.Ordinal);
            var read = statements.Raw($"SELECT item_id, content FROM summary_pending WHERE item_id > $after ORDER BY item_id LIMIT {Step}").Bind("$after", after);
            while (read.Read())
            {
                var id = read.GetString(0);
                ids.Add(id);
                if (read.GetInt64(1) != 0)
                {
                    content.Add(id);
                }
            }

            if (ids.Count == 0)
            {
                break;
            }

            new SqliteItemSummaries(statements, deferRescoring: true).Refresh(ids, content, cancellationToken);
            built.AddRange(ids);
            after = ids[^1];
        }

        if (built.Count > 0)
        {
            statements.Raw("DELETE FROM summary_pending").Execute();
        }

        return built;
    }
}
