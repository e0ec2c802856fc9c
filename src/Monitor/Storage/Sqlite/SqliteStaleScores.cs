using Monitor.Domain;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Overperformance left stale by a deferred save (an import's batches) and brought up to date in one
/// ordered pass. A mark in <c>summary_stale</c> says "the scores of this channel and kind may be stale
/// from this position (published, id) on"; the pass walks the channel's items from there in
/// publication order with a sliding window of the last <see cref="Overperformance.BaselineSize"/>
/// values per age, and writes only the scores that changed. An import of items in any order then costs
/// one walk per channel at its end instead of rescoring up to a hundred followers of every item it
/// adds. The marks are rows, so an import killed before its last batch leaves them for the next save.
/// </summary>
internal sealed class SqliteStaleScores(SqliteStatements statements)
{
    private const int Ages = 3;

    /// <summary>Scores of <paramref name="channel"/>/<paramref name="kind"/> at and after (published, item) may be stale.</summary>
    public void Mark(string channel, string kind, string published, string itemId) => statements.Raw("""
            INSERT INTO summary_stale (channel_id, kind, published_at, item_id) VALUES ($channel, $kind, $published, $id)
            ON CONFLICT (channel_id, kind) DO UPDATE SET published_at = excluded.published_at, item_id = excluded.item_id
            WHERE (excluded.published_at, excluded.item_id) < (summary_stale.published_at, summary_stale.item_id)
            """).Bind("$channel", channel).Bind("$kind", kind).Bind("$published", published).Bind("$id", itemId).Execute();

    /// <summary>
    /// Rescores every marked range and removes the marks, in the caller's transaction; returns the items whose scores
    /// changed and that <paramref name="mayAlert"/> (given the new scores at 1 h and 24 h) says an alert can fire on.
    /// An import's last pass rescores most of the store: the ids of all it changed had been held only to be read again.
    /// </summary>
    public IReadOnlyCollection<string> Refresh(Func<double?, double?, bool> mayAlert, CancellationToken cancellationToken)
    {
        var marks = new List<(string Channel, string Kind, string Published, string ItemId)>();
        var read = statements.Raw("SELECT channel_id, kind, published_at, item_id FROM summary_stale");
        while (read.Read())
        {
            marks.Add((read.GetString(0), read.GetString(1), read.GetString(2), read.GetString(3)));
        }

        var rescored = new List<string>();
        foreach (var mark in marks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rescored.AddRange(Rescore(mark.Channel, mark.Kind, mark.Published, mark.ItemId, mayAlert));
        }

        if (marks.Count > 0)
        {
            statements.Raw("DELETE FROM summary_stale").Execute();
        }

        return rescored;
    }

    private sealed record Change(string ItemId, double?[] Scores, double? Best);

    private IEnumerable<string> Rescore(string channel, string kind, string published, string itemId, Func<double?, double?, bool> mayAlert)
    {
        var windows = new Window[Ages];
        for (var a = 0; a < Ages; a++)
        {
            windows[a] = new Window(ReadBaseline(statements, channel, kind, published, itemId, a));
        }

        // Collected first and written after the walk: the walk's cursor never sees its own updates.
        var changes = new List<Change>();
        var walk = statements.Raw("""
            SELECT item_id, value_1h, value_24h, value_7d, score_1h, score_24h, score_7d, best_score FROM item_summary
            WHERE channel_id = $channel AND kind = $kind AND (published_at, item_id) >= ($published, $id)
            ORDER BY published_at, item_id
            """).Bind("$channel", channel).Bind("$kind", kind).Bind("$published", published).Bind("$id", itemId);
        while (walk.Read())
        {
            var scores = new double?[Ages];
            var changed = false;
            for (var a = 0; a < Ages; a++)
            {
                if (walk.GetNullableDouble(1 + a) is { } actual)
                {
                    scores[a] = windows[a].Score(actual);
                    windows[a].Add(actual);
                }

                changed |= scores[a] != walk.GetNullableDouble(4 + a);
            }

            var best = scores[2] ?? scores[1] ?? scores[0];
            if (changed || best != walk.GetNullableDouble(7))
            {
                changes.Add(new Change(walk.GetString(0), scores, best));
            }
        }

        foreach (var change in changes)
        {
            statements.Raw("UPDATE item_summary SET score_1h = $s0, score_24h = $s1, score_7d = $s2, best_score = $best WHERE item_id = $id")
                .Bind("$s0", change.Scores[0])
                .Bind("$s1", change.Scores[1])
                .Bind("$s2", change.Scores[2])
                .Bind("$best", change.Best)
                .Bind("$id", change.ItemId)
                .Execute();
        }

        return changes.Where(c => mayAlert(c.Scores[0], c.Scores[1])).Select(c => c.ItemId);
    }

    /// <summary>
    /// The values at age <paramref name="age"/> (0: 1 h, 1: 24 h, 2: 7 d) of the channel's items of
    /// the kind just before the position, oldest first: an item's overperformance baseline.
    /// </summary>
    internal static Queue<double> ReadBaseline(SqliteStatements statements, string channel, string kind, string published, string itemId, int age)
    {
        var column = age switch { 0 => "value_1h", 1 => "value_24h", _ => "value_7d" };
        var read = statements.Raw($"""
            SELECT {column} FROM item_summary
            WHERE channel_id = $channel AND kind = $kind AND (published_at, item_id) < ($published, $id) AND {column} IS NOT NULL
            ORDER BY published_at DESC, item_id DESC LIMIT {Overperformance.BaselineSize}
            """).Bind("$channel", channel).Bind("$kind", kind).Bind("$published", published).Bind("$id", itemId);
        var newestFirst = new List<double>(Overperformance.BaselineSize);
        while (read.Read())
        {
            newestFirst.Add(read.GetDouble(0));
        }

        newestFirst.Reverse();
        return new Queue<double>(newestFirst);
    }

    /// <summary>
    /// The walk's baseline at one age: the last <see cref="Overperformance.BaselineSize"/> values in arrival
    /// order and the same values kept sorted, so each step moves one value in and one out instead of
    /// sorting a hundred values per item and age (two thirds of the pass). <see cref="Score(double)"/> gives
    /// exactly <see cref="SqliteStaleScores.Score(IReadOnlyCollection{double}, double)"/>: the same sorted values, summed in
    /// the same order as <see cref="Overperformance.TrimmedMean"/>.
    /// </summary>
    internal sealed class Window
    {
        private readonly Queue<double> arrival;
        private readonly List<double> sorted;

        public Window(Queue<double> baseline)
        {
            arrival = baseline;
            sorted = [.. baseline];
            sorted.Sort();
        }

        public void Add(double value)
        {
            arrival.Enqueue(value);
            sorted.Insert(Position(value), value);
            if (arrival.Count > Overperformance.BaselineSize)
            {
                sorted.RemoveAt(Position(arrival.Dequeue()));
            }
        }

        public double? Score(double actual)
        {
            if (sorted.Count < Overperformance.MinimumBaseline)
            {
                return null;
            }

            var cut = (int)Math.Floor(sorted.Count * Overperformance.TrimFraction);
            var sum = 0.0;
            for (var i = cut; i < sorted.Count - cut; i++)
            {
                sum += sorted[i];
            }

            var expected = sum / (sorted.Count - (2 * cut));
            return expected > 0 ? Overperformance.Score(actual, expected) : null;
        }

        // Any index of an equal value will do: equal values are the same number.
        private int Position(double value)
        {
            var at = sorted.BinarySearch(value);
            return at >= 0 ? at : ~at;
        }
    }

    /// <summary>An item's overperformance from its baseline; null while the baseline is too short or zero.</summary>
    internal static double? Score(IReadOnlyCollection<double> baseline, double actual)
    {
        if (baseline.Count < Overperformance.MinimumBaseline)
        {
            return null;
        }

        var expected = Overperformance.TrimmedMean(baseline);
        return expected > 0 ? Overperformance.Score(actual, expected) : null;
    }
}
