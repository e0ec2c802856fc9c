using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Worker.Web.Pages;

/// <summary><c>/login</c>: the one page (with static files and <c>/health</c>) open without signing in. The form posts <c>username</c> and <c>password</c>.</summary>
internal static partial class LoginPage
{
    public static IResult Render(HttpContext http, string? message = null, int statusCode = StatusCodes.Status200OK)
    {
        var page = PageContext.For(http);
        var t = page.T;
        var returnUrl = LocalPath(http.Request.Query["ReturnUrl"].ToString() is { Length: > 0 } q ? q : http.Request.Form().GetValueOrDefault("returnUrl"));
        return page.Render(t["SignIn"], html =>
        {
            if (message is not null)
            {
                html.Element("p", message, "class", "error", "role", "alert");
            }

            html.Raw("<form method=\"post\" class=\"login\" action=\"").Text(page.Url("/login")).Raw("\">");
            page.AntiforgeryField(html);
            html.Open("input", "type", "hidden", "name", "returnUrl", "value", returnUrl)
                .Raw("<label for=\"username\">").Text(t["Username"]).Raw("</label>")
                .Open("input", "id", "username", "name", "username", "type", "text", "autocomplete", "username", "required", "required")
                .Raw("<label for=\"password\">").Text(t["Password"]).Raw("</label>")
                .Open("input", "id", "password", "name", "password", "type", "password", "autocomplete", "current-password", "required", "required")
                .Raw("<button type=\"submit\">").Text(t["SignIn"]).Raw("</button></form>");
        }, statusCode);
    }

    public static async Task<IResult> PostAsync(HttpContext http, UserStore users, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var name = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        var t = PageContext.For(http).T;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor.Web.SignIn");
        var (outcome, account) = await users.SignInAsync(name, password, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Viewer.Principal(account!, CookieAuthenticationDefaults.AuthenticationScheme));
                LogSignedIn(logger, name);
                return Results.Redirect(http.Request.PathBase + LocalPath(form["returnUrl"]));
            case SignInOutcome.LockedOut:
                LogRefused(logger, name, outcome);
                return Render(http, t["LockedOut"], StatusCodes.Status403Forbidden);
            default:
                LogRefused(logger, name, outcome);
                return Render(http, t["WrongNameOrPassword"], StatusCodes.Status401Unauthorized);
        }
    }

    /// <summary>Only a path on this site (never <c>//host</c> or a scheme), so the sign-in cannot be used to send someone elsewhere.</summary>
    internal static string LocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static Dictionary<string, string> Form(this HttpRequest request) =>
        request.HasFormContentType && request.Form is { } form ? form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal) : [];

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in to the dashboard")]
    private static partial void LogSignedIn(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused for {User}: {Outcome}")]
    private static partial void LogRefused(ILogger logger, string user, SignInOutcome outcome);
}
