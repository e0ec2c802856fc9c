using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// A tiny Kestrel site on 127.0.0.1 for the cases the replay stations do not play (a robots.txt
/// that answers 503, a page that changes between runs). Paths not set answer 404.
/// </summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body, string ContentType)> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);

    private LoopbackSite(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<LoopbackSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new LoopbackSite(app);
        app.MapGet("/{**path}", (HttpContext context) =>
        {
            var path = context.Request.Path.Value ?? "/";
            site.Requests.Enqueue(path);
            if (site._redirects.TryGetValue(path, out var location))
            {
                context.Response.Headers.Location = location;
                return Results.StatusCode(301);
            }

            if (!site._pages.TryGetValue(path, out var page))
            {
                return Results.NotFound();
            }

            return page.Status == 200
                ? Results.Bytes(page.Body, page.ContentType)
                : Results.Text(Encoding.UTF8.GetString(page.Body), page.ContentType, Encoding.UTF8, page.Status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return site;
    }

    public void Set(string path, string body, int status = 200, string contentType = "text/html; charset=utf-8") =>
        _pages[path] = (status, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Answers <paramref name="path"/> with 301 to <paramref name="location"/> (absolute or relative).</summary>
    public void Redirect(string path, string location) => _redirects[path] = location;

    public void SetBytes(string path, byte[] body, string contentType) => _pages[path] = (200, body, contentType);

    public int CountOf(string path) => Requests.Count(r => r == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
