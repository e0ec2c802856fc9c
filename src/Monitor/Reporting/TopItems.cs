using Monitor.Domain;

namespace Monitor.Reporting;

public sealed record TopItemRow(
    int Rank, string ItemId, Platform Platform, string Title, string Url, DateTimeOffset? PublishedAt,
    long Engagement, long? Views, double? Score1h, double? Score24h, double? Score7d, int StoryPlatforms);

public sealed record TopItemsReport(string StationId, IReadOnlyList<TopItemRow> Rows, IReadOnlyList<string> Formulas);

/// <summary>A station's most overperforming items: ranked by the score at the largest standard age each reached.</summary>
public static class TopItems
{
    public static TopItemsReport Build(string stationId, ReportData data, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var own = data.Items.Where(i => i.StationId == stationId && Leaderboard.InPeriod(i.PublishedAt ?? i.CollectedAt, from, to)).ToList();
        var scores = Overperformance.Compute(own, data.Observations).ToLookup(s => s.ItemId, StringComparer.Ordinal);
        var best = ItemScores.Best(scores.SelectMany(g => g));
        var stories = StoryLinker.Link(data.Items, data.Observations);
        var storyOf = stories.SelectMany(s => s.Items.Select(i => (i.Id, s))).ToDictionary(p => p.Id, p => p.s, StringComparer.Ordinal);

        double? At(string id, TimeSpan age) => scores[id].FirstOrDefault(s => s.Age == age)?.Score;

        var rows = own
            .Select(i => (Item: i, Best: best.GetValueOrDefault(i.Id), Latest: data.Latest(i.Id)))
            .OrderByDescending(p => p.Best?.Score ?? double.NegativeInfinity)
            .ThenByDescending(p => p.Latest is null ? 0 : Engagement.Interactions(p.Latest))
            .Take(limit)
            .Select((p, rank) => new TopItemRow(
                rank + 1, p.Item.Id, p.Item.Platform, p.Item.Title, p.Item.Url, p.Item.PublishedAt,
                p.Latest is null ? 0 : Engagement.Interactions(p.Latest), p.Latest?.Views,
                At(p.Item.Id, TimeSpan.FromHours(1)), At(p.Item.Id, TimeSpan.FromHours(24)), At(p.Item.Id, TimeSpan.FromDays(7)),
                storyOf.TryGetValue(p.Item.Id, out var story) ? story.Platforms.Count : 1))
            .ToList();
        return new TopItemsReport(stationId, rows, [Engagement.Formula, .. Overperformance.FormulaLines, StoryLinker.Formula]);
    }
}
