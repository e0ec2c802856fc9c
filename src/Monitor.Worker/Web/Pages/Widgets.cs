using Monitor.Domain;
using Monitor.Storage.Queries;
using Monitor.Worker.Web.Html;

namespace Monitor.Worker.Web.Pages;

/// <summary>Pieces several pages share: figure cards, period form, export links, day axes.</summary>
internal static class Widgets
{
    public static void Figures(HtmlBuilder html, params (string Label, string Value)[] figures)
    {
        html.Raw("<dl class=\"figures\">");
        foreach (var (label, value) in figures)
        {
            html.Raw("<div>").Element("dt", label).Element("dd", value).Raw("</div>");
        }

        html.Raw("</dl>");
    }

    /// <summary>A GET form (works without script) choosing the period, keeping the page's other parameters.</summary>
    public static void PeriodForm(PageContext page, HtmlBuilder html, Period period, params (string Name, string? Value)[] keep) => PeriodForm(page, html, period, null, keep);

    /// <summary>The period form with more fields (<paramref name="fields"/>) before the dates.</summary>
    public static void PeriodForm(PageContext page, HtmlBuilder html, Period period, Action<HtmlBuilder>? fields, params (string Name, string? Value)[] keep)
    {
        html.Raw("<form method=\"get\" class=\"filters\" action=\"").Text(page.Url(page.Http.Request.Path)).Raw("\">");
        fields?.Invoke(html);
        foreach (var (name, value) in keep)
        {
            if (value is not null)
            {
                html.Open("input", "type", "hidden", "name", name, "value", value);
            }
        }

        html.Raw("<label>").Text(page.T["From"]).Open("input", "type", "date", "name", "from", "value", period.FromText).Raw("</label>")
            .Raw("<label>").Text(page.T["To"]).Open("input", "type", "date", "name", "to", "value", period.ToText).Raw("</label>")
            .Raw("<button type=\"submit\">").Text(page.T["Apply"]).Raw("</button></form>");
    }

    public static void ExportLinks(PageContext page, HtmlBuilder html, string table, params (string Name, string? Value)[] query)
    {
        html.Raw("<p class=\"exports\">").Text(page.T["Export"] + ": ");
        html.Link(page.Url("/export/" + table, [.. query, ("format", "csv")]), "CSV").Text(" · ");
        html.Link(page.Url("/export/" + table, [.. query, ("format", "xlsx")]), "XLSX");
        html.Raw("</p>");
    }

    /// <summary>Every day from the first to the last in the rows, so a chart's x axis has no gaps.</summary>
    public static IReadOnlyList<DateOnly> Days(IEnumerable<DailyTotals> rows)
    {
        var days = rows.Select(r => r.Day).ToList();
        if (days.Count == 0)
        {
            return [];
        }

        var first = days.Min();
        var last = days.Max();

        // A very long period is drawn over its last 400 days; the tables and exports keep everything.
        if (last.DayNumber - first.DayNumber > 400)
        {
            first = last.AddDays(-400);
        }

        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
    }

    public static string PlatformName(Platform platform) => platform switch
    {
        Platform.Web => "Web",
        Platform.YouTube => "YouTube",
        Platform.Facebook => "Facebook",
        Platform.TikTok => "TikTok",
        Platform.Zalo => "Zalo",
        _ => platform.ToString(),
    };

    public static void Formulas(PageContext page, HtmlBuilder html, IEnumerable<string> lines)
    {
        html.Raw("<details class=\"formulas\"><summary>").Text(page.T["Formulas"]).Raw("</summary><pre>");
        html.Text(string.Join('\n', lines));
        html.Raw("</pre></details>");
    }
}
