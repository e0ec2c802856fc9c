using Microsoft.AspNetCore.Http;
using Monitor.Domain;
using Monitor.Reporting;
using Monitor.Storage.Queries;
using Monitor.Worker.Web.Html;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// <c>/items/{itemId}</c>: the item's fields and a link to the original; its engagement curve
/// against the channel's expected curve at the standard ages (the CrowdTangle view); observations;
/// comments with sentiment, toxicity and flags; the same story elsewhere.
/// </summary>
internal static class ItemPage
{
    public const int CommentPageSize = 50;

    private const int BodyShown = 3000;

    private static readonly (TimeSpan Age, Func<ItemSummary, double?> Score)[] StandardAges =
    [
        (TimeSpan.FromHours(1), s => s.Score1h),
        (TimeSpan.FromHours(24), s => s.Score24h),
        (TimeSpan.FromDays(7), s => s.Score7d),
    ];

    public static async Task<IResult> RenderAsync(HttpContext http, string itemId, CancellationToken cancellationToken)
    {
        var page = PageContext.For(http);
        var queries = page.Sources.Queries;
        var item = await queries.GetItemAsync(itemId, cancellationToken);

        // Another station's item answers as if it did not exist: a station account learns nothing from the id.
        if (item is null || !page.Viewer!.CanSee(item.StationId))
        {
            return page.NotFound();
        }

        var t = page.T;
        var candidate = (await queries.GetStoryCandidatesByIdAsync([item.Id], cancellationToken)).SingleOrDefault();
        var observations = await queries.GetObservationsAsync(item.Id, cancellationToken);
        var after = http.Request.Query["after"].ToString();
        var comments = await queries.GetCommentsAsync(item.Id, string.IsNullOrEmpty(after) ? null : after, CommentPageSize, cancellationToken);
        var assessments = (await queries.GetAssessmentsAsync([item.Id, .. comments.Select(c => c.Id)], cancellationToken)).ToLookup(a => a.TargetId, StringComparer.Ordinal);
        var flags = await queries.GetFlagsOfItemAsync(item.Id, cancellationToken);
        var story = candidate is null ? [] : await StoryAsync(queries, candidate, cancellationToken);

        return page.Render(item.Title, html =>
        {
            html.Raw("<dl class=\"fields\">");
            Field(html, t["Station"], () => html.Link(page.Url("/stations/" + Uri.EscapeDataString(item.StationId)), page.Sources.StationName(item.StationId)));
            Field(html, t["Channel"], () => html.Text(item.ChannelId));
            Field(html, t["Platform"], () => html.Text($"{Widgets.PlatformName(item.Platform)} · {item.Kind}"));
            Field(html, t["Published"], () => html.Text(t.Date(item.PublishedAt)));
            Field(html, t["Collected"], () => html.Text(t.Date(item.CollectedAt)));
            Field(html, t["Author"], () => html.Text(item.Author ?? "–"));
            Field(html, t["Original"], () => html.Open("a", "href", SafeLink(item.Url), "rel", "noopener noreferrer nofollow").Text(item.Url).Close("a"));
            Field(html, t["Engagement"], () => html.Text(t.Number(candidate?.Item.Engagement ?? 0)));
            Field(html, t["Views"], () => html.Text(t.Number(candidate?.Item.Views)));
            Field(html, t["Assessment"], () => html.Text(Labels(assessments[item.Id])));
            html.Raw("</dl>");
            if (!string.IsNullOrEmpty(item.Body))
            {
                html.Raw("<details class=\"body\"><summary>").Text(t["Body"]).Raw("</summary><p>")
                    .Text(item.Body.Length > BodyShown ? item.Body[..BodyShown] + " …" : item.Body).Raw("</p></details>");
            }

            html.Element("h2", t["EngagementCurve"]);
            Curve(page, html, item, candidate?.Item, observations);

            html.Element("h2", t["Observations"]);
            ObservationsTable(page, html, observations);
            Widgets.ExportLinks(page, html, "observations", ("item", item.Id));

            html.Element("h2", t["Flags"]);
            FlagsTable(page, html, flags);

            html.Element("h2", t["Comments"]);
            CommentsTable(page, html, comments, assessments, flags);
            if (comments.Count == CommentPageSize)
            {
                html.Raw("<p>").Link(page.Url("/items/" + Uri.EscapeDataString(item.Id), ("after", comments[^1].Id)), t["NextPage"]).Raw("</p>");
            }

            Widgets.ExportLinks(page, html, "comments", ("item", item.Id));

            html.Element("h2", t["SameStory"]);
            if (story.Count == 0)
            {
                html.Element("p", t["SameStoryNone"]);
            }
            else
            {
                StationPage.ItemsTable(page, html, story, "SameStory");
            }
        });
    }

    /// <summary>Only http(s) links are followed; anything else (<c>javascript:</c>) is shown but not linked.</summary>
    internal static string SafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : "#";

    private static void Field(HtmlBuilder html, string label, Action value)
    {
        html.Raw("<div>").Element("dt", label).Raw("<dd>");
        value();
        html.Raw("</dd></div>");
    }

    private static string Labels(IEnumerable<Assessment> assessments) =>
        string.Join(" · ", assessments.GroupBy(a => a.Task, StringComparer.Ordinal).Select(g => g.Last()).Select(a => $"{a.Task}: {a.Label.ToLowerInvariant()} ({a.Probability:0.00})"));

    /// <summary>The items linked to this one by a shared link or a near-identical title (the first step of the story walk), other than itself.</summary>
    private static async Task<IReadOnlyList<ItemSummary>> StoryAsync(Monitor.Storage.IContentQueries queries, StoryCandidate candidate, CancellationToken cancellationToken)
    {
        var linked = (await queries.GetItemsSharingLinksAsync(candidate.LinkKeys, cancellationToken)).Select(c => c.Item).ToList();
        if (candidate.Item.PublishedAt is { } published)
        {
            var window = new ContentFilter([candidate.Item.StationId], null, published - StoryLinker.Window, published + StoryLinker.Window);
            var shingles = StoryTitle.Shingles(candidate.Item.Title);
            linked.AddRange((await queries.GetStoryCandidatesAsync(window, cancellationToken))
                .Where(c => StoryLinker.TitlesJoin(candidate.Item, shingles, c.Item, StoryTitle.Shingles(c.Item.Title))).Select(c => c.Item));
        }

        return [.. linked.Where(i => i.Id != candidate.Item.Id).DistinctBy(i => i.Id).OrderBy(i => i.Platform).Take(50)];
    }

    private static void Curve(PageContext page, HtmlBuilder html, Item item, ItemSummary? summary, IReadOnlyList<Observation> observations)
    {
        var t = page.T;
        var curve = EngagementCurve.FromObservations(item, observations);
        var ages = observations.Select(o => o.Age ?? (item.PublishedAt is { } p ? o.ObservedAt - p : TimeSpan.Zero)).Where(a => a >= TimeSpan.Zero)
            .Concat(StandardAges.Where(s => summary is not null && s.Score(summary) is not null).Select(s => s.Age))
            .Select(a => TimeSpan.FromMinutes(Math.Round(a.TotalMinutes))).Distinct().Order().ToList();
        if (ages.Count == 0)
        {
            html.Element("p", t["NoObservations"]);
            return;
        }

        var expected = ages.Select(age =>
        {
            var standard = StandardAges.FirstOrDefault(s => s.Age == age);
            return summary is null || standard.Score is null || standard.Score(summary) is not { } score || curve.ValueAt(age) is not { } actual
                ? null
                : (double?)(score >= 1 ? actual / score : -score * Math.Max(actual, 1));
        }).ToList();
        SvgCharts.Lines(html, t["EngagementCurve"], [.. ages.Select(a => AgeLabel(t, a))],
            [new ChartSeries(t["Actual"], [.. ages.Select(curve.ValueAt)]), new ChartSeries(t["Expected"], expected)],
            v => t.Number((long)v));
        html.Element("p", t["CurveNote"], "class", "note");
    }

    internal static string AgeLabel(Localization.UiText t, TimeSpan age) =>
        age.TotalHours < 48 ? t.Format("AgeHours", t.Fraction(age.TotalHours, 0)) : t.Format("AgeDays", t.Fraction(age.TotalDays, 0));

    private static void ObservationsTable(PageContext page, HtmlBuilder html, IReadOnlyList<Observation> observations)
    {
        var t = page.T;
        html.Raw("<div class=\"scroll\"><table><caption>").Text(t["Observations"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "ObservedAt", "Age", "Views", "Reactions", "Comments", "Shares" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var o in observations)
        {
            html.Raw("<tr>").Element("td", t.Date(o.ObservedAt)).Element("td", o.Age is { } a ? AgeLabel(t, a) : "–")
                .Element("td", t.Number(o.Views), "class", "num").Element("td", t.Number(o.Reactions), "class", "num")
                .Element("td", t.Number(o.Comments), "class", "num").Element("td", t.Number(o.Shares), "class", "num").Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static void FlagsTable(PageContext page, HtmlBuilder html, IReadOnlyList<StoredFlag> flags)
    {
        var t = page.T;
        if (flags.Count == 0)
        {
            html.Element("p", t["NoFlags"]);
            return;
        }

        html.Raw("<div class=\"scroll\"><table><caption>").Text(t["Flags"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "Raised", "Target", "Source", "Severity", "Reason", "FlagScore", "Evidence" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var f in flags)
        {
            html.Raw("<tr>").Element("td", t.Date(f.Flag.RaisedAt))
                .Element("td", f.Flag.TargetKind == TargetKind.Item ? t["TheItem"] : f.Flag.TargetId)
                .Element("td", f.Flag.Source).Element("td", f.Flag.Severity).Element("td", f.Flag.Reason)
                .Element("td", t.Fraction(f.Flag.Score, 2), "class", "num").Element("td", string.Join(", ", f.Flag.Evidence)).Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static void CommentsTable(PageContext page, HtmlBuilder html, IReadOnlyList<Comment> comments, ILookup<string, Assessment> assessments, IReadOnlyList<StoredFlag> flags)
    {
        var t = page.T;
        if (comments.Count == 0)
        {
            html.Element("p", t["NoComments"]);
            return;
        }

        var flagged = flags.ToLookup(f => f.Flag.TargetId, StringComparer.Ordinal);
        html.Raw("<div class=\"scroll\"><table><caption>").Text(t["Comments"]).Raw("</caption><thead><tr>");
        foreach (var key in new[] { "Published", "Author", "Comment", "Likes", "Sentiment", "Toxicity", "Flags" })
        {
            html.Element("th", t[key], "scope", "col");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var c in comments)
        {
            var own = assessments[c.Id].ToList();
            html.Raw("<tr>").Element("td", t.Date(c.PublishedAt)).Element("td", c.Author ?? "–").Element("td", c.Text)
                .Element("td", t.Number(c.Likes), "class", "num")
                .Element("td", Label(own, "sentiment")).Element("td", Label(own, "toxicity"))
                .Element("td", string.Join(", ", flagged[c.Id].Select(f => f.Flag.Reason))).Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static string Label(List<Assessment> assessments, string task) =>
        assessments.LastOrDefault(a => a.Task == task) is { } a ? $"{a.Label.ToLowerInvariant()} ({a.Probability:0.00})" : "–";
}
