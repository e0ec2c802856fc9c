using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Monitor.Reporting;
using Monitor.Storage;
using Monitor.Storage.Queries;
using Monitor.Triage;
using Monitor.Domain;
using Monitor.Worker.Web.Pages;

namespace Monitor.Worker.Web.Export;

/// <summary>
/// <c>/export/{table}?format=csv|xlsx&amp;…</c>: every table the pages show, with the same filters
/// and the same access rules, read page by page from the store and written as it is read.
/// </summary>
internal static class ExportEndpoint
{
    private const int ReadPage = 1000;

    public static async Task<IResult> HandleAsync(HttpContext http, string table, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var format = http.Request.Query["format"].ToString() is "xlsx" ? "xlsx" : "csv";
        var export = await TableAsync(page, table, cancellationToken);
        if (export is null)
        {
            return page.NotFound();
        }

        var fileName = $"{export.FileName}.{format}";
        http.Response.ContentType = format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        if (format == "xlsx")
        {
            await XlsxExport.WriteAsync(export, http.Response.Body, cancellationToken);
        }
        else
        {
            await CsvExport.WriteAsync(export, http.Response.Body, cancellationToken);
        }

        return Results.Empty;
    }

    /// <summary>The table asked for, or null when it does not exist or the viewer may not see it.</summary>
    internal static async Task<ExportTable?> TableAsync(PageContext page, string table, CancellationToken cancellationToken)
    {
        var query = page.Http.Request.Query;
        var viewer = page.Viewer!;
        var period = Period.Of(page.Http.Request);
        var queries = page.Sources.Queries;
        var t = page.T;
        switch (table)
        {
            case "leaderboard":
            {
                if (OverviewPage.Scope(page.Sources, viewer, query["cluster"]) is not var (cluster, stations))
                {
                    return null;
                }

                var report = await Leaderboard.BuildAsync(cluster ?? string.Empty, stations, queries, await page.Sources.FollowersAsync(cancellationToken), period.From, period.To, cancellationToken);
                return new ExportTable(
                    $"leaderboard-{cluster}",
                    [t["Rank"], t["StationId"], t["Station"], t["Items"], t["Engagement"], t["EngagementPerItem"], t["Views"], t["MedianOverperformance"], t["ScoredItems"], t["PlatformOutput"], t["FollowerGrowth"]],
                    Rows(report.Rows.Where(r => viewer.CanSee(r.StationId)).Select(r => new object?[]
                    {
                        r.Rank, r.StationId, r.StationName, r.Items, r.Engagement, Math.Round(r.EngagementPerItem, 2), r.Views, r.MedianOverperformance, r.ScoredItems,
                        string.Join(' ', r.ItemsPerPlatform.Select(p => $"{p.Key}:{p.Value}")), r.FollowerGrowth,
                    })));
            }

            case "top":
            {
                if (StationFor(page, query["station"]) is not { } station)
                {
                    return null;
                }

                var report = await TopItems.BuildAsync(station, queries, 100, period.From, period.To, cancellationToken);
                return new ExportTable(
                    $"top-{station}",
                    [t["Rank"], t["ItemId"], t["Platform"], t["Title"], t["Url"], t["Published"], t["Engagement"], t["Views"], t["Score1h"], t["Score24h"], t["Score7d"], t["StoryPlatforms"]],
                    Rows(report.Rows.Select(r => new object?[] { r.Rank, r.ItemId, r.Platform.ToString().ToLowerInvariant(), r.Title, r.Url, r.PublishedAt, r.Engagement, r.Views, r.Score1h, r.Score24h, r.Score7d, r.StoryPlatforms })));
            }

            case "items":
            {
                if (StationFor(page, query["station"]) is not { } station)
                {
                    return null;
                }

                return new ExportTable(
                    $"items-{station}",
                    [t["ItemId"], t["Platform"], t["Channel"], t["Title"], t["Url"], t["Published"], t["Collected"], t["Engagement"], t["Views"], t["Score1h"], t["Score24h"], t["Score7d"]],
                    AllItems(queries, ContentFilter.ForStation(station, period.From, period.To), cancellationToken));
            }

            case "observations":
            {
                if (await ItemFor(page, query["item"], cancellationToken) is not { } item)
                {
                    return null;
                }

                var observations = await queries.GetObservationsAsync(item, cancellationToken);
                return new ExportTable(
                    "observations-" + FileSafe(item),
                    [t["ItemId"], t["ObservedAt"], t["AgeSeconds"], t["Views"], t["Reactions"], t["Comments"], t["Shares"]],
                    Rows(observations.Select(o => new object?[] { o.ItemId, o.ObservedAt, (long?)o.Age?.TotalSeconds, o.Views, o.Reactions, o.Comments, o.Shares })));
            }

            case "comments":
            {
                if (await ItemFor(page, query["item"], cancellationToken) is not { } item)
                {
                    return null;
                }

                return new ExportTable(
                    "comments-" + FileSafe(item),
                    [t["CommentId"], t["ItemId"], t["Platform"], t["Author"], t["Comment"], t["Published"], t["Likes"]],
                    AllComments(queries, item, cancellationToken));
            }

            case "flags":
            {
                if (page.Http.RequestServices.GetService(typeof(IFlagInbox)) is not IFlagInbox inbox)
                {
                    return null;
                }

                return new ExportTable(
                    "flags",
                    [t["FlagId"], t["Raised"], t["StationId"], t["Platform"], t["ItemId"], t["Target"], t["Title"], t["Url"], t["Source"], t["Severity"], t["Reason"], t["Score"], t["Status"], t["Outcome"], t["Assignee"], t["Updated"]],
                    AllFlags(inbox, InboxFilter.Of(page.Http.Request).ToFlagFilter(viewer), cancellationToken));
            }

            case "audit":
            {
                var flagId = query["flag"].ToString();
                if (page.Http.RequestServices.GetService(typeof(IFlagInbox)) is not IFlagInbox inbox || !FlagIds.IsWellFormed(flagId)
                    || await inbox.GetAsync(flagId, cancellationToken) is not { } detail || !viewer.CanSee(detail.Flag.StationId ?? string.Empty))
                {
                    return null;
                }

                return new ExportTable(
                    "audit-" + flagId,
                    [t["FlagId"], t["When"], t["Who"], t["Action"], t["FromStatus"], t["ToStatus"], t["Assignee"], t["Outcome"], t["Note"]],
                    Rows(detail.Audit.Select(a => new object?[] { flagId, a.At, a.Actor, a.Action.ToWire(), a.From?.ToWire(), a.To.ToWire(), a.Assignee, a.Outcome?.ToWire(), a.Note })));
            }

            case "search":
            {
                if (page.Http.RequestServices.GetService(typeof(ISearchQueries)) is not ISearchQueries search || SearchResultsPage.Query(page.Http.Request, viewer) is not { } searchQuery)
                {
                    return null;
                }

                return new ExportTable(
                    "search",
                    [t["Kind"], t["Id"], t["ItemId"], t["StationId"], t["Platform"], t["Title"], t["Author"], t["Published"], t["Url"], t["Snippet"]],
                    AllHits(search, searchQuery, cancellationToken));
            }

            default:
                return null;
        }
    }

    private static async IAsyncEnumerable<object?[]> AllFlags(IFlagInbox inbox, FlagFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await inbox.ListAsync(filter, ReadPage, cursor, cancellationToken);
            foreach (var f in page.Flags)
            {
                yield return
                [
                    f.Id, f.RaisedAt, f.StationId, f.Platform?.ToWire(), f.ItemId, f.TargetId, f.Title, f.Url, f.Source, f.Severity, f.Reason, f.Score,
                    f.Status.ToWire(), f.Outcome?.ToWire(), f.Assignee, f.UpdatedAt,
                ];
            }

            cursor = page.Next;
        }
        while (cursor is not null);
    }

    /// <summary>Every hit, page by page, up to the search's result window (<see cref="SearchQuery.MaxResults"/>).</summary>
    private static async IAsyncEnumerable<object?[]> AllHits(ISearchQueries search, SearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int size = 100;
        for (var number = 1; (number - 1) * size < SearchQuery.MaxResults; number++)
        {
            var page = await search.SearchAsync(query with { Page = number, PageSize = size }, cancellationToken);
            foreach (var h in page.Hits)
            {
                yield return [h.Kind.ToString().ToLowerInvariant(), h.Id, h.ItemId, h.StationId, h.Platform?.ToWire(), h.Title, h.Author, h.PublishedAt, h.Url, string.Concat(h.Snippet.Select(s => s.Text))];
            }

            if (page.Hits.Count < size)
            {
                yield break;
            }
        }
    }

    private static string? StationFor(PageContext page, string? stationId) =>
        stationId is { Length: > 0 } id && page.Sources.Station(id) is not null && page.Viewer!.CanSee(id) ? id : null;

    private static async Task<string?> ItemFor(PageContext page, string? itemId, CancellationToken cancellationToken) =>
        itemId is { Length: > 0 } id && await page.Sources.Queries.GetItemAsync(id, cancellationToken) is { } item && page.Viewer!.CanSee(item.StationId) ? item.Id : null;

    private static string FileSafe(string id) => string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));

    private static async IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<object?[]> AllItems(IContentQueries queries, ContentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ItemCursor? after = null;
        while (true)
        {
            var page = await queries.GetLatestItemsAsync(filter, after, ReadPage, cancellationToken);
            foreach (var i in page)
            {
                yield return [i.Id, i.Platform.ToString().ToLowerInvariant(), i.ChannelId, i.Title, i.Url, i.PublishedAt, i.CollectedAt, i.Engagement, i.Views, i.Score1h, i.Score24h, i.Score7d];
            }

            if (page.Count < ReadPage)
            {
                yield break;
            }

            after = new ItemCursor(page[^1].PublishedAt ?? page[^1].CollectedAt, page[^1].Id);
        }
    }

    private static async IAsyncEnumerable<object?[]> AllComments(IContentQueries queries, string itemId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await queries.GetCommentsAsync(itemId, after, ReadPage, cancellationToken);
            foreach (var c in page)
            {
                yield return [c.Id, c.ItemId, c.Platform.ToString().ToLowerInvariant(), c.Author, c.Text, c.PublishedAt, c.Likes];
            }

            if (page.Count < ReadPage)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}
