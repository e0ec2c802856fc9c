using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Replay.Websites;

/// <summary>
/// The project's own station websites, each on its own loopback port, in the URL patterns and
/// markup styles of the real stations (see <c>../shared/STATIONS.md</c>). Articles are our own
/// Vietnamese text, generated deterministically, dated October–November 2026.
/// </summary>
public sealed class ReplayWebsites : IAsyncDisposable
{
    private readonly List<WebApplication> _servers;

    private ReplayWebsites(List<WebApplication> servers, Dictionary<string, Uri> sites, IReadOnlyDictionary<string, ReplaySite> models, ConcurrentQueue<ReplayRequest> requests)
    {
        Requests = requests;
        _servers = servers;
        Sites = sites;
        Models = models;
        ArticleCount = models.Values.Sum(m => m.PublicArticleCount);
    }

    /// <summary>Real host ("thainguyentv.vn") → loopback base URL ("http://127.0.0.1:PORT/").</summary>
    public IReadOnlyDictionary<string, Uri> Sites { get; }

    /// <summary>Articles a robots-respecting collector can collect from all sites together.</summary>
    public int ArticleCount { get; }

    internal IReadOnlyDictionary<string, ReplaySite> Models { get; }

    /// <summary>Every request the sites answered, in order: tests count fetches and 304s with it.</summary>
    internal ConcurrentQueue<ReplayRequest> Requests { get; }

    public static async Task<ReplayWebsites> StartAsync(CancellationToken cancellationToken = default)
    {
        var requests = new ConcurrentQueue<ReplayRequest>();
        var servers = new List<WebApplication>();
        var sites = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        var models = new Dictionary<string, ReplaySite>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var site in StationCorpus.CreateSites())
            {
                var server = Build(site, requests);
                servers.Add(server);
                await server.StartAsync(cancellationToken);
                sites[site.Host] = BaseUrl(server);
                models[site.Host] = site;
            }
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            throw;
        }

        return new ReplayWebsites(servers, sites, models, requests);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    private static WebApplication Build(ReplaySite site, ConcurrentQueue<ReplayRequest> requests)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ReplayWebsites).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Logged as the headers go out, so the client cannot see an answer before it is in the log.
            context.Response.OnStarting(() =>
            {
                requests.Enqueue(new ReplayRequest(site.Host, context.Request.Path + context.Request.QueryString, context.Response.StatusCode));
                return Task.CompletedTask;
            });
            return next(context);
        });
        TestRoutes.Map(app, site);
        app.MapGet("/{**path}", (HttpRequest request) => site.Respond(request, request.Path.Value is { Length: > 0 } path ? path : "/"));
        return app;
    }

    private static Uri BaseUrl(WebApplication server)
    {
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
