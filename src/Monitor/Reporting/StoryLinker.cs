using Monitor.Domain;

namespace Monitor.Reporting;

/// <summary>One story told on several channels: a web article and the posts and videos that share it.</summary>
public sealed record Story(string Id, string Title, IReadOnlyList<Item> Items, long Interactions, long Views)
{
    public IReadOnlyList<Platform> Platforms => [.. Items.Select(i => i.Platform).Distinct().Order()];
}

/// <summary>
/// Joins items into stories: two items belong together when one links to the other's canonical URL,
/// or when they come from the same station, their titles' syllable-shingle Jaccard index is at
/// least <see cref="TitleThreshold"/> and they were published within <see cref="Window"/> of each
/// other. Titles only join items of one station: provincial headlines follow the same templates
/// ("Học sinh {tỉnh} giành huy chương vàng…"), so across stations a near-identical title is
/// usually a different event; a shared link still joins across stations. Links are transitive
/// (union-find). A story's reach is the sum of its items' latest engagement and views.
/// </summary>
public static class StoryLinker
{
    public const double TitleThreshold = 0.6;

    public static TimeSpan Window { get; } = TimeSpan.FromHours(48);

    public static string Formula =>
        $"story = items sharing a canonical URL, or one station's items whose titles have syllable-bigram Jaccard >= {TitleThreshold:0.##} within {Window.TotalHours:0} h; reach = sum of its items' engagement";

    public static IReadOnlyList<Story> Link(IReadOnlyList<Item> items, ILookup<string, Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(observations);
        var parent = Enumerable.Range(0, items.Count).ToArray();

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

        var byUrl = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (StoryUrl.Canonical(items[i].Url) is { } own)
            {
                if (byUrl.TryGetValue(own, out var other))
                {
                    Union(i, other);
                }
                else
                {
                    byUrl[own] = i;
                }
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            foreach (var link in StoryUrl.LinksIn(items[i].Body).Concat(StoryUrl.LinksIn(items[i].Title)))
            {
                if (byUrl.TryGetValue(link, out var target))
                {
                    Union(i, target);
                }
                else
                {
                    byUrl[link] = i;
                }
            }
        }

        // Titles: compare each item with those published within the window after it (sorted sweep).
        var dated = Enumerable.Range(0, items.Count).Where(i => items[i].PublishedAt is not null).OrderBy(i => items[i].PublishedAt).ToArray();
        var shingles = items.Select(i => StoryTitle.Shingles(i.Title)).ToArray();
        for (var a = 0; a < dated.Length; a++)
        {
            for (var b = a + 1; b < dated.Length && items[dated[b]].PublishedAt - items[dated[a]].PublishedAt <= Window; b++)
            {
                if (items[dated[a]].StationId == items[dated[b]].StationId
                    && StoryTitle.Jaccard(shingles[dated[a]], shingles[dated[b]]) >= TitleThreshold)
                {
                    Union(dated[a], dated[b]);
                }
            }
        }

        return [.. Enumerable.Range(0, items.Count).GroupBy(Find).Select(g =>
        {
            var members = g.Select(i => items[i]).OrderBy(i => i.Platform == Platform.Web ? 0 : 1).ThenBy(i => i.PublishedAt).ToList();
            var latest = members.Select(m => observations[m.Id].OrderBy(o => o.ObservedAt).LastOrDefault()).OfType<Observation>().ToList();
            return new Story(members[0].Id, members[0].Title, members, latest.Sum(Engagement.Interactions), latest.Sum(o => o.Views ?? 0));
        }).OrderByDescending(s => s.Interactions)];
    }
}

public sealed record StoryRow(int Rank, string StoryId, string Title, DateTimeOffset? FirstPublished, IReadOnlyList<string> Platforms, IReadOnlyList<string> Stations, int Items, long Interactions, long Views);

public sealed record StoriesReport(string Cluster, IReadOnlyList<StoryRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>A cluster's stories told on more than one channel, by summed reach.</summary>
public static class StoriesReportBuilder
{
    public static StoriesReport Build(string cluster, IReadOnlyList<Station> stations, ReportData data, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(data);
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var items = data.Items.Where(i => members.Contains(i.StationId) && Leaderboard.InPeriod(i.PublishedAt ?? i.CollectedAt, from, to)).ToList();
        var rows = StoryLinker.Link(items, data.Observations)
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
