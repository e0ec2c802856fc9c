using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;
using Monitor.Worker.Web.Accounts;
using Monitor.Worker.Web.Api;
using Monitor.Worker.Web.Export;
using Monitor.Worker.Web.Pages;
using Monitor.Worker.Web.Security;
using Monitor.Worker.Web.Static;
using Serilog.Events;

namespace Monitor.Worker.Web;

/// <summary>
/// The dashboard as one ASP.NET Core application on Kestrel: server-rendered pages, SVG charts,
/// exports and the JSON API, behind cookie sign-in (bearer tokens for the API). <c>serve</c>,
/// <c>run</c> (with <c>web.enabled</c>) and <c>demo --serve</c> all start it through <see cref="Build"/>.
/// </summary>
public static class WebDashboard
{
    private const string SmartScheme = "monitor";

    public static WebApplication Build(WebDashboardOptions options, LogEventLevel consoleLevel = LogEventLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Pipelines.Settings;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Services.AddMonitorLogging(settings.DataFolder, consoleLevel);
        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddMonitorStore(options.Pipelines, options.StateFilePath);

        // The collectors' state (crawl failures per channel) lives in the SQLite file whatever store holds the content.
        builder.Services.AddSqliteCollectionState(options.StateFilePath);
        builder.Services.AddSingleton(sp => new DashboardSources(options.Pipelines, sp.GetRequiredService<IContentQueries>(), options.StateFilePath));
        builder.Services.AddSingleton(new UserStore(options.ResolvedUsersPath, options.Clock));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new Api.PlatformJsonConverter());
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.WriteIndented = false;
        });
        AddSignIn(builder.Services);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var host = options.Listen.Host;
            var address = host is "localhost" ? System.Net.IPAddress.Loopback : System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip : System.Net.IPAddress.Any;
            kestrel.Listen(address, options.Listen.Port, listen =>
            {
                if (options.Listen.Scheme == Uri.UriSchemeHttps)
                {
                    listen.UseHttps(LoadCertificate(settings.Web.TlsCertificatePath ?? throw new InvalidOperationException("web.listen is https but web.tlsCertificatePath names no certificate.")));
                }
            });
        });

        var app = builder.Build();
        if (settings.Web.PathBase is { } pathBase)
        {
            app.UsePathBase(pathBase);
        }

        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgeryOnEveryPost();
        Map(app);
        return app;
    }

    /// <summary>The address Kestrel listens on once started (the real port when 0 was asked for).</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The dashboard is not listening yet.");
        return new Uri(first.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    private static void AddSignIn(IServiceCollection services)
    {
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = "monitor-auth";
                cookie.Cookie.HttpOnly = true;

                // Lax, not Strict: links from other tools to /items/… open signed in; POSTs still need the antiforgery token.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.AccessDeniedPath = "/login";
                cookie.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    // A disabled account's session ends at its next request, not when its cookie expires.
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
                    var name = context.Principal?.Identity?.Name;
                    if (name is null || await users.FindAsync(name, context.HttpContext.RequestAborted) is not { Disabled: false })
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });
        services.AddAuthorization(authorization => authorization.FallbackPolicy = new AuthorizationPolicyBuilder(SmartScheme).RequireAuthenticatedUser().Build());
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "monitor-af";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/export"))
        {
            context.Response.StatusCode = status;
        }
        else if (status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/health", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/static/site.css", StaticFiles.Css).AllowAnonymous();
        app.MapGet("/login", (HttpContext http) => LoginPage.Render(http)).AllowAnonymous();
        app.MapPost("/login", LoginPage.PostAsync).AllowAnonymous();
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(http.Request.PathBase + "/login");
        });
        app.MapGet("/lang", (HttpContext http) =>
        {
            var to = http.Request.Query["to"].ToString() == "en" ? "en" : "vi";
            http.Response.Cookies.Append(PageContext.LanguageCookie, to, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                Path = http.Request.PathBase.HasValue ? http.Request.PathBase.Value : "/",
            });
            return Results.Redirect(http.Request.PathBase + LoginPage.LocalPath(http.Request.Query["back"]));
        }).AllowAnonymous();
        app.MapGet("/", OverviewPage.RenderAsync);
        app.MapGet("/stations/{stationId}", StationPage.RenderAsync);
        app.MapGet("/items/{itemId}", ItemPage.RenderAsync);
        app.MapGet("/inbox", InboxPage.RenderAsync);
        app.MapPost("/inbox/bulk", InboxPage.BulkAsync);
        app.MapGet("/inbox/{flagId}", InboxPage.DetailAsync);
        app.MapPost("/inbox/{flagId}", InboxPage.ApplyAsync);
        app.MapGet("/alerts", AlertsPage.RenderAsync);
        app.MapGet("/search", SearchResultsPage.RenderAsync);
        app.MapGet("/export/{table}", ExportEndpoint.HandleAsync);
        app.MapMonitorApi();
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        var key = Path.ChangeExtension(path, ".key");
        return X509Certificate2.CreateFromPemFile(path, File.Exists(key) ? key : null);
    }
}
