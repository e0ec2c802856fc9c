using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Reporting;

public sealed record TopItemRow(
    int Rank, string ItemId, Platform Platform, string Title, string Url, DateTimeOffset? PublishedAt,
    long Engagement, long? Views, double? Score1h, double? Score24h, double? Score7d, int StoryPlatforms);

public sealed record TopItemsReport(string StationId, IReadOnlyList<TopItemRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>
/// A station's most overperforming items: ranked by the score at the largest standard age each
/// reached (scores kept current by the store), reading that station's items only.
/// </summary>
public static class TopItems
{
    public static async Task<TopItemsReport> BuildAsync(
        string stationId, IContentQueries queries, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var top = await queries.GetTopItemsAsync(ContentFilter.ForStation(stationId, from, to), limit, cancellationToken);
        var candidates = (await queries.GetStoryCandidatesByIdAsync([.. top.Select(i => i.Id)], cancellationToken))
            .ToDictionary(c => c.Item.Id, StringComparer.Ordinal);
        var reach = new StoryReach(queries);
        await reach.PrefetchAsync(top, cancellationToken);
        var rows = new List<TopItemRow>(top.Count);
        foreach (var item in top)
        {
            var platforms = candidates.TryGetValue(item.Id, out var candidate) ? await reach.PlatformsAsync(candidate, cancellationToken) : 1;
            rows.Add(new TopItemRow(
                rows.Count + 1, item.Id, item.Platform, item.Title, item.Url, item.PublishedAt,
                item.Engagement, item.Views, item.Score1h, item.Score24h, item.Score7d, platforms));
        }

        return new TopItemsReport(stationId, rows, [Engagement.Formula, .. Overperformance.FormulaLines, StoryLinker.Formula]);
    }
}
