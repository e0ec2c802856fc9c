using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Reporting;

/// <summary>One story told on several channels: a web article and the posts and videos that share it.</summary>
public sealed record Story(string Id, string Title, IReadOnlyList<ItemSummary> Items, long Interactions, long Views)
{
    public IReadOnlyList<Platform> Platforms => [.. Items.Select(i => i.Platform).Distinct().Order()];
}

/// <summary>
/// Joins items into stories: two items belong together when they share a link key (one's
/// canonical URL, or a link in the title or body of either: <see cref="StoryUrl.KeysOf"/>), or when
/// they come from the same station, their titles' syllable-shingle Jaccard index is at least
/// <see cref="TitleThreshold"/> and they were published within <see cref="Window"/> of each other.
/// Titles only join items of one station: provincial headlines follow the same templates
/// ("Học sinh {tỉnh} giành huy chương vàng…"), so across stations a near-identical title is
/// usually a different event; a shared link still joins across stations. Links are transitive
/// (union-find). A story's reach is the sum of its items' latest engagement and views.
/// Title pairs are found through an inverted index of each title's rarest shingles (prefix
/// filtering: two sets with Jaccard ≥ t share one of their first n − ⌊t·n⌋ + 1 shingles in a
/// common rarity order), so the same pairs are found as by comparing all of them, without doing so.
/// </summary>
public static class StoryLinker
{
    public const double TitleThreshold = 0.6;

    public static TimeSpan Window { get; } = TimeSpan.FromHours(48);

    public static string Formula =>
        $"story = items sharing a canonical URL, or one station's items whose titles have syllable-bigram Jaccard >= {TitleThreshold:0.##} within {Window.TotalHours:0} h; reach = sum of its items' engagement";

    /// <summary>Links whole items, their engagement taken from their latest observation.</summary>
    public static IReadOnlyList<Story> Link(IReadOnlyList<Item> items, ILookup<string, Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(observations);
        return Link([.. items.Select(i =>
        {
            var latest = observations[i.Id].MaxBy(o => o.ObservedAt);
            var summary = new ItemSummary(
                i.Id, i.StationId, i.ChannelId, i.Platform, i.Kind, i.Url, i.Title, i.PublishedAt, i.CollectedAt,
                latest is null ? 0 : Engagement.Interactions(latest), latest?.Views, null, null, null);
            return new StoryCandidate(summary, StoryUrl.KeysOf(i.Url, i.Title, i.Body));
        })]);
    }

    /// <summary>Links items as the store returns them; stories by reach, ties in the order of their first item.</summary>
    public static IReadOnlyList<Story> Link(IReadOnlyList<StoryCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var parent = Enumerable.Range(0, candidates.Count).ToArray();

        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        void Union(int a, int b) => parent[Find(a)] = Find(b);

        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            foreach (var key in candidates[i].LinkKeys)
            {
                if (byKey.TryGetValue(key, out var other))
                {
                    Union(i, other);
                }
                else
                {
                    byKey[key] = i;
                }
            }
        }

        foreach (var (a, b) in TitlePairs(candidates))
        {
            Union(a, b);
        }

        return [.. Enumerable.Range(0, candidates.Count).GroupBy(Find).Select(g => ToStory(g.Select(i => candidates[i].Item)))
            .OrderByDescending(s => s.Interactions).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>A story from its members: the web article first, then by publication, then by id (never store order, so an imported copy of a store names its stories the same).</summary>
    public static Story ToStory(IEnumerable<ItemSummary> items)
    {
        var members = items.OrderBy(i => i.Platform == Platform.Web ? 0 : 1).ThenBy(i => i.PublishedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        return new Story(members[0].Id, members[0].Title, members, members.Sum(m => m.Engagement), members.Sum(m => m.Views ?? 0));
    }

    /// <summary>True when two items are joined by their titles (same station, close in time, similar headlines).</summary>
    public static bool TitlesJoin(ItemSummary a, IReadOnlySet<string> aShingles, ItemSummary b, IReadOnlySet<string> bShingles)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.StationId == b.StationId
            && a.PublishedAt is { } pa && b.PublishedAt is { } pb
            && (pa > pb ? pa - pb : pb - pa) <= Window
            && StoryTitle.Jaccard(aShingles, bShingles) >= TitleThreshold;
    }

    private static IEnumerable<(int A, int B)> TitlePairs(IReadOnlyList<StoryCandidate> candidates)
    {
        // Titles as sorted 64-bit shingle fingerprints, not sets of strings: a month of a cluster
        // stays small in memory (a collision between two shingles of one pair is ~1e-17 likely).
        // In publication order, so each posting list is too: walking one back from its newest entry, the
        // first item older than the window ends the walk (a month of a station holds thousands of titles
        // sharing template words; only the last two days' can pair).
        var dated = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Item.PublishedAt is not null)
            .OrderBy(i => candidates[i].Item.PublishedAt!.Value).ThenBy(i => i).ToList();
        var shingles = new Dictionary<int, ulong[]>();
        var frequency = new Dictionary<ulong, int>();
        foreach (var i in dated)
        {
            shingles[i] = [.. StoryTitle.Shingles(candidates[i].Item.Title).Select(Fingerprint).Distinct().Order()];
            foreach (var shingle in shingles[i])
            {
                frequency[shingle] = frequency.GetValueOrDefault(shingle) + 1;
            }
        }

        var index = new Dictionary<(string Station, ulong Shingle), List<int>>();
        var seen = new HashSet<int>();
        foreach (var i in dated)
        {
            var set = shingles[i];
            if (set.Length == 0)
            {
                continue;
            }

            var prefix = set.OrderBy(s => frequency[s]).ThenBy(s => s)
                .Take(Math.Min(set.Length, set.Length - (int)Math.Floor(TitleThreshold * set.Length) + 1)).ToList();
            var item = candidates[i].Item;
            seen.Clear();
            foreach (var shingle in prefix)
            {
                if (!index.TryGetValue((item.StationId, shingle), out var earlier))
                {
                    index[(item.StationId, shingle)] = earlier = [];
                }

                for (var e = earlier.Count - 1; e >= 0; e--)
                {
                    var j = earlier[e];
                    var other = candidates[j].Item;
                    if (Apart(item.PublishedAt!.Value, other.PublishedAt!.Value) > Window)
                    {
                        break;
                    }

                    if (seen.Add(j) && item.StationId == other.StationId && Jaccard(set, shingles[j]) >= TitleThreshold)
                    {
                        yield return (i, j);
                    }
                }

                earlier.Add(i);
            }
        }
    }

    private static TimeSpan Apart(DateTimeOffset a, DateTimeOffset b) => a > b ? a - b : b - a;

    /// <summary>Jaccard index of two sorted, distinct fingerprint arrays (as <see cref="StoryTitle.Jaccard"/> on the sets).</summary>
    private static double Jaccard(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / (a.Length + b.Length - shared);
    }

    /// <summary>FNV-1a over the shingle's UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private static ulong Fingerprint(string shingle)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in shingle)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}

public sealed record StoryRow(int Rank, string StoryId, string Title, DateTimeOffset? FirstPublished, IReadOnlyList<string> Platforms, IReadOnlyList<string> Stations, int Items, long Interactions, long Views);

public sealed record StoriesReport(string Cluster, IReadOnlyList<StoryRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>A cluster's stories told on more than one channel, by summed reach: linked among the cluster's items of the period only.</summary>
public static class StoriesReportBuilder
{
    public static async Task<StoriesReport> BuildAsync(
        string cluster, IReadOnlyList<Station> stations, IContentQueries queries, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(queries);
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var candidates = await queries.GetStoryCandidatesAsync(new ContentFilter(members, null, from, to), cancellationToken);
        var rows = StoryLinker.Link(candidates)
            .Where(s => s.Items.Count > 1)
            .Take(limit)
            .Select((s, i) => new StoryRow(
                i + 1, s.Id, s.Title, s.Items.Min(x => x.PublishedAt),
                [.. s.Platforms.Select(p => p.ToWire())], [.. s.Items.Select(x => x.StationId).Distinct().Order(StringComparer.Ordinal)],
                s.Items.Count, s.Interactions, s.Views))
            .ToList();
        return new StoriesReport(cluster, rows, [StoryLinker.Formula, Engagement.Formula]);
    }
}
