using System.Runtime.InteropServices;
using Monitor.Domain;
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
/// filtering: two sets with Jaccard ≥ t share one of their first n − ⌈t·n⌉ + 1 shingles in a
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
        var sets = new StorySets();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var titles = new List<TitleEntry>();
        var stations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            sets.Add();
            foreach (var key in candidates[i].LinkKeys)
            {
                if (!byKey.TryAdd(key, i))
                {
                    sets.Union(i, byKey[key]);
                }
            }

            if (Titled(candidates[i].Item, i, stations) is { } entry)
            {
                titles.Add(entry);
            }
        }

        foreach (var (a, b) in TitlePairs(titles))
        {
            sets.Union(a, b);
        }

        return [.. Enumerable.Range(0, candidates.Count).GroupBy(sets.Find).Select(g => ToStory(g.Select(i => candidates[i].Item)))
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

    /// <summary>The item's title as <see cref="TitlePairs"/> compares it (item number <paramref name="index"/>); null when undated.</summary>
    internal static TitleEntry? Titled(ItemSummary item, int index, Dictionary<string, int> stations)
    {
        if (item.PublishedAt is not { } published)
        {
            return null;
        }

        if (!stations.TryGetValue(item.StationId, out var station))
        {
            stations[item.StationId] = station = stations.Count;
        }

        return new TitleEntry(index, station, published, StoryTitle.Fingerprints(item.Title));
    }

    /// <summary>Every pair of items (by number) that <see cref="TitlesJoin"/> joins, each at least once.</summary>
    internal static IEnumerable<(int A, int B)> TitlePairs(List<TitleEntry> titles)
    {
        // Titles as sorted 64-bit shingle fingerprints, not sets of strings: a month of a cluster
        // stays small in memory (a collision between two shingles of one pair is ~1e-17 likely).
        // In publication order, so each posting list is too: walking one back from its newest entry, the
        // first item older than the window ends the walk (a month of a station holds thousands of titles
        // sharing template words; only the last two days' can pair).
        titles.Sort((x, y) => x.Published != y.Published ? x.Published.CompareTo(y.Published) : x.Index.CompareTo(y.Index));
        var frequency = new Dictionary<ulong, int>();
        foreach (var title in titles)
        {
            foreach (var shingle in title.Shingles)
            {
                frequency[shingle] = frequency.GetValueOrDefault(shingle) + 1;
            }
        }

        // Posting lists hold each entry's position, publication (ticks), size and the rank of the shingle
        // in its own order, so most entries are decided without touching their shingles: the window ends the
        // walk back, and the positional filter drops a pair whose shared shingles so far, plus the fewest
        // shingles left after this one in either title, cannot make up the overlap Jaccard >= t needs (the
        // shared shingles of two titles come in the same order in both, so the first is found first and
        // each later one with the count of those before it: the bound holds, and no pair is lost).
        // The lists are chained through one array, newest first (each entry points at the one before it
        // with the same key), not a list per key: most keys are a rare shingle seen once, and a list each
        // would be most of the work.
        // OverlapNeeded by the two sizes, worked out once: the walk asks for it at every step.
        var largest = titles.Count == 0 ? 0 : titles.Max(t => t.Shingles.Length);
        var needed = new int[largest + 1, largest + 1];
        for (var a = 1; a <= largest; a++)
        {
            for (var b = 1; b <= largest; b++)
            {
                needed[a, b] = StoryTitle.OverlapNeeded(a, b, TitleThreshold);
            }
        }

        var newest = new Dictionary<(int Station, ulong Shingle), int>();
        var postings = new Posting[Math.Max(16, titles.Count * 4)];
        var count = 0;
        var stamp = new int[titles.Count];
        var overlap = new int[titles.Count];
        Array.Fill(stamp, -1);
        var candidates = new List<int>();
        var window = Window.Ticks;
        var order = new (int Frequency, ulong Shingle)[64];
        for (var t = 0; t < titles.Count; t++)
        {
            var title = titles[t];
            var set = title.Shingles;
            if (set.Length == 0)
            {
                continue;
            }

            if (order.Length < set.Length)
            {
                order = new (int, ulong)[set.Length];
            }

            for (var k = 0; k < set.Length; k++)
            {
                order[k] = (frequency[set[k]], set[k]);
            }

            Array.Sort(order, 0, set.Length);

            // Jaccard >= t needs an overlap of at least ⌈t·n⌉ (the union is no smaller than either set), so
            // two such sets share one of their first n − ⌈t·n⌉ + 1 shingles (the epsilon keeps 0.6 × 5 at 3).
            var prefix = set.Length - (int)Math.Ceiling((TitleThreshold * set.Length) - 1e-9) + 1;
            var ticks = title.Published.UtcTicks;
            candidates.Clear();
            for (var k = 0; k < prefix; k++)
            {
                // One hash look-up per shingle: the slot is read here and written once this title is added after the walk.
                ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(newest, (title.Station, order[k].Shingle), out var listed);
                var before = listed ? head : -1;
                for (var e = before; e >= 0; e = postings[e].Previous)
                {
                    var (position, published, size, rank, _) = postings[e];
                    if (ticks - published > window)
                    {
                        break;
                    }

                    if (stamp[position] != t)
                    {
                        stamp[position] = t;
                        overlap[position] = 0;
                    }
                    else if (overlap[position] < 0)
                    {
                        continue;
                    }

                    var bound = overlap[position] + 1 + Math.Min(set.Length - k - 1, size - rank - 1);
                    if (bound < needed[set.Length, size])
                    {
                        overlap[position] = -1;
                        continue;
                    }

                    if (overlap[position]++ == 0)
                    {
                        candidates.Add(position);
                    }
                }

                if (count == postings.Length)
                {
                    Array.Resize(ref postings, count * 2);
                }

                postings[count] = new Posting(t, ticks, set.Length, k, before);
                head = count++;
            }

            foreach (var position in candidates)
            {
                var other = titles[position].Shingles;
                if (overlap[position] > 0 && StoryTitle.SharesAtLeast(set, other, needed[set.Length, other.Length]))
                {
                    yield return (title.Index, titles[position].Index);
                }
            }
        }
    }
}

/// <summary>A dated item's title for story linking: the item's number, its station's number, when it was published, its shingle fingerprints.</summary>
internal readonly record struct TitleEntry(int Index, int Station, DateTimeOffset Published, ulong[] Shingles);

/// <summary>One title in the posting list of one of its shingles: its position, publication, size, the shingle's rank in it, and the entry before it in the list (-1: none).</summary>
internal readonly record struct Posting(int Position, long Ticks, int Size, int Rank, int Previous);

/// <summary>Union-find over item numbers (path halving): the stories are its sets.</summary>
internal sealed class StorySets
{
    private readonly List<int> parent = [];

    public int Add()
    {
        parent.Add(parent.Count);
        return parent.Count - 1;
    }

    public int Find(int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    public void Union(int a, int b) => parent[Find(a)] = Find(b);
}
