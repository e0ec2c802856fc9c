using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Domain;
using Monitor.Triage;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Html;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// <c>/search?q=…</c>: full text over items or comments, insensitive to case and diacritics
/// (<c>thai nguyen</c> finds <c>Thái Nguyên</c>), filtered by station, platform and period, with the
/// matched words marked in the snippets, page by page.
/// </summary>
internal static class SearchResultsPage
{
    public static async Task<IResult> RenderAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var t = page.T;
        var search = http.RequestServices.GetService<ISearchQueries>();
        var query = Query(http.Request, page.Viewer!);
        var result = search is null || query is null ? null : await search.SearchAsync(query, cancellationToken);
        return page.Render(t["Search"], html =>
        {
            Form(page, html, query);
            if (search is null)
            {
                html.Element("p", t["SearchUnavailable"]);
                return;
            }

            if (query is null || result is null)
            {
                return;
            }

            html.Raw("<ul class=\"tabs\">");
            foreach (var target in new[] { SearchTarget.Items, SearchTarget.Comments })
            {
                html.Raw("<li>").Open("a", "href", page.Url("/search", [.. Pairs(query with { Target = target, Page = 1 })]), "aria-current", query.Target == target ? "true" : null)
                    .Text($"{t["SearchTarget_" + target]} ({Count(t, result, target)})").Raw("</a></li>");
            }

            html.Raw("</ul>");
            if (result.Hits.Count == 0)
            {
                html.Element("p", t["NoResults"]);
            }

            foreach (var hit in result.Hits)
            {
                html.Raw("<div class=\"hit\"><p><strong>");
                html.Open("a", "href", page.Url("/items/" + Uri.EscapeDataString(hit.ItemId)));
                Snippet(html, hit.TitleSnippet.Count > 0 ? hit.TitleSnippet : [new SnippetSegment(hit.Title ?? hit.ItemId, false)]);
                html.Raw("</a></strong></p><p>");
                Snippet(html, hit.Snippet);
                html.Raw("</p><p class=\"note\">").Text(string.Join(" · ", new[] { hit.StationId, hit.Platform is { } p ? Widgets.PlatformName(p) : null, hit.Author, t.Date(hit.PublishedAt) }.Where(s => s is not null))).Raw("</p></div>");
            }

            // A capped total means "at least": the next page exists while this one is full, up to the result window.
            var capped = query.Target == SearchTarget.Items ? result.ItemTotalCapped : result.CommentTotalCapped;
            var total = result.Total(query.Target);
            var last = capped
                ? (result.Hits.Count == query.PageSize ? Math.Min(query.Page + 1, SearchQuery.MaxResults / query.PageSize) : query.Page)
                : (int)Math.Min(SearchQuery.MaxResults, total + query.PageSize - 1) / query.PageSize;
            html.Raw("<p>");
            if (query.Page > 1)
            {
                html.Link(page.Url("/search", [.. Pairs(query with { Page = query.Page - 1 })]), t["PreviousPage"]).Text(" ");
            }

            html.Text(capped ? t.Format("PageOfMany", query.Page) : t.Format("PageOf", query.Page, Math.Max(1, last)));
            if (query.Page < last)
            {
                html.Text(" ").Link(page.Url("/search", [.. Pairs(query with { Page = query.Page + 1 })]), t["NextPage"]);
            }

            html.Raw("</p>");
            Widgets.ExportLinks(page, html, "search", [.. Pairs(query with { Page = 1 })]);
        });
    }

    /// <summary>The search the query string asks for, a station account held to its own station; null without words.</summary>
    internal static SearchQuery? Query(HttpRequest request, Viewer viewer)
    {
        var text = request.Query["q"].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var station = request.Query["station"].ToString() is { Length: > 0 } s ? s : null;
        IReadOnlyCollection<string>? stations = viewer.Role == UserRole.Station
            ? (station is null || station == viewer.StationId ? [viewer.StationId ?? string.Empty] : [])
            : station is null ? null : [station];
        var period = Period.Of(request);
        return new SearchQuery(
            text.Length > 200 ? text[..200] : text,
            request.Query["target"] == "comments" ? SearchTarget.Comments : SearchTarget.Items,
            stations,
            PlatformNames.TryParse(request.Query["platform"], out var platform) ? platform : null,
            period.From,
            period.To,
            int.TryParse(request.Query["page"], out var number) && number is > 0 and <= SearchQuery.MaxResults ? number : 1);
    }

    internal static IEnumerable<(string Name, string? Value)> Pairs(SearchQuery query)
    {
        yield return ("q", query.Text);
        yield return ("target", query.Target == SearchTarget.Comments ? "comments" : null);
        yield return ("station", query.Stations is { Count: 1 } one ? one.First() : null);
        yield return ("platform", query.Platform?.ToWire());
        yield return ("from", query.From is { } f ? DateOnly.FromDateTime(f.ToOffset(Localization.UiText.VietnamOffset).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
        yield return ("to", query.To is { } to ? DateOnly.FromDateTime(to.ToOffset(Localization.UiText.VietnamOffset).DateTime).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
        yield return ("page", query.Page > 1 ? query.Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static string Count(Localization.UiText t, SearchPage result, SearchTarget target) =>
        t.Number(result.Total(target)) + ((target == SearchTarget.Items ? result.ItemTotalCapped : result.CommentTotalCapped) ? "+" : string.Empty);

    private static void Snippet(HtmlBuilder html, IReadOnlyList<SnippetSegment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Match)
            {
                html.Element("mark", segment.Text);
            }
            else
            {
                html.Text(segment.Text);
            }
        }
    }

    private static void Form(PageContext page, HtmlBuilder html, SearchQuery? query)
    {
        var t = page.T;
        var viewer = page.Viewer!;
        html.Raw("<form method=\"get\" role=\"search\" class=\"filters\" action=\"").Text(page.Url("/search")).Raw("\">")
            .Raw("<label>").Text(t["SearchWords"]).Open("input", "type", "search", "name", "q", "value", query?.Text, "size", "40").Raw("</label>");
        InboxPage.Select(html, t["Station"], "station", query?.Stations is { Count: 1 } one ? one.First() : null, t["Any"],
            page.Sources.Stations.Where(s => viewer.CanSee(s.Id)).Select(s => (s.Id, s.Name)));
        InboxPage.Select(html, t["Platform"], "platform", query?.Platform?.ToWire(), t["Any"], Enum.GetValues<Platform>().Select(p => (p.ToWire(), Widgets.PlatformName(p))));
        if (query?.Target == SearchTarget.Comments)
        {
            html.Open("input", "type", "hidden", "name", "target", "value", "comments");
        }

        var pairs = query is null ? [] : Pairs(query).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        html.Raw("<label>").Text(t["From"]).Open("input", "type", "date", "name", "from", "value", pairs.GetValueOrDefault("from")).Raw("</label>")
            .Raw("<label>").Text(t["To"]).Open("input", "type", "date", "name", "to", "value", pairs.GetValueOrDefault("to")).Raw("</label>")
            .Raw("<button type=\"submit\">").Text(t["Search"]).Raw("</button></form>");
    }
}
