using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitor.Reporting;
using Monitor.Storage.Queries;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Localization;
using Monitor.Worker.Web.Pages;

namespace Monitor.Worker.Web.Api;

/// <summary>
/// The JSON API under <c>/api/</c>: the pages' data for other tools, behind a bearer token (or the
/// browser's session), with the same access rules: a station account gets 403 or 404 for anything
/// of another station.
/// </summary>
internal static class ApiEndpoints
{
    public static RouteGroupBuilder MapMonitorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/leaderboard", LeaderboardAsync);
        api.MapGet("/stations/{stationId}", StationAsync);
        api.MapGet("/items/{itemId}", ItemAsync);
        return api;
    }

    private static async Task<IResult> LeaderboardAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var viewer = page.Viewer!;
        var cluster = http.Request.Query["cluster"].ToString();
        if (viewer.Role == UserRole.Station && page.Sources.Station(viewer.StationId ?? string.Empty)?.Cluster != cluster && cluster.Length > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A station account sees its own cluster only.");
        }

        if (OverviewPage.Scope(page.Sources, viewer, cluster.Length == 0 ? null : cluster) is not var (scopeCluster, stations))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No station belongs to cluster '{cluster}'.");
        }

        var period = Period.Of(http.Request);
        var report = await Leaderboard.BuildAsync(scopeCluster ?? string.Empty, stations, page.Sources.Queries, await page.Sources.FollowersAsync(cancellationToken), period.From, period.To, cancellationToken);
        return Results.Ok(report with { Rows = [.. report.Rows.Where(r => viewer.CanSee(r.StationId))] });
    }

    private static async Task<IResult> StationAsync(HttpContext http, string stationId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var station = page.Sources.Station(stationId);
        if (station is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No station '{stationId}'.");
        }

        if (!page.Viewer!.CanSee(station.Id))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A station account sees its own station only.");
        }

        var period = Period.Of(http.Request);
        var filter = ContentFilter.ForStation(station.Id, period.From, period.To);
        var queries = page.Sources.Queries;
        var daily = await queries.GetDailyTotalsAsync(filter, UiText.VietnamOffset, cancellationToken);
        var top = await TopItems.BuildAsync(station.Id, queries, 10, period.From, period.To, cancellationToken);
        var channels = await queries.GetChannelActivityAsync(ContentFilter.ForStation(station.Id), cancellationToken);
        return Results.Ok(new
        {
            station = new { station.Id, station.Name, station.Province, station.Cluster, channels = station.Channels.Select(c => new { c.Id, platform = c.Platform.ToString().ToLowerInvariant() }) },
            from = period.From,
            to = period.To,
            daily = daily.Select(d => new { day = d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), platform = d.Platform.ToString().ToLowerInvariant(), d.Items, d.Engagement, d.Views, d.Comments, d.Flagged }),
            topItems = top.Rows,
            channelActivity = channels,
        });
    }

    private static async Task<IResult> ItemAsync(HttpContext http, string itemId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var queries = page.Sources.Queries;
        var item = await queries.GetItemAsync(itemId, cancellationToken);
        if (item is null || !page.Viewer!.CanSee(item.StationId))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No item '{itemId}'.");
        }

        var summary = (await queries.GetStoryCandidatesByIdAsync([item.Id], cancellationToken)).SingleOrDefault()?.Item;
        var comments = await queries.GetCommentsAsync(item.Id, null, 200, cancellationToken);
        return Results.Ok(new
        {
            item,
            summary,
            observations = await queries.GetObservationsAsync(item.Id, cancellationToken),
            assessments = await queries.GetAssessmentsAsync([item.Id, .. comments.Select(c => c.Id)], cancellationToken),
            flags = await queries.GetFlagsOfItemAsync(item.Id, cancellationToken),
            comments,
        });
    }
}
