using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Reporting;

public sealed record StoryRow(int Rank, string StoryId, string Title, DateTimeOffset? FirstPublished, IReadOnlyList<string> Platforms, IReadOnlyList<string> Stations, int Items, long Interactions, long Views);

public sealed record StoriesReport(string Cluster, IReadOnlyList<StoryRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>
/// A cluster's stories told on more than one channel, by summed reach: linked among the cluster's
/// items of the period only, as <see cref="StoryLinker.Link(IReadOnlyList{StoryCandidate})"/> links them.
/// Titles only join items of one station, so each station's titles are read (id, title, reach: no URL,
/// no links) and paired on their own, two stations at a time on two cores, and only what ranking needs
/// is kept of them afterwards; the link keys two items share come from the store already grouped. The
/// listed stories' leads are read again at the end for their titles.
/// </summary>
public static class StoriesReportBuilder
{
    public static async Task<StoriesReport> BuildAsync(
        string cluster, IReadOnlyList<Station> stations, IContentQueries queries, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(queries);
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var shared = queries.GetSharedLinksAsync(new ContentFilter(members, null, from, to), cancellationToken);
        var perStation = new StationItems[members.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, members.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (station, token) => perStation[station] = await LinkTitlesAsync(queries, members[station], station, from, to, token));

        var items = new List<Member>(perStation.Sum(s => s.Items.Length));
        var sets = new StorySets();
        foreach (var station in perStation)
        {
            var offset = items.Count;
            foreach (var item in station.Items)
            {
                items.Add(item);
                sets.Add();
            }

            foreach (var (a, b) in station.Pairs)
            {
                sets.Union(offset + a, offset + b);
            }
        }

        var links = await shared;
        if (links.Count > 0)
        {
            var byId = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                byId[items[i].Id] = i;
            }

            foreach (var link in links)
            {
                var first = byId[link.ItemIds[0]];
                foreach (var id in link.ItemIds.Skip(1))
                {
                    sets.Union(first, byId[id]);
                }
            }
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
        var byStory = Enumerable.Range(0, items.Count).Where(i => wanted.Contains(sets.Find(i))).ToLookup(sets.Find);
        var leads = (await queries.GetStoryCandidatesByIdAsync([.. listed.Select(root => items[stories[root].Lead].Id)], cancellationToken))
            .ToDictionary(c => c.Item.Id, c => c.Item.Title, StringComparer.Ordinal);
        var rows = listed.Select((root, rank) =>
        {
            var story = byStory[root].Select(i => items[i]).ToList();
            var lead = items[stories[root].Lead];
            return new StoryRow(
                rank + 1, lead.Id, leads.GetValueOrDefault(lead.Id, string.Empty), story.Min(m => m.PublishedAt),
                [.. story.Select(m => m.Platform).Distinct().Order().Select(p => p.ToWire())],
                [.. story.Select(m => members[m.Station]).Distinct().Order(StringComparer.Ordinal)],
                story.Count, stories[root].Interactions, story.Sum(m => m.Views ?? 0));
        }).ToList();
        return new StoriesReport(cluster, rows, [StoryLinker.Formula, Engagement.Formula]);
    }

    /// <summary>One station's items of the period and the pairs of them (by position) that their titles join.</summary>
    private static async Task<StationItems> LinkTitlesAsync(
        IContentQueries queries, string stationId, int station, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var titled = await queries.GetTitledItemsAsync(ContentFilter.ForStation(stationId, from, to), cancellationToken);
        var items = new Member[titled.Count];
        var titles = new List<TitleEntry>(titled.Count);
        for (var i = 0; i < titled.Count; i++)
        {
            var item = titled[i];
            items[i] = new Member(item.Id, station, item.Platform, item.PublishedAt, item.Engagement, item.Views);
            if (item.PublishedAt is { } published)
            {
                titles.Add(new TitleEntry(i, 0, published, StoryTitle.Fingerprints(item.Title)));
            }
        }

        return new StationItems(items, [.. StoryLinker.TitlePairs(titles)]);
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

    /// <summary>What ranking and the rows keep of one item of the period (its station by number in the cluster's members).</summary>
    private readonly record struct Member(string Id, int Station, Platform Platform, DateTimeOffset? PublishedAt, long Engagement, long? Views);

    private sealed record StationItems(Member[] Items, List<(int A, int B)> Pairs);
}
