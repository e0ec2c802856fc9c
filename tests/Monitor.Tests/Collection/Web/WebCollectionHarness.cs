using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Collection;
using Monitor.Collection.Web;
using Monitor.Domain;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// The web collector wired as production wires it (<c>AddWebCollection</c>), with a stepping clock,
/// the repository's site profiles and a real SQLite state file in a temp folder.
/// </summary>
internal sealed class WebCollectionHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempFolder? _ownFolder;

    /// <param name="configure">Changes to the test defaults.</param>
    /// <param name="stateFolder">Where the state file lives; pass the same folder to a second harness to play a restarted process.</param>
    public WebCollectionHarness(Action<WebCollectionOptions>? configure = null, TempFolder? stateFolder = null)
    {
        _ownFolder = stateFolder is null ? new TempFolder() : null;
        var folder = (stateFolder ?? _ownFolder)!.Path;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSqliteCollectionState(Path.Combine(folder, "monitor.db"));
        services.AddWebCollection(options =>
        {
            options.MinDelay = TimeSpan.Zero;
            options.Timeout = TimeSpan.FromSeconds(20);
            foreach (var profile in ProfileFiles.LoadAll().Values)
            {
                options.Profiles[profile.Name] = profile;
            }

            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public IChannelCollector Collector => _services.GetServices<IChannelCollector>().Single();

    public static Station StationWith(string stationId, WebsiteChannel channel) =>
        new(stationId, stationId, stationId, "cum-2", [], null, [channel]);

    public static WebsiteChannel Channel(string stationId, Uri baseUrl, string? profile, IReadOnlyList<Uri>? feeds = null, IReadOnlyList<Uri>? sitemaps = null, IReadOnlyList<Uri>? listingPages = null, int maxListingPages = 5) =>
        new(stationId + "-web", stationId, null, baseUrl, feeds ?? [], sitemaps ?? [], listingPages ?? [], profile, maxListingPages);

    public async Task<List<CollectedItem>> CollectAsync(string stationId, WebsiteChannel channel, CancellationToken cancellationToken = default)
    {
        var items = new List<CollectedItem>();
        await foreach (var item in Collector.CollectAsync(StationWith(stationId, channel), channel, cancellationToken))
        {
            items.Add(item);

            // Stands in for the pipeline: everything handed over counts as stored.
            await item.AcknowledgeStoredAsync(cancellationToken);
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _ownFolder?.Dispose();
    }
}
