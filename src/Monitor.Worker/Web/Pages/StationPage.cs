using Microsoft.AspNetCore.Http;
using Monitor.Collection.Web;
using Monitor.Domain;
using Monitor.Reporting;
using Monitor.Storage.Queries;
using Monitor.Worker.Web.Html;
using Monitor.Worker.Web.Localization;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// <c>/stations/{stationId}</c>: reach per platform over time, output per day, the most
/// overperforming items, follower growth, each channel's last collection, and the latest items.
/// </summary>
internal static class StationPage
{
    public const int PageSize = 50;

    public static async Task<IResult> RenderAsync(HttpContext http, string stationId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var station = page.Sources.Station(stationId);
        if (station is null)
        {
            return page.NotFound();
        }

        if (!page.Viewer!.CanSee(station.Id))
        {
            return page.Forbidden();
        }

        var t = page.T;
        var period = Period.Of(http.Request);
        var filter = ContentFilter.ForStation(station.Id, period.From, period.To);
        var queries = page.Sources.Queries;
        var daily = await queries.GetDailyTotalsAsync(filter, UiText.VietnamOffset, cancellationToken);
        var top = await TopItems.BuildAsync(station.Id, queries, 10, period.From, period.To, cancellationToken);
        var activity = (await queries.GetChannelActivityAsync(ContentFilter.ForStation(station.Id), cancellationToken)).ToDictionary(a => a.ChannelId, StringComparer.Ordinal);
        var followers = (await page.Sources.FollowersAsync(cancellationToken)).Where(f => station.Channels.Any(c => c.Id == f.ChannelId) && (period.From is null || f.ObservedAt >= period.From) && (period.To is null || f.ObservedAt < period.To)).ToList();
        var after = ItemCursorText.Read(http.Request.Query["after"]);
        var latest = await queries.GetLatestItemsAsync(filter, after, PageSize, cancellationToken);
        var failures = new Dictionary<string, IReadOnlyCollection<FailedUrl>>(StringComparer.Ordinal);
        if (http.RequestServices.GetService(typeof(ICrawlState)) is ICrawlState crawl)
        {
            foreach (var channel in station.Channels.Where(c => c.Platform == Platform.Web))
            {
                failures[channel.Id] = [.. (await crawl.LoadFailuresAsync(channel.Id, cancellationToken)).Values];
            }
        }

        return page.Render(station.Name, html =>
        {
            html.Raw("<p class=\"lead\">").Text($"{station.Province} · {t["Cluster"]} {station.Cluster ?? "–"} · {station.Id}").Raw("</p>");
            Widgets.PeriodForm(page, html, period);
            Widgets.Figures(
                html,
                (t["Items"], t.Number(daily.Sum(d => (long)d.Items))),
                (t["Engagement"], t.Number(daily.Sum(d => d.Engagement))),
                (t["Views"], t.Number(daily.Sum(d => d.Views))),
                (t["Comments"], t.Number(daily.Sum(d => d.Comments))),
                (t["FlagsRaised"], t.Number(daily.Sum(d => d.Flagged))));

            var days = ChartDays.Of(Widgets.Days(daily));
            var labels = days.Labels(t);
            var platforms = daily.Select(d => d.Platform).Distinct().Order().ToList();
            var reach = t[days.Weekly ? "ReachPerPlatformWeekly" : "ReachPerPlatform"];
            html.Element("h2", reach);
            SvgCharts.Lines(html, reach, labels,
                [.. platforms.Select(p => new ChartSeries(Widgets.PlatformName(p), days.Values(daily.Where(d => d.Platform == p), d => d.Day, d => d.Engagement)))],
                v => t.Number((long)v));
            var output = t[days.Weekly ? "OutputPerWeek" : "OutputPerDay"];
            html.Element("h2", output);
            SvgCharts.StackedBars(html, output, labels,
                [.. platforms.Select(p => new ChartSeries(Widgets.PlatformName(p), days.Values(daily.Where(d => d.Platform == p), d => d.Day, d => d.Items)))],
                v => t.Number((long)v));

            html.Element("h2", t["TopItems"]);
            TopTable(page, html, top.Rows);
            Widgets.ExportLinks(page, html, "top", ("station", station.Id), ("from", period.FromText), ("to", period.ToText));
            Widgets.Formulas(page, html, top.Formulas);

            html.Element("h2", t["Channels"]);
            ChannelTable(page, html, station, activity, followers, failures);

            html.Element("h2", t["LatestItems"]);
            ItemsTable(page, html, latest);
            if (latest.Count == PageSize)
            {
                html.Raw("<p>").Link(page.Url("/stations/" + Uri.EscapeDataString(station.Id), ("from", period.FromText), ("to", period.ToText), ("after", ItemCursorText.Write(latest[^1]))), t["NextPage"]).Raw("</p>");
            }

            Widgets.ExportLinks(page, html, "items", ("station", station.Id), ("from", period.FromText), ("to", period.ToText));
        });
    }

    private static void TopTable(PageContext page, HtmlBuilder html, IReadOnlyList<TopItemRow> rows)
    {
        var t = page.T;
        html.Raw("<div class=\"scroll\"><table><caption>").Text(t["TopItems"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "Rank", "Title", "Platform", "Published", "Engagement", "Views", "Score1h", "Score24h", "Score7d", "StoryPlatforms" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Raw("<tr>").Element("td", t.Number(row.Rank), "class", "num")
                .Raw("<td>").Link(page.Url("/items/" + Uri.EscapeDataString(row.ItemId)), row.Title).Raw("</td>")
                .Element("td", Widgets.PlatformName(row.Platform))
                .Element("td", t.Date(row.PublishedAt))
                .Element("td", t.Number(row.Engagement), "class", "num")
                .Element("td", t.Number(row.Views), "class", "num")
                .Element("td", t.Score(row.Score1h), "class", "num")
                .Element("td", t.Score(row.Score24h), "class", "num")
                .Element("td", t.Score(row.Score7d), "class", "num")
                .Element("td", t.Number(row.StoryPlatforms), "class", "num")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static void ChannelTable(
        PageContext page, HtmlBuilder html, Station station, Dictionary<string, ChannelActivity> activity, List<FollowerCount> followers, Dictionary<string, IReadOnlyCollection<FailedUrl>> failures)
    {
        var t = page.T;
        html.Raw("<div class=\"scroll\"><table><caption>").Text(t["Channels"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "Channel", "Platform", "LastCollection", "Status", "Items", "Followers", "FollowerGrowth" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var channel in station.Channels)
        {
            var seen = activity.GetValueOrDefault(channel.Id);
            var counts = followers.Where(f => f.ChannelId == channel.Id).OrderBy(f => f.ObservedAt).ToList();
            html.Raw("<tr>").Element("td", channel.Id).Element("td", Widgets.PlatformName(channel.Platform))
                .Element("td", t.Date(seen?.LastCollectedAt))
                .Element("td", Status(t, seen, failures.GetValueOrDefault(channel.Id)), "class", seen is null || failures.GetValueOrDefault(channel.Id) is { Count: > 0 } ? "warn" : "ok")
                .Element("td", t.Number(seen?.Items ?? 0), "class", "num")
                .Element("td", counts.Count == 0 ? "–" : t.Number(counts[^1].Followers), "class", "num")
                .Element("td", counts.Count == 0 ? "–" : "+" + t.Number(counts[^1].Followers - counts[0].Followers), "class", "num")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    /// <summary>ok, nothing yet, or the pages waiting to be retried with the latest reason.</summary>
    private static string Status(Localization.UiText t, ChannelActivity? seen, IReadOnlyCollection<FailedUrl>? failed)
    {
        if (failed is { Count: > 0 })
        {
            var latest = failed.MaxBy(f => f.RetryAfter)!;
            return t.Format("StatusFailing", t.Number(failed.Count), t.Date(latest.RetryAfter), latest.Problem);
        }

        return seen is null ? t["StatusNothingYet"] : t["StatusOk"];
    }

    internal static void ItemsTable(PageContext page, HtmlBuilder html, IReadOnlyList<ItemSummary> items, string captionKey = "LatestItems")
    {
        var t = page.T;
        html.Raw("<div class=\"scroll\"><table><caption>").Text(t[captionKey]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "Title", "Platform", "Published", "Engagement", "Views", "Score" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var item in items)
        {
            html.Raw("<tr><td>").Link(page.Url("/items/" + Uri.EscapeDataString(item.Id)), item.Title).Raw("</td>")
                .Element("td", Widgets.PlatformName(item.Platform))
                .Element("td", t.Date(item.PublishedAt ?? item.CollectedAt))
                .Element("td", t.Number(item.Engagement), "class", "num")
                .Element("td", t.Number(item.Views), "class", "num")
                .Element("td", t.Score(item.BestScore), "class", "num")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }
}
