using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

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
/// published in the period, with the figures a committee asks next. The store totals each
/// station in one grouped query over what it keeps current at save time.
/// </summary>
public static class Leaderboard
{
    public static async Task<LeaderboardReport> BuildAsync(
        string cluster, IReadOnlyList<Station> stations, IContentQueries queries, IReadOnlyList<FollowerCount> followers,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(followers);
        var members = stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).ToList();
        var totals = (await queries.GetStationTotalsAsync(new ContentFilter([.. members.Select(s => s.Id).Distinct(StringComparer.Ordinal)], null, from, to), cancellationToken))
            .ToDictionary(t => t.StationId, StringComparer.Ordinal);

        var rows = members.Select(station =>
        {
            var own = totals.GetValueOrDefault(station.Id) ?? new StationTotals(station.Id, 0, 0, 0, new Dictionary<string, int>(), [], null, 0);
            var channelIds = station.Channels.Select(c => c.Id).Concat(own.Channels).ToHashSet(StringComparer.Ordinal);
            return new LeaderboardRow(
                0, station.Id, station.Name, own.Items, own.Engagement, own.Items == 0 ? 0 : (double)own.Engagement / own.Items,
                own.Views, own.MedianScore, own.ScoredItems, own.ItemsPerPlatform, FollowerGrowth(followers, channelIds, from, to));
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

    /// <inheritdoc cref="Overperformance.MedianScore"/>
    internal static double? MedianScore(IReadOnlyCollection<double> scores) => Overperformance.MedianScore(scores);

    internal static double? Median(IReadOnlyCollection<double> values) => Overperformance.Median(values);

    private static long? FollowerGrowth(IReadOnlyList<FollowerCount> followers, HashSet<string> channelIds, DateTimeOffset? from, DateTimeOffset? to)
    {
        long? total = null;
        foreach (var channel in followers.Where(f => channelIds.Contains(f.ChannelId) && InPeriod(f.ObservedAt, from, to)).GroupBy(f => f.ChannelId))
        {
            var ordered = channel.OrderBy(f => f.ObservedAt).ToList();
            total = (total ?? 0) + (ordered[^1].Followers - ordered[0].Followers);
        }

        return total;
    }
}
