using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Reporting;

public sealed record StoryRow(int Rank, string StoryId, string Title, DateTimeOffset? FirstPublished, IReadOnlyList<string> Platforms, IReadOnlyList<string> Stations, int Items, long Interactions, long Views);

public sealed record StoriesReport(string Cluster, IReadOnlyList<StoryRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>
/// A cluster's stories told on more than one channel, by summed reach: linked among the cluster's
/// items of the period only, as <see cref="StoryLinker.Link(IReadOnlyList{StoryCandidate})"/> links them.
/// The period is read one UTC day at a time and each item kept only as what linking and ranking
/// need (id, platform, publication, reach, title fingerprints; link keys folded into the sets as
/// they come), so memory follows the items of the period, not their rows; the listed stories'
/// items are read again whole at the end.
/// </summary>
public static class StoriesReportBuilder
{
    /// <summary>Item ids asked for at once when the listed stories are read back.</summary>
    private const int IdsPerQuery = 500;

    public static async Task<StoriesReport> BuildAsync(
        string cluster, IReadOnlyList<Station> stations, IContentQueries queries, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(queries);
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var items = new List<Member>();
        var sets = new StorySets();
        var byKey = new Dictionary<ulong, int>();
        var titles = new List<TitleEntry>();
        var stationNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (start, end) in Days(from, to))
        {
            foreach (var candidate in await queries.GetStoryCandidatesAsync(new ContentFilter(members, null, start, end), cancellationToken))
            {
                var n = sets.Add();
                var item = candidate.Item;
                items.Add(new Member(item.Id, item.Platform, item.PublishedAt, item.Engagement));

                // Keys as fingerprints: two distinct link keys of one month collide ~1e-10 of the time.
                foreach (var key in candidate.LinkKeys)
                {
                    if (!byKey.TryAdd(StoryTitle.Fingerprint(key), n))
                    {
                        sets.Union(n, byKey[StoryTitle.Fingerprint(key)]);
                    }
                }

                if (StoryLinker.Titled(item, n, stationNumbers) is { } title)
                {
                    titles.Add(title);
                }
            }
        }

        foreach (var (a, b) in StoryLinker.TitlePairs(titles))
        {
            sets.Union(a, b);
        }

        var stories = new Dictionary<int, (int Count, long Interactions, int Lead)>();
        for (var i = 0; i < items.Count; i++)
        {
            var root = sets.Find(i);
            stories[root] = stories.TryGetValue(root, out var s)
                ? (s.Count + 1, s.Interactions + items[i].Engagement, Leads(items[i], items[s.Lead]) ? i : s.Lead)
                : (1, items[i].Engagement, i);
        }

        var listed = stories.Where(s => s.Value.Count > 1)
            .OrderByDescending(s => s.Value.Interactions).ThenBy(s => items[s.Value.Lead].Id, StringComparer.Ordinal)
            .Take(limit).Select(s => s.Key).ToList();
        var wanted = listed.ToHashSet();
        var ids = Enumerable.Range(0, items.Count).Where(i => wanted.Contains(sets.Find(i))).ToList();
        var read = new Dictionary<string, ItemSummary>(StringComparer.Ordinal);
        foreach (var chunk in ids.Select(i => items[i].Id).Chunk(IdsPerQuery))
        {
            foreach (var candidate in await queries.GetStoryCandidatesByIdAsync(chunk, cancellationToken))
            {
                read[candidate.Item.Id] = candidate.Item;
            }
        }

        var byStory = ids.ToLookup(sets.Find);
        var rows = listed
            .Select(root => StoryLinker.ToStory(byStory[root].Select(i => read[items[i].Id])))
            .Select((s, i) => new StoryRow(
                i + 1, s.Id, s.Title, s.Items.Min(x => x.PublishedAt),
                [.. s.Platforms.Select(p => p.ToWire())], [.. s.Items.Select(x => x.StationId).Distinct().Order(StringComparer.Ordinal)],
                s.Items.Count, s.Interactions, s.Views))
            .ToList();
        return new StoriesReport(cluster, rows, [StoryLinker.Formula, Engagement.Formula]);
    }

    /// <summary>The period cut at UTC midnights (one piece when it is open at either end).</summary>
    private static IEnumerable<(DateTimeOffset? From, DateTimeOffset? To)> Days(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is not { } start || to is not { } end)
        {
            yield return (from, to);
            yield break;
        }

        while (start < end)
        {
            var next = new DateTimeOffset(start.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            yield return (start, next < end ? next : end);
            start = next;
        }
    }

    /// <summary>True when <paramref name="a"/> comes before <paramref name="b"/> in <see cref="StoryLinker.ToStory"/>'s order (web first, then by publication, then by id).</summary>
    private static bool Leads(Member a, Member b)
    {
        var web = (a.Platform == Platform.Web ? 0 : 1).CompareTo(b.Platform == Platform.Web ? 0 : 1);
        if (web != 0)
        {
            return web < 0;
        }

        var published = Comparer<DateTimeOffset?>.Default.Compare(a.PublishedAt, b.PublishedAt);
        return published != 0 ? published < 0 : string.CompareOrdinal(a.Id, b.Id) < 0;
    }

    /// <summary>What linking and ranking keep of one item of the period.</summary>
    private readonly record struct Member(string Id, Platform Platform, DateTimeOffset? PublishedAt, long Engagement);
}
