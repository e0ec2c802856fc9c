using Monitor.Domain;

namespace Monitor.Reporting;

/// <summary>One station's line in a cluster leaderboard.</summary>
public sealed record LeaderboardRow(
    int Rank,
    string StationId,
    string StationName,
    int Items,
    long Engagement,
    double EngagementPerItem,
    long Views,
    double? MedianOverperformance,
    int ScoredItems,
    IReadOnlyDictionary<string, int> ItemsPerPlatform,
    long? FollowerGrowth);

public sealed record LeaderboardReport(string Cluster, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<LeaderboardRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>
/// Ranks the stations of one emulation cluster (cụm thi đua) by total engagement of the items they
/// published in the period, with the figures a committee asks next.
/// </summary>
public static class Leaderboard
{
    public static LeaderboardReport Build(string cluster, IReadOnlyList<Station> stations, ReportData data, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(data);
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).ToList();
        var memberIds = members.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var inPeriod = data.Items
            .Where(i => memberIds.Contains(i.StationId) && InPeriod(i.PublishedAt ?? i.CollectedAt, from, to))
            .ToList();
        var scores = ItemScores.Best(Overperformance.Compute(inPeriod, data.Observations));

        var rows = members.Select(station =>
        {
            var own = inPeriod.Where(i => i.StationId == station.Id).ToList();
            var latest = own.Select(i => data.Latest(i.Id)).OfType<Observation>().ToList();
            var engagement = latest.Sum(Engagement.Interactions);
            var ownScores = own.Select(i => scores.GetValueOrDefault(i.Id)).OfType<OverperformanceScore>().Select(s => s.Score).ToList();
            var channelIds = station.Channels.Select(c => c.Id).Concat(own.Select(i => i.ChannelId)).ToHashSet(StringComparer.Ordinal);
            return new LeaderboardRow(
                0, station.Id, station.Name, own.Count, engagement, own.Count == 0 ? 0 : (double)engagement / own.Count,
                latest.Sum(o => o.Views ?? 0), MedianScore(ownScores), ownScores.Count,
                own.GroupBy(i => i.Platform.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                FollowerGrowth(data, channelIds, from, to));
        })
        .OrderByDescending(r => r.Engagement).ThenBy(r => r.StationId, StringComparer.Ordinal)
        .Select((r, i) => r with { Rank = i + 1 })
        .ToList();

        string[] formulas =
        [
            Engagement.Formula,
            "engagement of an item = its latest observation; station total = sum over its items published in the period",
            "engagement per item = total engagement / items published in the period",
            "median overperformance = median over the station's items of each item's score at the largest standard age (7 d, 24 h, 1 h) it has reached,",
            "           taken on the ratio actual/expected (two middle ratios averaged) and written back as a score",
            .. Overperformance.FormulaLines,
            "follower growth = sum over the station's channels of (last - first follower count recorded in the period)",
        ];
        return new LeaderboardReport(cluster, from, to, rows, formulas);
    }

    internal static bool InPeriod(DateTimeOffset at, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is null || at >= from) && (to is null || at < to);

    /// <summary>
    /// The median of overperformance scores, taken on the underlying ratio (score +2 = ratio 2,
    /// score −2 = ratio 0.5) so the middle of +1.2 and −1.5 is not a meaningless −0.15.
    /// </summary>
    internal static double? MedianScore(IReadOnlyCollection<double> scores)
    {
        var ratio = Median([.. scores.Select(s => s >= 1 ? s : -1 / s)]);
        return ratio is { } r ? (r >= 1 ? r : -1 / r) : null;
    }

    internal static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static long? FollowerGrowth(ReportData data, HashSet<string> channelIds, DateTimeOffset? from, DateTimeOffset? to)
    {
        long? total = null;
        foreach (var channel in data.Followers.Where(f => channelIds.Contains(f.ChannelId) && InPeriod(f.ObservedAt, from, to)).GroupBy(f => f.ChannelId))
        {
            var ordered = channel.OrderBy(f => f.ObservedAt).ToList();
            total = (total ?? 0) + (ordered[^1].Followers - ordered[0].Followers);
        }

        return total;
    }
}

/// <summary>Picks, per item, the score at the largest standard age it has reached.</summary>
public static class ItemScores
{
    public static Dictionary<string, OverperformanceScore> Best(IEnumerable<OverperformanceScore> scores) =>
        scores.GroupBy(s => s.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Age)!, StringComparer.Ordinal);
}
