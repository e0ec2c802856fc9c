using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitor.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Storage.Queries;
using Monitor.Triage;
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
        api.MapGet("/flags", FlagsAsync);
        api.MapGet("/flags/{flagId}", FlagAsync);
        api.MapPost("/flags/{flagId}/actions", FlagActionAsync);
        api.MapGet("/search", SearchAsync);
        api.MapGet("/alerts", AlertsAsync);
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

    /// <summary><c>/api/alerts?status=open|closed&amp;station=&amp;before=</c>: a page of alerts, newest first; <c>next</c> is the next page's <c>before</c>.</summary>
    private static async Task<IResult> AlertsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        if (http.RequestServices.GetService<Alerts.Outbox.IAlertOutbox>() is not { } outbox)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This store keeps no alerts.");
        }

        var viewer = page.Viewer!;
        var asked = http.Request.Query["station"].ToString() is { Length: > 0 } s ? s.Trim() : null;
        if (viewer.Role == UserRole.Station && asked is not null && asked != viewer.StationId)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A station account sees its own station only.");
        }

        bool? open = http.Request.Query["status"].ToString() switch { "open" => true, "closed" => false, _ => null };
        long? before = long.TryParse(http.Request.Query["before"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
        var alerts = await outbox.ListAlertsPageAsync(open, viewer.Role == UserRole.Station ? viewer.StationId ?? string.Empty : asked, before, AlertsPage.PageSize + 1, cancellationToken);
        return Results.Ok(new
        {
            alerts = alerts.Take(AlertsPage.PageSize).Select(a => new
            {
                a.Id,
                kind = Alerts.AlertKindNames.ToWire(a.Kind),
                a.TargetId,
                a.StationId,
                a.ChannelId,
                a.ItemId,
                a.Summary,
                a.Numbers,
                a.Evidence,
                a.OpenedAt,
                a.UpdatedAt,
                a.ClosedAt,
                deliveries = a.Deliveries.Select(d => new { d.RecipientId, d.Channel, status = d.Status.ToString().ToLowerInvariant(), d.Attempts, d.SentAt }),
            }),
            next = alerts.Count > AlertsPage.PageSize ? alerts[AlertsPage.PageSize - 1].Id : (long?)null,
        });
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

    private static async Task<IResult> FlagsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        if (http.RequestServices.GetService<IFlagInbox>() is not { } inbox)
        {
            return Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "This store keeps no triage inbox.");
        }

        var viewer = page.Viewer!;
        var filter = InboxFilter.Of(http.Request);
        if (viewer.Role == UserRole.Station && filter.Station is { } asked && asked != viewer.StationId)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A station account sees its own station's flags only.");
        }

        var limit = int.TryParse(http.Request.Query["limit"], out var l) && l is > 0 and <= 500 ? l : 50;
        var cursor = http.Request.Query["cursor"].ToString();
        var result = await inbox.ListAsync(filter.ToFlagFilter(viewer), limit, cursor.Length == 0 ? null : cursor, cancellationToken);
        return Results.Ok(new
        {
            flags = result.Flags,
            countsByStatus = result.CountsByStatus.ToDictionary(c => c.Key.ToWire(), c => c.Value, StringComparer.Ordinal),
            total = result.Total,
            next = result.Next,
        });
    }

    private static async Task<IResult> FlagAsync(HttpContext http, string flagId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var inbox = http.RequestServices.GetService<IFlagInbox>();
        var detail = inbox is null || !FlagIds.IsWellFormed(flagId) ? null : await inbox.GetAsync(flagId, cancellationToken);
        return detail is null || !page.Viewer!.CanSee(detail.Flag.StationId ?? string.Empty)
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No flag '{flagId}'.")
            : Results.Ok(detail);
    }

    /// <summary>POST /api/flags/{id}/actions with a form or JSON-less form fields: action, outcome, assignee, note.</summary>
    private static async Task<IResult> FlagActionAsync(HttpContext http, string flagId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var inbox = http.RequestServices.GetService<IFlagInbox>();
        var detail = inbox is null || !FlagIds.IsWellFormed(flagId) ? null : await inbox.GetAsync(flagId, cancellationToken);
        if (detail is null || !page.Viewer!.CanSee(detail.Flag.StationId ?? string.Empty))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No flag '{flagId}'.");
        }

        if (!page.Viewer.CanTriage)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This account reads flags but does not triage them.");
        }

        if (!http.Request.HasFormContentType || TriageForm.Action(await http.Request.ReadFormAsync(cancellationToken)) is not { } action)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send form fields action (take, assign, in_review, escalate, resolve, dismiss, reopen, add_note), and outcome, assignee or note as the action needs.");
        }

        try
        {
            return Results.Ok(await inbox!.ApplyAsync(flagId, action, page.Viewer.Name, cancellationToken));
        }
        catch (TriageRefusedException refused)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refused.Message);
        }
    }

    private static async Task<IResult> SearchAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        if (http.RequestServices.GetService<ISearchQueries>() is not { } search)
        {
            return Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "This store offers no search.");
        }

        var viewer = page.Viewer!;
        if (viewer.Role == UserRole.Station && http.Request.Query["station"].ToString() is { Length: > 0 } asked && asked != viewer.StationId)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A station account searches its own station only.");
        }

        return SearchResultsPage.Query(http.Request, viewer) is { } query
            ? Results.Ok(await search.SearchAsync(query, cancellationToken))
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give the words to search for: /api/search?q=…");
    }
}
