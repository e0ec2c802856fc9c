using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Html;
using Monitor.Worker.Web.Localization;

namespace Monitor.Worker.Web.Pages;

/// <summary>One request's page: who asks, in which language, and the shared layout around the page's body.</summary>
public sealed class PageContext
{
    public const string LanguageCookie = "monitor-lang";

    private PageContext(HttpContext http, Viewer? viewer, UiText text, DashboardSources sources)
    {
        Http = http;
        Viewer = viewer;
        T = text;
        Sources = sources;
    }

    public HttpContext Http { get; }

    /// <summary>Null only on the sign-in page.</summary>
    public Viewer? Viewer { get; }

    public UiText T { get; }

    public DashboardSources Sources { get; }

    public static PageContext For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var viewer = http.User.Identity?.IsAuthenticated == true ? Viewer.From(http.User) : null;
        return new PageContext(http, viewer, UiText.For(http.Request.Cookies[LanguageCookie]), http.RequestServices.GetRequiredService<DashboardSources>());
    }

    /// <summary>A path under the dashboard's base (a reverse proxy's prefix), with its query string.</summary>
    public string Url(string path, params (string Name, string? Value)[] query)
    {
        var url = new StringBuilder(Http.Request.PathBase.Value).Append(path);
        var first = true;
        foreach (var (name, value) in query)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            url.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return url.ToString();
    }

    /// <summary>The hidden antiforgery field every form carries.</summary>
    public void AntiforgeryField(HtmlBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var tokens = Http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http);
        html.Raw("<input type=\"hidden\" name=\"").Text(tokens.FormFieldName).Raw("\" value=\"").Text(tokens.RequestToken).Raw("\">");
    }

    public IResult Render(string title, Action<HtmlBuilder> body, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(body);
        var html = new HtmlBuilder();
        html.Raw("<!doctype html><html lang=\"").Text(T.Language).Raw("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(title + " · Monitor").Raw("</title>")
            .Raw("<link rel=\"stylesheet\" href=\"").Text(Url("/static/site.css")).Raw("\"></head><body>")
            .Raw("<a class=\"skip\" href=\"#main\">").Text(T["SkipToContent"]).Raw("</a><header class=\"top\">")
            .Raw("<a class=\"brand\" href=\"").Text(Url("/")).Raw("\">Monitor</a>");
        if (Viewer is not null)
        {
            html.Raw("<nav aria-label=\"").Text(T["MainMenu"]).Raw("\"><ul>");
            NavItem(html, "/", T["Overview"]);
            NavItem(html, "/inbox", T["Inbox"]);
            NavItem(html, "/alerts", T["Alerts"]);
            NavItem(html, "/search", T["Search"]);
            html.Raw("</ul></nav>");
        }

        html.Raw("<div class=\"account\">");
        var other = T.Language == "en" ? "vi" : "en";
        html.Link(Url("/lang", ("to", other), ("back", Http.Request.Path + Http.Request.QueryString)), other == "en" ? "English" : "Tiếng Việt", "lang");
        if (Viewer is not null)
        {
            html.Raw(" <span class=\"who\">").Text($"{Viewer.Name} · {T["Role_" + Viewer.Role.ToWire()]}").Raw("</span> ");
            html.Raw("<form method=\"post\" action=\"").Text(Url("/logout")).Raw("\" class=\"inline\">");
            AntiforgeryField(html);
            html.Raw("<button type=\"submit\">").Text(T["SignOut"]).Raw("</button></form>");
        }

        html.Raw("</div></header><main id=\"main\">");
        html.Element("h1", title);
        body(html);
        html.Raw("</main><footer>").Text(T["Footer"]).Raw("</footer></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    /// <summary>The page a station account gets for another station's data, or anyone for what does not exist.</summary>
    public IResult NotFound() => Render(T["NotFoundTitle"], h => h.Element("p", T["NotFound"]), StatusCodes.Status404NotFound);

    public IResult Forbidden() => Render(T["ForbiddenTitle"], h => h.Element("p", T["Forbidden"]), StatusCodes.Status403Forbidden);

    private void NavItem(HtmlBuilder html, string path, string label)
    {
        var current = path == "/" ? Http.Request.Path == "/" : Http.Request.Path.StartsWithSegments(path);
        html.Raw("<li>").Open("a", "href", Url(path), "aria-current", current ? "page" : null).Text(label).Raw("</a></li>");
    }
}
