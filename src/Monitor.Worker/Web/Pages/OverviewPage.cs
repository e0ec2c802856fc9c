using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Domain;
using Monitor.Reporting;
using Monitor.Storage.Queries;
using Monitor.Triage;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Html;
using Monitor.Worker.Web.Localization;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// <c>/</c>: one cluster (a station account: its own station) over a period: figures, engagement per
/// station per day, platform mix, the leaderboard with its formulas.
/// </summary>
internal static class OverviewPage
{
    public static async Task<IResult> RenderAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var viewer = page.Viewer!;
        // A cluster over all time grows with the store; by default the page covers the last 30 days, as a committee reads it.
        var period = Period.OrLast(Period.Of(http.Request), http.RequestServices.GetRequiredService<TimeProvider>(), 30);
        var scope = Scope(page.Sources, viewer, http.Request.Query["cluster"]);
        if (scope is null)
        {
            return page.NotFound();
        }

        var (cluster, stations) = scope.Value;
        var filter = new ContentFilter([.. stations.Select(s => s.Id)], null, period.From, period.To);
        var daily = await page.Sources.Queries.GetDailyTotalsAsync(filter, UiText.VietnamOffset, cancellationToken);
        var mood = await page.Sources.Queries.GetCommentMoodAsync(filter, cancellationToken);
        var leaderboard = await Leaderboard.BuildAsync(cluster ?? string.Empty, stations, page.Sources.Queries, await page.Sources.FollowersAsync(cancellationToken), period.From, period.To, cancellationToken);
        var openFlags = await OpenFlagsAsync(http, stations, period, cancellationToken);
        var rows = viewer.Role == UserRole.Station ? [.. leaderboard.Rows.Where(r => viewer.CanSee(r.StationId))] : leaderboard.Rows;
        var t = page.T;
        var title = cluster is null ? t["Overview"] : t.Format("OverviewOf", cluster);
        return page.Render(title, html =>
        {
            Widgets.PeriodForm(page, html, period, viewer.Role == UserRole.Station || page.Sources.Clusters.Count == 0 ? null : fields =>
            {
                fields.Raw("<label>").Text(t["Cluster"]).Raw("<select name=\"cluster\">");
                foreach (var c in page.Sources.Clusters)
                {
                    fields.Open("option", "value", c, "selected", c == cluster ? "selected" : null).Text(c).Close("option");
                }

                fields.Raw("</select></label>");
            });
            Widgets.Figures(
                html,
                (t["Items"], t.Number(daily.Sum(d => (long)d.Items))),
                (t["Engagement"], t.Number(daily.Sum(d => d.Engagement))),
                (t["Views"], t.Number(daily.Sum(d => d.Views))),
                (t["NegativeShare"], t.Percent(mood.NegativeShare)),
                (t["OpenFlags"], openFlags is { } open ? t.Number(open) : "–"),
                (t["FlagsRaised"], t.Number(daily.Sum(d => d.Flagged))));

            var days = ChartDays.Of(Widgets.Days(daily));
            var engagement = t[days.Weekly ? "EngagementOverTimeWeekly" : "EngagementOverTime"];
            html.Element("h2", engagement);
            SvgCharts.Lines(html, engagement, days.Labels(t),
                [.. stations.Select(s => new ChartSeries(s.Name, days.Values(daily.Where(d => d.StationId == s.Id), d => d.Day, d => d.Engagement)))],
                v => t.Number((long)v));

            html.Element("h2", t["PlatformMix"]);
            var platforms = Enum.GetValues<Platform>();
            var byStationPlatform = daily.GroupBy(d => (d.StationId, d.Platform)).ToDictionary(g => g.Key, g => (double)g.Sum(d => d.Items));
            SvgCharts.StackedBars(html, t["PlatformMix"], [.. stations.Select(s => s.Id)],
                [.. platforms.Select(p => new ChartSeries(Widgets.PlatformName(p), [.. stations.Select(s => byStationPlatform.TryGetValue((s.Id, p), out var v) ? v : (double?)0)]))],
                v => t.Number((long)v));

            html.Element("h2", t["Leaderboard"]);
            LeaderboardTable(page, html, rows);
            Widgets.ExportLinks(page, html, "leaderboard", ("cluster", cluster), ("from", period.FromText), ("to", period.ToText));
            Widgets.Formulas(page, html, leaderboard.Formulas);
        });
    }

    /// <summary>Flags of these stations raised in the period and not yet resolved or dismissed; null when the store keeps no inbox.</summary>
    private static async Task<long?> OpenFlagsAsync(HttpContext http, IReadOnlyList<Station> stations, Period period, CancellationToken cancellationToken)
    {
        if (http.RequestServices.GetService(typeof(IFlagInbox)) is not IFlagInbox inbox)
        {
            return null;
        }

        var page = await inbox.ListAsync(new FlagFilter([.. stations.Select(s => s.Id)], From: period.From, To: period.To), 1, null, cancellationToken);
        return page.CountsByStatus.Where(c => !c.Key.IsClosed()).Sum(c => c.Value);
    }

    /// <summary>The cluster asked for (default: the first), or a station account's own station and its cluster; null when the cluster is unknown.</summary>
    internal static (string? Cluster, IReadOnlyList<Station> Stations)? Scope(DashboardSources sources, Viewer viewer, string? cluster)
    {
        if (viewer.Role == UserRole.Station)
        {
            var own = viewer.StationId is { } id ? sources.Station(id) : null;
            return own is null ? null : (own.Cluster, [own]);
        }

        // Default: the largest cluster (the one a committee compares), ties by name.
        cluster ??= sources.Stations.Where(s => s.Cluster is not null).GroupBy(s => s.Cluster!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        var members = sources.Stations.Where(s => cluster is null || string.Equals(s.Cluster, cluster, StringComparison.Ordinal)).ToList();
        return members.Count == 0 && cluster is not null ? null : (cluster, members);
    }

    private static void LeaderboardTable(PageContext page, HtmlBuilder html, IReadOnlyList<LeaderboardRow> rows)
    {
        var t = page.T;
        html.Raw("<div class=\"scroll\"><table><caption>").Text(t["Leaderboard"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "Rank", "Station", "Items", "Engagement", "EngagementPerItem", "Views", "MedianOverperformance", "ScoredItems", "PlatformOutput", "FollowerGrowth" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Raw("<tr>").Element("td", t.Number(row.Rank), "class", "num")
                .Raw("<td>").Link(page.Url("/stations/" + Uri.EscapeDataString(row.StationId)), row.StationName).Raw("</td>")
                .Element("td", t.Number(row.Items), "class", "num")
                .Element("td", t.Number(row.Engagement), "class", "num")
                .Element("td", t.Fraction(row.EngagementPerItem), "class", "num")
                .Element("td", t.Number(row.Views), "class", "num")
                .Element("td", t.Score(row.MedianOverperformance), "class", "num")
                .Element("td", t.Number(row.ScoredItems), "class", "num")
                .Element("td", string.Join(" · ", row.ItemsPerPlatform.Select(p => $"{p.Key} {t.Number(p.Value)}")))
                .Element("td", row.FollowerGrowth is { } g ? (g >= 0 ? "+" : string.Empty) + t.Number(g) : "–", "class", "num")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }
}
