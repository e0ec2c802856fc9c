using System.Threading.Channels;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Summaries an import's batches leave for later. A bulk save records the items it touched in
/// <c>summary_pending</c> instead of rebuilding their summary rows; the next save that is not bulk
/// (the import's last, or any collection) builds them all with <see cref="SqliteItemSummaries"/>,
/// walking the ids in order, so each item's rows are read from neighbouring pages, and, when the
/// import brought a good part of the store, with the readers' indexes built again from one sort.
/// Written batch by batch, each summary row went into thirteen indexes at random places, and its day
/// and hour totals were rewritten by every batch. Until the import ends, reports and the dashboard
/// do not count its items. The rows commit with the batch that stored the data, so an import killed
/// at any moment leaves exactly the summaries still owed.
/// </summary>
internal sealed class SqlitePendingSummaries(SqliteStatements statements, SqliteStoreFile file)
{
    /// <summary>Items built per step: one step's ids, their content flags and their rescoring marks are held in memory at once.</summary>
    private const int Step = 5000;

    /// <summary>
    /// Connections reading the facts, each every other step: the reads take about twice the writes' time, so with
    /// two of them beside the writer the three threads share both cores instead of the writer waiting for one reader.
    /// </summary>
    private const int Readers = 2;

    /// <summary>
    /// Day and hour rows whose sums the build holds before writing them. Steps go in id order, so each falls on most
    /// of the import's hours: written step by step, those rows were upserted once a step (a million upserts for a
    /// 1M-item import); held, once. Bounded for a store of many years (about 40 MB).
    /// </summary>
    private const int MaxDayRowsHeld = 200_000;

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
    /// Builds every owed summary in the caller's transaction and clears the debt, then rescores the ranges
    /// the build marked stale in one ordered pass (<see cref="SqliteStaleScores"/>); returns the items built
    /// or rescored that <paramref name="mayAlert"/> (given their scores at 1 h and 24 h) says an alert can fire on.
    /// The facts each summary is built from are read on other connections, on other threads, ahead of the
    /// writes: two thirds of the build's time were those reads, and the other core sat idle.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> RefreshAsync(Func<double?, double?, bool> mayAlert, CancellationToken cancellationToken)
    {
        var owed = Count("SELECT COUNT(*) FROM summary_pending");
        if (owed == 0)
        {
            return [];
        }

        // Summaries owed for a good part of the store (an import into a new or small one) are written
        // faster with the readers' indexes dropped and built again after, each from one sort, than entry
        // by entry into twelve indexes in an order none of them is sorted by. summary_baseline stays:
        // building scores reads it. The drop and the build commit together with the summaries.
        var rebuild = owed * 4 >= Count("SELECT COUNT(*) FROM item_summary") ? DropReaderIndexes() : [];
        var dayTotals = new SqliteDayTotals(statements);
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var channels = Enumerable.Range(0, Readers)
                .Select(_ => Channel.CreateBounded<FactStep>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true }))
                .ToArray();
            var reading = channels.Select((channel, reader) => Task.Run(() => ReadStepsAsync(channel.Writer, reader, stop.Token), stop.Token)).ToArray();
            try
            {
                // Step k comes from reader k mod Readers; the first reader with no step left has seen the last one.
                for (var k = 0; await channels[k % Readers].Reader.WaitToReadAsync(cancellationToken); k++)
                {
                    var step = await channels[k % Readers].Reader.ReadAsync(cancellationToken);
                    new SqliteItemSummaries(statements, deferRescoring: true).Refresh(step.Facts, step.Content, dayTotals, cancellationToken);
                    if (dayTotals.Rows >= MaxDayRowsHeld)
                    {
                        dayTotals.Write();
                    }
                }

                dayTotals.Write();
            }
            finally
            {
                // On a failure here the readers stop too, and their connections are given back before this save goes on.
                await stop.CancelAsync();
                await Task.WhenAll(reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            // A reader's failure ends its channel with it, so the loop above has already thrown it.
        }

        // Rescored before any dropped index is back: a rescore rewrites most rows' scores, and summary_top is sorted by them.
        var candidates = new HashSet<string>(new SqliteStaleScores(statements).Refresh(mayAlert, cancellationToken), StringComparer.Ordinal);

        // The built items an alert can fire on, read with their final scores while the debt still names them: holding
        // every built id for detection to read one by one had been a million strings and a million reads at 1M items.
        var scored = statements.Raw("""
            SELECT p.item_id, s.score_1h, s.score_24h FROM summary_pending p JOIN item_summary s ON s.item_id = p.item_id
            WHERE s.score_1h IS NOT NULL OR s.score_24h IS NOT NULL
            """);
        while (scored.Read())
        {
            if (mayAlert(scored.GetNullableDouble(1), scored.GetNullableDouble(2)))
            {
                candidates.Add(scored.GetString(0));
            }
        }

        statements.Raw("DELETE FROM summary_pending").Execute();
        if (rebuild.Count > 0)
        {
            // Each index is built from one sort of the whole table; SQLite sorts with helper threads only when asked.
            statements.Raw($"PRAGMA threads = {Math.Clamp(Environment.ProcessorCount, 1, 4)}").Execute();
            foreach (var create in rebuild)
            {
                cancellationToken.ThrowIfCancellationRequested();
                statements.Raw(create).Execute();
            }

            statements.Raw("PRAGMA threads = 0").Execute();
        }

        return candidates;
    }

    /// <summary>One step of the owed items in id order: their ids, the facts of those that are stored, and those that owe link keys.</summary>
    private sealed record FactStep(List<string> Ids, List<SummaryFacts> Facts, HashSet<string> Content);

    /// <summary>
    /// Reads the owed items' facts from the committed store: everything they are built from was committed by
    /// the import's batches before this save began. An item this save also changes is built again from the
    /// save's own view right after (<see cref="SqliteContentStore"/> refreshes what it touched), and its day
    /// totals move from this build's row to that one, so the committed view is never the last word.
    /// </summary>
    private async Task ReadStepsAsync(ChannelWriter<FactStep> steps, int reader, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await file.OpenAsync(cancellationToken, pooled: false);

            // Each item's facts are read once, in id order: a cache the size of the writer's only held the
            // import's peak memory up (by 100 MB a reader) and read no faster.
            await using (var cache = connection.CreateCommand())
            {
                cache.CommandText = "PRAGMA cache_size = -16384;";
                await cache.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var transaction = connection.BeginTransaction(deferred: true);
            await using var reads = new SqliteStatements(connection, transaction);
            var facts = new SqliteSummaryFactReader(reads);
            var after = string.Empty;
            for (var k = 0; ; k++)
            {
                var step = new FactStep(new List<string>(Step), new List<SummaryFacts>(Step), new HashSet<string>(StringComparer.Ordinal));
                var read = reads.Raw($"SELECT item_id, content FROM summary_pending WHERE item_id > $after ORDER BY item_id LIMIT {Step}").Bind("$after", after);
                while (read.Read())
                {
                    var id = read.GetString(0);
                    step.Ids.Add(id);
                    if (read.GetInt64(1) != 0)
                    {
                        step.Content.Add(id);
                    }
                }

                if (step.Ids.Count == 0)
                {
                    break;
                }

                after = step.Ids[^1];
                if (k % Readers != reader)
                {
                    continue; // another reader's step: only its ids were walked, to find where the next one starts
                }

                foreach (var id in step.Ids)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (facts.Read(id) is { } found)
                    {
                        step.Facts.Add(found);
                    }
                }

                await steps.WriteAsync(step, cancellationToken);
            }

            steps.TryComplete();
        }
        catch (Exception exception)
        {
            steps.TryComplete(exception);
        }
    }

    /// <summary>Drops every index of <c>item_summary</c> but its key and <c>summary_baseline</c>; returns the statements that create them again.</summary>
    private List<string> DropReaderIndexes()
    {
        var indexes = new List<(string Name, string Create)>();
        var read = statements.Raw("""
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND tbl_name = 'item_summary' AND sql IS NOT NULL AND name <> 'summary_baseline'
            ORDER BY name
            """);
        while (read.Read())
        {
            indexes.Add((read.GetString(0), read.GetString(1)));
        }

        foreach (var (name, _) in indexes)
        {
            statements.Raw($"DROP INDEX \"{name}\"").Execute();
        }

        return [.. indexes.Select(i => i.Create)];
    }

    private long Count(string sql)
    {
        var read = statements.Raw(sql);
        read.Read();
        var count = read.GetInt64(0);
        read.Start();
        return count;
    }
}
