using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Collection;
using Monitor.Collection.Facebook;
using Monitor.Collection.Social;
using Monitor.Collection.TikTok;
using Monitor.Collection.YouTube;
using Monitor.Collection.Zalo;
using Monitor.Domain;
using Monitor.Replay.Platforms;
using Monitor.Storage.Sqlite;

namespace Monitor.Tests.Social;

/// <summary>
/// The replayed platforms, the real collectors wired by <c>AddSocialCollection</c>, a real SQLite
/// state file in a temp folder and a small runner that does what the pipeline's runner does: store
/// each item before asking for the next, log a failing channel and carry on with the next one.
/// </summary>
internal sealed class SocialHarness : IAsyncDisposable
{
    private readonly string folder;

    private SocialHarness(ReplayPlatforms replay, FakeTimeProvider clock, ServiceProvider services, CapturingLoggerProvider logs, string folder)
    {
        Replay = replay;
        Clock = clock;
        Services = services;
        Logs = logs;
        this.folder = folder;
    }

    public ReplayPlatforms Replay { get; }

    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Everything "stored" so far, in order: what the content store would hold.</summary>
    public List<CollectedItem> Stored { get; } = [];

    public static DateTimeOffset Start { get; } = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public static async Task<SocialHarness> StartAsync(Action<SocialCollectionOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var replay = await ReplayPlatforms.StartAsync(clock);
        foreach (var account in replay.Catalog.Accounts)
        {
            Environment.SetEnvironmentVariable(account.TokenEnv, account.Token);
        }

        var folder = Path.Combine(Path.GetTempPath(), "monitor-social-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<TimeProvider>(clock)
            .AddSqliteCollectionState(Path.Combine(folder, "monitor.db"))
            .AddSocialCollection(o =>
            {
                foreach (var (platform, url) in replay.BaseUrls)
                {
                    o.BaseUrls[platform] = url;
                }

                configure?.Invoke(o);
            })
            .BuildServiceProvider();
        return new SocialHarness(replay, clock, services, logs, folder);
    }

    public static Channel ChannelFor(ReplayAccount account) => account.Platform switch
    {
        Platform.YouTube => new YouTubeChannel($"{account.StationId}-youtube", account.StationId, null, account.AccountId, account.TokenEnv),
        Platform.Facebook => new FacebookChannel($"{account.StationId}-facebook", account.StationId, null, account.AccountId, account.TokenEnv),
        Platform.TikTok => new TikTokChannel($"{account.StationId}-tiktok", account.StationId, null, account.AccountId, account.TokenEnv),
        Platform.Zalo => new ZaloChannel($"{account.StationId}-zalo", account.StationId, null, account.AccountId, account.TokenEnv),
        _ => throw new ArgumentOutOfRangeException(nameof(account)),
    };

    public ReplayAccount Account(string station, Platform platform) =>
        Replay.Catalog.Accounts.Single(a => a.StationId == station && a.Platform == platform);

    /// <summary>Runs the given accounts (all when none given); returns the failures by channel id.</summary>
    public async Task<Dictionary<string, Exception>> RunAsync(params ReplayAccount[] accounts)
    {
        var collectors = Services.GetServices<IChannelCollector>().ToList();
        var logger = Services.GetRequiredService<ILoggerFactory>().CreateLogger("runner");
        var failures = new Dictionary<string, Exception>();
        foreach (var account in accounts.Length == 0 ? Replay.Catalog.Accounts : accounts)
        {
            var channel = ChannelFor(account);
            var station = new Station(account.StationId, account.Name, account.StationId, "cum-2", [], null, [channel]);
            try
            {
                await foreach (var collected in collectors.Single(c => c.CanCollect(channel)).CollectAsync(station, channel))
                {
                    Stored.Add(collected);
                    await collected.AcknowledgeStoredAsync();
                }
            }
            catch (SocialApiException e)
            {
#pragma warning disable CA1848, CA2254 // test runner stand-in: the line is what an operator reads
                logger.LogError(e, "channel {ChannelId} failed: {Message}", channel.Id, e.Message);
#pragma warning restore CA1848, CA2254
                failures[channel.Id] = e;
            }
        }

        return failures;
    }

    public IEnumerable<Observation> ObservationsOf(string itemId) =>
        Stored.Where(s => s.Item.Id == itemId).SelectMany(s => s.Observations);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Replay.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
