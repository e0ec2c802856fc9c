using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Domain;
using Monitor.Triage;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Html;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// <c>/inbox</c>: the flags, newest first, filtered by station, platform, source, severity, status,
/// assignee and period, with counts per status; a bulk action over the ticked rows (a plain form:
/// no script needed). <c>/inbox/{flagId}</c>: the evidence snapshot, the audit trail and the actions.
/// </summary>
internal static class InboxPage
{
    public const int PageSize = 50;

    private static readonly string[] AuditColumns = ["When", "Who", "Action", "FromStatus", "ToStatus", "Assignee", "Outcome", "Note"];

    private static readonly string[] FilterNames = ["station", "platform", "source", "severity", "status", "assignee", "from", "to"];

    public static async Task<IResult> RenderAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var t = page.T;
        if (http.RequestServices.GetService<IFlagInbox>() is not { } inbox)
        {
            return page.Render(t["Inbox"], html => html.Element("p", t["InboxUnavailable"]));
        }

        var viewer = page.Viewer!;
        var filter = InboxFilter.Of(http.Request);
        var cursor = http.Request.Query["cursor"].ToString();
        var result = await inbox.ListAsync(filter.ToFlagFilter(viewer), PageSize, cursor.Length == 0 ? null : cursor, cancellationToken);
        return page.Render(t["Inbox"], html =>
        {
            if (http.Request.Query["done"].ToString() is { Length: > 0 } done)
            {
                html.Element("p", done, "class", "note", "role", "status");
            }

            Filters(page, html, filter, viewer);
            html.Raw("<ul class=\"tabs\" aria-label=\"").Text(t["Status"]).Raw("\">");
            Tab(page, html, filter, null, t["AllStatuses"], result.Total);
            foreach (var status in TriageNames.AllStatuses)
            {
                Tab(page, html, filter, status.ToWire(), t["FlagStatus_" + status.ToWire()], result.CountsByStatus.GetValueOrDefault(status));
            }

            html.Raw("</ul>");
            var canTriage = viewer.CanTriage;
            if (canTriage)
            {
                html.Raw("<form method=\"post\" action=\"").Text(page.Url("/inbox/bulk")).Raw("\">");
                page.AntiforgeryField(html);
                foreach (var (name, value) in filter.Query(filter.Status))
                {
                    html.Open("input", "type", "hidden", "name", "back_" + name, "value", value);
                }
            }

            FlagTable(page, html, result.Flags, canTriage);
            if (canTriage)
            {
                html.Raw("<fieldset><legend>").Text(t["BulkAction"]).Raw("</legend>");
                ActionFields(page, html, bulk: true);
                html.Raw("</fieldset></form>");
            }

            if (result.Next is { } next)
            {
                html.Raw("<p>").Link(page.Url("/inbox", [.. filter.Query(filter.Status), ("cursor", next)]), t["NextPage"]).Raw("</p>");
            }

            Widgets.ExportLinks(page, html, "flags", filter.Query(filter.Status));
        });
    }

    public static async Task<IResult> DetailAsync(HttpContext http, string flagId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var t = page.T;
        var inbox = http.RequestServices.GetService<IFlagInbox>();
        var detail = inbox is null || !FlagIds.IsWellFormed(flagId) ? null : await inbox.GetAsync(flagId, cancellationToken);
        if (detail is null || !page.Viewer!.CanSee(detail.Flag.StationId ?? string.Empty))
        {
            return page.NotFound();
        }

        var flag = detail.Flag;
        var snapshot = detail.Snapshot;
        return page.Render($"{t["Flag"]}: {flag.Reason}", html =>
        {
            if (http.Request.Query["done"].ToString() is { Length: > 0 } done)
            {
                html.Element("p", done, "class", "note", "role", "status");
            }

            html.Raw("<dl class=\"fields\">");
            Field(html, t["Status"], StatusText(t, flag));
            Field(html, t["Assignee"], flag.Assignee ?? "–");
            Field(html, t["Station"], page.Sources.StationName(flag.StationId ?? "–"));
            Field(html, t["Platform"], flag.Platform is { } p ? Widgets.PlatformName(p) : "–");
            Field(html, t["Source"], flag.Source);
            Field(html, t["Severity"], flag.Severity);
            Field(html, t["FlagScore"], t.Fraction(flag.Score, 2));
            Field(html, t["Raised"], t.Date(flag.RaisedAt));
            html.Raw("</dl>");

            html.Element("h2", t["Evidence"]);
            html.Raw("<dl class=\"fields\">");
            html.Raw("<div>").Element("dt", t["Item"]).Raw("<dd>").Link(page.Url("/items/" + Uri.EscapeDataString(snapshot.ItemId)), snapshot.Title ?? snapshot.ItemId).Raw("</dd></div>");
            html.Raw("<div>").Element("dt", t["Original"]).Raw("<dd>");
            if (snapshot.Url is { } url)
            {
                html.Open("a", "href", ItemPage.SafeLink(url), "rel", "noopener noreferrer nofollow").Text(url).Close("a");
            }

            html.Raw("</dd></div>");
            Field(html, t["Target"], snapshot.TargetKind == TargetKind.Item ? t["TheItem"] : snapshot.TargetId);
            Field(html, t["Author"], snapshot.Author ?? "–");
            Field(html, t["Published"], t.Date(snapshot.PublishedAt));
            Field(html, t["MatchedTerms"], snapshot.MatchedTerms.Count == 0 ? "–" : string.Join(", ", snapshot.MatchedTerms));
            Field(html, t["Scores"], snapshot.Scores.Count == 0 ? "–" : string.Join(" · ", snapshot.Scores.Select(s => $"{s.Task}: {s.Label.ToLowerInvariant()} ({t.Fraction(s.Probability, 2)})")));
            if (snapshot.Engagement is { } e)
            {
                Field(html, t["EngagementWhenFlagged"], $"{t["Views"]} {t.Number(e.Views)} · {t["Reactions"]} {t.Number(e.Reactions)} · {t["Comments"]} {t.Number(e.Comments)} · {t["Shares"]} {t.Number(e.Shares)}" + (e.CommentLikes is { } likes ? $" · {t["Likes"]} {t.Number(likes)}" : string.Empty));
            }

            html.Raw("</dl><blockquote class=\"hit\"><p>").Text(snapshot.Text).Raw("</p></blockquote>");

            if (page.Viewer!.CanTriage)
            {
                html.Element("h2", t["Triage"]);
                html.Raw("<form method=\"post\" action=\"").Text(page.Url("/inbox/" + flag.Id)).Raw("\"><fieldset><legend>").Text(t["Action"]).Raw("</legend>");
                page.AntiforgeryField(html);
                ActionFields(page, html, bulk: false);
                html.Raw("</fieldset></form>");
            }

            html.Element("h2", t["AuditTrail"]);
            html.Raw("<div class=\"scroll\"><table id=\"audit\"><caption>").Text(t["AuditTrail"]).Raw("</caption><thead><tr>");
            foreach (var key in AuditColumns)
            {
                html.Element("th", t[key], "scope", "col");
            }

            html.Raw("</tr></thead><tbody>");
            foreach (var entry in detail.Audit)
            {
                html.Raw("<tr>").Element("td", t.Date(entry.At)).Element("td", entry.Actor).Element("td", t["Action_" + entry.Action.ToWire()])
                    .Element("td", entry.From is { } from ? t["FlagStatus_" + from.ToWire()] : "–").Element("td", t["FlagStatus_" + entry.To.ToWire()])
                    .Element("td", entry.Assignee ?? "–").Element("td", entry.Outcome is { } o ? t["Outcome_" + o.ToWire()] : "–").Element("td", entry.Note ?? string.Empty).Raw("</tr>");
            }

            html.Raw("</tbody></table></div>");
            Widgets.ExportLinks(page, html, "audit", ("flag", flag.Id));
        });
    }

    /// <summary>POST /inbox/{flagId}: one action with its audit entry.</summary>
    public static async Task<IResult> ApplyAsync(HttpContext http, string flagId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var inbox = http.RequestServices.GetService<IFlagInbox>();
        var detail = inbox is null || !FlagIds.IsWellFormed(flagId) ? null : await inbox.GetAsync(flagId, cancellationToken);
        if (detail is null || !page.Viewer!.CanSee(detail.Flag.StationId ?? string.Empty))
        {
            return page.NotFound();
        }

        if (!page.Viewer.CanTriage)
        {
            return page.Forbidden();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (TriageForm.Action(form) is not { } action)
        {
            return Results.Redirect(page.Url("/inbox/" + flagId, ("done", page.T["ActionInvalid"])));
        }

        try
        {
            await inbox!.ApplyAsync(flagId, action, page.Viewer.Name, cancellationToken);
            return Results.Redirect(page.Url("/inbox/" + flagId, ("done", page.T["ActionDone"])));
        }
        catch (TriageRefusedException refused)
        {
            return Results.Redirect(page.Url("/inbox/" + flagId, ("done", refused.Message)));
        }
    }

    /// <summary>POST /inbox/bulk: one action over the ticked flags the viewer may see; the others are reported refused.</summary>
    public static async Task<IResult> BulkAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var viewer = page.Viewer!;
        if (!viewer.CanTriage)
        {
            return page.Forbidden();
        }

        var inbox = http.RequestServices.GetService<IFlagInbox>();
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var back = (string Name, string? Value)[] (string message) =>
            [.. FilterNames.Select(n => (n, (string?)(form["back_" + n].ToString() is { Length: > 0 } v ? v : null))), ("done", message)];
        var ids = form["flag"].Where(FlagIds.IsWellFormed).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        if (inbox is null || ids.Count == 0 || TriageForm.Action(form) is not { } action)
        {
            return Results.Redirect(page.Url("/inbox", back(page.T["ActionInvalid"])));
        }

        // A station account's bulk action never reaches another station's flag, even with a forged id.
        var allowed = new List<string>();
        foreach (var id in ids)
        {
            if (await inbox.GetAsync(id, cancellationToken) is { } detail && viewer.CanSee(detail.Flag.StationId ?? string.Empty))
            {
                allowed.Add(id);
            }
        }

        var result = await inbox.ApplyAsync(allowed, action, viewer.Name, cancellationToken);
        return Results.Redirect(page.Url("/inbox", back(page.T.Format("BulkDone", result.Applied.Count, result.Refused.Count + (ids.Count - allowed.Count)))));
    }

    internal static string StatusText(Localization.UiText t, FlagSummary flag) =>
        t["FlagStatus_" + flag.Status.ToWire()] + (flag.Outcome is { } o ? $" ({t["Outcome_" + o.ToWire()]})" : string.Empty);

    private static void Field(HtmlBuilder html, string label, string value) => html.Raw("<div>").Element("dt", label).Element("dd", value).Raw("</div>");

    private static void Tab(PageContext page, HtmlBuilder html, InboxFilter filter, string? status, string label, long count)
    {
        html.Raw("<li>").Open("a", "href", page.Url("/inbox", filter.Query(status)), "aria-current", filter.Status == status ? "true" : null)
            .Text($"{label} ({page.T.Number(count)})").Raw("</a></li>");
    }

    private static void Filters(PageContext page, HtmlBuilder html, InboxFilter filter, Viewer viewer)
    {
        var t = page.T;
        html.Raw("<form method=\"get\" class=\"filters\" action=\"").Text(page.Url("/inbox")).Raw("\">");
        html.Raw("<label>").Text(t["Station"]).Raw("<select name=\"station\">");
        if (viewer.Role != UserRole.Station)
        {
            html.Open("option", "value", string.Empty).Text(t["Any"]).Close("option");
        }

        foreach (var station in page.Sources.Stations.Where(s => viewer.CanSee(s.Id)))
        {
            html.Open("option", "value", station.Id, "selected", station.Id == filter.Station ? "selected" : null).Text(station.Name).Close("option");
        }

        html.Raw("</select></label>");
        Select(html, t["Platform"], "platform", filter.Platform, t["Any"], Enum.GetValues<Platform>().Select(p => (p.ToWire(), Widgets.PlatformName(p))));
        Select(html, t["Status"], "status", filter.Status, t["Any"], [("open_work", t["OpenWork"]), .. TriageNames.AllStatuses.Select(s => (s.ToWire(), t["FlagStatus_" + s.ToWire()]))]);
        html.Raw("<label>").Text(t["Source"]).Open("input", "name", "source", "value", filter.Source, "size", "18").Raw("</label>")
            .Raw("<label>").Text(t["Severity"]).Open("input", "name", "severity", "value", filter.Severity, "size", "8").Raw("</label>")
            .Raw("<label>").Text(t["Assignee"]).Open("input", "name", "assignee", "value", filter.Assignee, "size", "12").Raw("</label>")
            .Raw("<label>").Text(t["From"]).Open("input", "type", "date", "name", "from", "value", filter.Period.FromText).Raw("</label>")
            .Raw("<label>").Text(t["To"]).Open("input", "type", "date", "name", "to", "value", filter.Period.ToText).Raw("</label>")
            .Raw("<button type=\"submit\">").Text(t["Apply"]).Raw("</button></form>");
    }

    internal static void Select(HtmlBuilder html, string label, string name, string? selected, string any, IEnumerable<(string Value, string Label)> options)
    {
        html.Raw("<label>").Text(label).Open("select", "name", name).Open("option", "value", string.Empty).Text(any).Close("option");
        foreach (var (value, text) in options)
        {
            html.Open("option", "value", value, "selected", value == selected ? "selected" : null).Text(text).Close("option");
        }

        html.Raw("</select></label>");
    }

    private static void FlagTable(PageContext page, HtmlBuilder html, IReadOnlyList<FlagSummary> flags, bool selectable)
    {
        var t = page.T;
        if (flags.Count == 0)
        {
            html.Element("p", t["NoFlags"]);
            return;
        }

        html.Raw("<div class=\"scroll\"><table id=\"flags\"><caption>").Text(t["Inbox"]).Raw("</caption><thead><tr>");
        if (selectable)
        {
            html.Element("th", t["Select"], "scope", "col");
        }

        foreach (var key in new[] { "Raised", "Station", "Platform", "Item", "Source", "Severity", "Reason", "Status", "Assignee", "Flag" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var f in flags)
        {
            html.Raw("<tr>");
            if (selectable)
            {
                html.Raw("<td>").Open("input", "type", "checkbox", "name", "flag", "value", f.Id, "aria-label", $"{t["Select"]} {f.Id}").Raw("</td>");
            }

            html.Element("td", t.Date(f.RaisedAt)).Element("td", f.StationId ?? "–").Element("td", f.Platform is { } p ? Widgets.PlatformName(p) : "–")
                .Raw("<td>").Link(page.Url("/items/" + Uri.EscapeDataString(f.ItemId)), f.Title ?? f.ItemId).Raw("</td>")
                .Element("td", f.Source).Element("td", f.Severity).Element("td", f.Reason).Element("td", StatusText(t, f)).Element("td", f.Assignee ?? "–")
                .Raw("<td>").Link(page.Url("/inbox/" + f.Id), t["Open"]).Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static void ActionFields(PageContext page, HtmlBuilder html, bool bulk)
    {
        var t = page.T;
        var prefix = bulk ? "bulk-" : "one-";
        html.Raw($"<label for=\"{prefix}action\">").Text(t["Action"]).Raw($"</label><select id=\"{prefix}action\" name=\"action\">");
        foreach (var action in TriageForm.Actions)
        {
            html.Open("option", "value", action.ToWire()).Text(t["Action_" + action.ToWire()]).Close("option");
        }

        html.Raw($"</select> <label for=\"{prefix}outcome\">").Text(t["Outcome"]).Raw($"</label><select id=\"{prefix}outcome\" name=\"outcome\">")
            .Open("option", "value", string.Empty).Text("–").Close("option")
            .Open("option", "value", "confirmed").Text(t["Outcome_confirmed"]).Close("option")
            .Open("option", "value", "false_alarm").Text(t["Outcome_false_alarm"]).Close("option")
            .Raw($"</select> <label for=\"{prefix}assignee\">").Text(t["Assignee"]).Raw("</label>")
            .Open("input", "id", prefix + "assignee", "name", "assignee", "size", "12")
            .Raw($" <label for=\"{prefix}note\">").Text(t["Note"]).Raw("</label>")
            .Open("input", "id", prefix + "note", "name", "note", "size", "40", "maxlength", "2000")
            .Raw(" <button type=\"submit\">").Text(t["Apply"]).Raw("</button>");
    }
}
