using Monitor.Collection.Social;
using Monitor.Domain;
using Monitor.Reporting;

namespace Monitor.Tests.Reporting.Support;

/// <summary>
/// The reports as they were computed before issue 10: every item and observation in memory,
/// overperformance recomputed from scratch, story titles compared pair by pair. Kept as the
/// oracle the store-computed reports must equal. One deliberate difference from the old code:
/// overperformance baselines are taken over the channel's whole history (the store keeps scores
/// current at save time, as CrowdTangle defines them), not cut at the report's --from.
/// </summary>
internal sealed class InMemoryReports(IReadOnlyList<Item> items, IReadOnlyList<Observation> observationList, IReadOnlyList<FollowerCount> followers)
{
    private readonly ILookup<string, Observation> observations = observationList.ToLookup(o => o.ItemId, StringComparer.Ordinal);

    private IReadOnlyList<OverperformanceScore>? scores;

    private IReadOnlyList<OverperformanceScore> Scores => scores ??= Overperformance.Compute(items, observations);

    private Observation? Latest(string id) => observations[id].MaxBy(o => o.ObservedAt);

    private static bool InPeriod(Item i, DateTimeOffset? from, DateTimeOffset? to)
    {
        var at = i.PublishedAt ?? i.CollectedAt;
        return (from is null || at >= from) && (to is null || at < to);
    }

    public IReadOnlyList<LeaderboardRow> Leaderboard(string cluster, IReadOnlyList<Station> stations, DateTimeOffset? from, DateTimeOffset? to)
    {
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).ToList();
        var best = Best();
        return [.. members.Select(station =>
        {
            var own = items.Where(i => i.StationId == station.Id && InPeriod(i, from, to)).ToList();
            var latest = own.Select(i => Latest(i.Id)).OfType<Observation>().ToList();
            var engagement = latest.Sum(Engagement.Interactions);
            var ownScores = own.Select(i => best.GetValueOrDefault(i.Id)).OfType<OverperformanceScore>().Select(s => s.Score).ToList();
            var channelIds = station.Channels.Select(c => c.Id).Concat(own.Select(i => i.ChannelId)).ToHashSet(StringComparer.Ordinal);
            return new LeaderboardRow(
                0, station.Id, station.Name, own.Count, engagement, own.Count == 0 ? 0 : (double)engagement / own.Count,
                latest.Sum(o => o.Views ?? 0), Overperformance.MedianScore(ownScores), ownScores.Count,
                own.GroupBy(i => i.Platform.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                FollowerGrowth(channelIds, from, to));
        })
        .OrderByDescending(r => r.Engagement).ThenBy(r => r.StationId, StringComparer.Ordinal)
        .Select((r, i) => r with { Rank = i + 1 })];
    }

    public IReadOnlyList<TopItemRow> Top(string stationId, int limit, DateTimeOffset? from, DateTimeOffset? to)
    {
        var own = items.Where(i => i.StationId == stationId && InPeriod(i, from, to)).ToList();
        var byItem = Scores.ToLookup(s => s.ItemId, StringComparer.Ordinal);
        var best = Best();
        var storyOf = AllPairsStories(items).SelectMany(s => s.Select(i => (i.Id, Platforms: s.Select(x => x.Platform).Distinct().Count())))
            .ToDictionary(p => p.Id, p => p.Platforms, StringComparer.Ordinal);

        double? At(string id, TimeSpan age) => byItem[id].FirstOrDefault(s => s.Age == age)?.Score;

        return [.. own
            .Select(i => (Item: i, Best: best.GetValueOrDefault(i.Id), Latest: Latest(i.Id)))
            .OrderByDescending(p => p.Best?.Score ?? double.NegativeInfinity)
            .ThenByDescending(p => p.Latest is null ? 0 : Engagement.Interactions(p.Latest))
            .Take(limit)
            .Select((p, rank) => new TopItemRow(
                rank + 1, p.Item.Id, p.Item.Platform, p.Item.Title, p.Item.Url, p.Item.PublishedAt,
                p.Latest is null ? 0 : Engagement.Interactions(p.Latest), p.Latest?.Views,
                At(p.Item.Id, TimeSpan.FromHours(1)), At(p.Item.Id, TimeSpan.FromHours(24)), At(p.Item.Id, TimeSpan.FromDays(7)),
                storyOf[p.Item.Id]))];
    }

    public IReadOnlyList<StoryRow> Stories(string cluster, IReadOnlyList<Station> stations, int limit, DateTimeOffset? from, DateTimeOffset? to)
    {
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var inPeriod = items.Where(i => members.Contains(i.StationId) && InPeriod(i, from, to)).ToList();
        return [.. AllPairsStories(inPeriod)
            .Select(s =>
            {
                var ordered = s.OrderBy(i => i.Platform == Platform.Web ? 0 : 1).ThenBy(i => i.PublishedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
                var latest = ordered.Select(m => Latest(m.Id)).OfType<Observation>().ToList();
                return (Items: ordered, Interactions: latest.Sum(Engagement.Interactions), Views: latest.Sum(o => o.Views ?? 0));
            })
            .OrderByDescending(s => s.Interactions)
            .ThenBy(s => s.Items[0].Id, StringComparer.Ordinal)
            .Where(s => s.Items.Count > 1)
            .Take(limit)
            .Select((s, i) => new StoryRow(
                i + 1, s.Items[0].Id, s.Items[0].Title, s.Items.Min(x => x.PublishedAt),
                [.. s.Items.Select(x => x.Platform).Distinct().Order().Select(p => p.ToWire())],
                [.. s.Items.Select(x => x.StationId).Distinct().Order(StringComparer.Ordinal)],
                s.Items.Count, s.Interactions, s.Views))];
    }

    private Dictionary<string, OverperformanceScore> Best() =>
        Scores.GroupBy(s => s.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Age)!, StringComparer.Ordinal);

    private long? FollowerGrowth(HashSet<string> channelIds, DateTimeOffset? from, DateTimeOffset? to)
    {
        long? total = null;
        foreach (var channel in followers.Where(f => channelIds.Contains(f.ChannelId) && (from is null || f.ObservedAt >= from) && (to is null || f.ObservedAt < to)).GroupBy(f => f.ChannelId))
        {
            var ordered = channel.OrderBy(f => f.ObservedAt).ToList();
            total = (total ?? 0) + (ordered[^1].Followers - ordered[0].Followers);
        }

        return total;
    }

    /// <summary>The pre-issue linker: URL map, then every pair of dated items within the window.</summary>
    private static List<List<Item>> AllPairsStories(IReadOnlyList<Item> list)
    {
        var parent = Enumerable.Range(0, list.Count).ToArray();

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
        for (var i = 0; i < list.Count; i++)
        {
            if (StoryUrl.Canonical(list[i].Url) is { } own)
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

        for (var i = 0; i < list.Count; i++)
        {
            foreach (var link in StoryUrl.LinksIn(list[i].Body).Concat(StoryUrl.LinksIn(list[i].Title)))
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

        var dated = Enumerable.Range(0, list.Count).Where(i => list[i].PublishedAt is not null).OrderBy(i => list[i].PublishedAt).ToArray();
        var shingles = list.Select(i => StoryTitle.Shingles(i.Title)).ToArray();
        for (var a = 0; a < dated.Length; a++)
        {
            for (var b = a + 1; b < dated.Length && list[dated[b]].PublishedAt - list[dated[a]].PublishedAt <= StoryLinker.Window; b++)
            {
                if (list[dated[a]].StationId == list[dated[b]].StationId
                    && StoryTitle.Jaccard(shingles[dated[a]], shingles[dated[b]]) >= StoryLinker.TitleThreshold)
                {
                    Union(dated[a], dated[b]);
                }
            }
        }

        return [.. Enumerable.Range(0, list.Count).GroupBy(Find).Select(g => g.Select(i => list[i]).ToList())];
    }
}
