using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Domain;

namespace Monitor.Replay.Platforms;

/// <summary>
/// Recorded-style stand-ins for the YouTube Data API v3, the Facebook Graph API, TikTok's Display
/// API v2 and the Zalo OA article API, on one Kestrel listener at 127.0.0.1 (port chosen by the OS),
/// each under its own path prefix. Engagement is computed from <see cref="TimeProvider"/>, so moving
/// the clock between runs makes numbers grow and scheduled posts appear. Shapes follow
/// CONTRACTS.md §3–§6.
/// </summary>
public sealed class ReplayPlatforms : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private ReplayPlatforms(WebApplication app, ReplayCatalog catalog, Uri root)
    {
        this.app = app;
        Catalog = catalog;
        BaseUrls = new Dictionary<Platform, Uri>
        {
            [Platform.YouTube] = new(root, "youtube/v3/"),
            [Platform.Facebook] = new(root, "facebook/v21.0/"),
            [Platform.TikTok] = new(root, "tiktok/"),
            [Platform.Zalo] = new(root, "zalo/"),
        };
    }

    /// <summary>API base URL per platform, each ending with '/'.</summary>
    public IReadOnlyDictionary<Platform, Uri> BaseUrls { get; }

    public ReplayCatalog Catalog { get; }

    public PlatformFaults Faults { get; } = new();

    /// <summary>Largest page any listing returns, whatever the client asks: small, so paging is exercised.</summary>
    public int PageSize { get; set; } = 5;

    public int RequestCount => Volatile.Read(ref requests);

    public static async Task<ReplayPlatforms> StartAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var origin = clock.GetUtcNow();
        var catalog = new ReplayCatalog(new DateTimeOffset(origin.Year, origin.Month, origin.Day, origin.Hour, 0, 0, TimeSpan.Zero));
        ReplayPlatforms? self = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref self!.requests);
            await next(context);
        });

        var replay = new PlatformReplayContext(catalog, () => self!.Faults, clock, () => self!.PageSize);
        YouTubeReplay.Map(app, replay);
        FacebookReplay.Map(app, replay);
        TikTokReplay.Map(app, replay);
        ZaloReplay.Map(app, replay);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new ReplayPlatforms(app, catalog, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>What every replayed endpoint needs: the catalog, the fault switches and the clock.</summary>
internal sealed record PlatformReplayContext(ReplayCatalog Catalog, Func<PlatformFaults> FaultsProvider, TimeProvider Clock, Func<int> PageSizeProvider)
{
    public PlatformFaults Faults => FaultsProvider();

    public DateTimeOffset Now => Clock.GetUtcNow();

    public int PageSize => PageSizeProvider();
}
