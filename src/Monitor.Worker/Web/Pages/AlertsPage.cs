using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Outbox;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Html;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// <c>/alerts</c>: what the alert rules raised, newest first, open or closed, with each alert's
/// numbers, its deliveries and links to the item and to the inbox flags of its station on that day.
/// A station account sees its own station's alerts only, whatever the query string asks.
/// </summary>
internal static class AlertsPage
{
    public const int PageSize = 50;

    public static async Task<IResult> RenderAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var t = page.T;
        if (http.RequestServices.GetService<IAlertOutbox>() is not { } outbox)
        {
            return page.Render(t["Alerts"], html => html.Element("p", t["AlertsUnavailable"]));
        }

        var viewer = page.Viewer!;
        var status = http.Request.Query["status"].ToString() switch { "open" => "open", "closed" => "closed", _ => null };
        var asked = http.Request.Query["station"].ToString() is { Length: > 0 } s ? s.Trim() : null;
        var station = viewer.Role == UserRole.Station ? viewer.StationId ?? string.Empty : asked;
        long? before = long.TryParse(http.Request.Query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var alerts = await outbox.ListAlertsPageAsync(status switch { "open" => true, "closed" => false, _ => null }, station, before, PageSize + 1, cancellationToken);
        return page.Render(t["Alerts"], html =>
        {
            Filters(page, html, status, viewer.Role == UserRole.Station ? null : asked);
            if (alerts.Count == 0)
            {
                html.Element("p", t["NoAlerts"]);
                return;
            }

            AlertTable(page, html, alerts.Take(PageSize));
            if (alerts.Count > PageSize)
            {
                html.Raw("<p>").Link(page.Url("/alerts", ("status", status), ("station", asked), ("before", alerts[PageSize - 1].Id.ToString(CultureInfo.InvariantCulture))), t["NextPage"]).Raw("</p>");
            }
        });
    }

    private static void Filters(PageContext page, HtmlBuilder html, string? status, string? station)
    {
        var t = page.T;
        html.Raw("<form method=\"get\" class=\"filters\" action=\"").Text(page.Url("/alerts")).Raw("\">");
        html.Raw("<label for=\"alert-status\">").Text(t["Status"]).Raw("</label><select id=\"alert-status\" name=\"status\">");
        foreach (var (value, label) in new[] { (string.Empty, t["AllStatuses"]), ("open", t["AlertOpen"]), ("closed", t["AlertClosed"]) })
        {
            html.Open("option", "value", value, "selected", value == (status ?? string.Empty) ? "selected" : null).Text(label).Close("option");
        }

        html.Raw("</select>");
        if (page.Viewer!.Role != UserRole.Station)
        {
            html.Raw("<label for=\"alert-station\">").Text(t["Station"]).Raw("</label><select id=\"alert-station\" name=\"station\">");
            html.Open("option", "value", string.Empty).Text(t["AllStations"]).Close("option");
            foreach (var each in page.Sources.Stations)
            {
                html.Open("option", "value", each.Id, "selected", each.Id == station ? "selected" : null).Text(each.Name).Close("option");
            }

            html.Raw("</select>");
        }

        html.Raw("<button type=\"submit\">").Text(t["Apply"]).Raw("</button></form>");
    }

    private static void AlertTable(PageContext page, HtmlBuilder html, IEnumerable<StoredAlert> alerts)
    {
        var t = page.T;
        html.Raw("<div class=\"scroll\"><table id=\"alerts\"><caption>").Text(t["Alerts"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "AlertOpened", "AlertKind", "Station", "AlertWhat", "AlertNumbers", "Status", "AlertDeliveries", "AlertConcerns" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var alert in alerts)
        {
            html.Raw("<tr>").Element("td", t.Date(alert.OpenedAt)).Element("td", t["AlertKind_" + alert.Kind.ToWire()])
                .Element("td", page.Sources.StationName(alert.StationId)).Element("td", alert.Summary)
                .Element("td", string.Join(" · ", alert.Numbers.Select(n => $"{n.Key} {Figure(t, n.Value)}")))
                .Element("td", alert.ClosedAt is { } closed ? $"{t["AlertClosed"]} {t.Date(closed)}" : t["AlertOpen"])
                .Element("td", Deliveries(t, alert.Deliveries))
                .Raw("<td>");
            if (alert.ItemId is { } item)
            {
                html.Link(page.Url("/items/" + Uri.EscapeDataString(item)), t["Item"]).Text(" · ");
            }

            // The flags behind an alert are the station's flags raised on the alert's day (Vietnam time).
            var day = TimeZoneInfo.ConvertTime(alert.OpenedAt, Localization.UiText.VietnamZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            html.Link(page.Url("/inbox", ("station", alert.StationId), ("from", day), ("to", day)), t["Inbox"]).Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    /// <summary>Counts as counts (<c>3.631</c>), shares and scores with two decimals (<c>3,73</c>).</summary>
    private static string Figure(Localization.UiText t, double value) =>
        value == Math.Round(value) && Math.Abs(value) < long.MaxValue ? t.Number((long)value) : t.Fraction(value, 2);

    private static string Deliveries(Localization.UiText t, IReadOnlyList<StoredDelivery> deliveries) =>
        deliveries.Count == 0
            ? "–"
            : string.Join(" · ", deliveries.GroupBy(d => d.Status).OrderBy(g => g.Key).Select(g => $"{t["Delivery_" + g.Key.ToString().ToLowerInvariant()]} {g.Count()}"));
}
