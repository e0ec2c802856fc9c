using Monitor.Domain;
using Monitor.Language;
using Monitor.Pipeline;

namespace Monitor.Enrichment;

/// <summary>
/// Raises one <see cref="Flag"/> per watch-list that an item or comment hits, with the matched
/// terms, topics and the highest severity as evidence. All terms of all lists are matched in a
/// single pass per text (<see cref="TermMatcher"/>), diacritic-insensitively on word boundaries.
/// </summary>
internal sealed class WatchlistEnricher : IContentEnricher
{
    private readonly IReadOnlyList<(Watchlist List, WatchTerm Term)> terms;
    private readonly TermMatcher matcher;
    private readonly TimeProvider clock;

    public WatchlistEnricher(IReadOnlyList<Watchlist> watchlists, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(watchlists);
        terms = [.. watchlists.SelectMany(list => list.Terms.Select(term => (list, term)))];
        matcher = new TermMatcher([.. terms.Select(t => t.Term.Term)]);
        this.clock = clock;
    }

    public ContentBatch Enrich(ContentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (terms.Count == 0)
        {
            return batch;
        }

        var flags = new List<Flag>(batch.Flags);
        var now = clock.GetUtcNow();
        foreach (var item in batch.Items)
        {
            var text = string.IsNullOrEmpty(item.Body) ? item.Title : string.Concat(item.Title, "\n", item.Body);
            AddFlags(item.Id, TargetKind.Item, text, flags, now);
        }

        foreach (var comment in batch.Comments)
        {
            AddFlags(comment.Id, TargetKind.Comment, comment.Text, flags, now);
        }

        return batch with { Flags = flags };
    }

    private void AddFlags(string id, TargetKind kind, string text, List<Flag> flags, DateTimeOffset now)
    {
        var matches = matcher.Matches(text);
        if (matches.Count == 0)
        {
            return;
        }

        foreach (var group in matches.Select(m => terms[m.Term]).GroupBy(t => t.List.Name, StringComparer.Ordinal))
        {
            var hit = group.Select(t => t.Term).Distinct().ToList();
            var severity = hit.Max(t => t.Severity);
            var topics = hit.Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToList();
            var evidence = hit.Select(t => $"{t.Term} ({t.Severity.ToString().ToLowerInvariant()}, {t.Topic})").ToList();
            var reason = $"watch-list {group.Key}: {string.Join(", ", hit.Select(t => t.Term))} [{string.Join(", ", topics)}]";
            flags.Add(new Flag(id, kind, $"watchlist:{group.Key}", severity.ToString().ToLowerInvariant(), reason, null, evidence, now));
        }
    }
}
