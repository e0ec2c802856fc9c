using Microsoft.Extensions.DependencyInjection;
using Monitor.Collection.Web;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Replay.Websites;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Replay;
using Monitor.Tests.Support;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// What <c>demo</c> does, end to end: the repository's real <c>pipelines/</c> with every website
/// channel aimed at its replayed site, one full cycle through the runner into a real SQLite file.
/// </summary>
public sealed class ReplayCycleTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>
{
    [Fact]
    public async Task RunAsync_RealPipelinesAgainstReplaySites_StoresEveryArticleAndASecondCycleAddsNone()
    {
        using var folder = new TempFolder();
        var configuration = AimedAtReplay(PipelineLoader.Load(Path.Combine(RepositoryRoot(), "pipelines")).GetValidConfiguration(), fixture.Websites)
            with { Settings = new MonitorSettings { DataFolder = folder.Path } };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSqliteStore(configuration.Settings.SqlitePath)
            .AddCollectionRunner()
            .AddSqliteCollectionState(configuration.Settings.SqlitePath)
            .AddWebCollection(configuration, o => o.MinDelay = TimeSpan.Zero);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IContentStore>().InitializeAsync();
        var cycle = provider.GetRequiredService<CollectionCycle>();

        var first = await cycle.RunAsync(configuration);
        var second = await cycle.RunAsync(configuration);

        first.AllSucceeded.ShouldBeTrue(string.Join("; ", first.Sources.Where(s => !s.Succeeded).Select(s => s.ToString())));
        first.NewItems.ShouldBe(fixture.Websites.ArticleCount);
        first.NewItems.ShouldBeGreaterThanOrEqualTo(200);
        first.Sources.Count(s => s.NewItems > 0).ShouldBeGreaterThanOrEqualTo(4);
        second.AllSucceeded.ShouldBeTrue();
        second.NewItems.ShouldBe(0);
        var stats = await provider.GetRequiredService<IContentStore>().GetStatsAsync();
        stats.Items.ShouldBe(fixture.Websites.ArticleCount);
    }

    /// <summary>The demo's rewrite: each website channel whose host is replayed points at the loopback authority; the rest are left out.</summary>
    internal static PipelineConfiguration AimedAtReplay(PipelineConfiguration configuration, ReplayWebsites websites) =>
        configuration.RewriteChannels(channel =>
            channel is WebsiteChannel web && websites.Sites.TryGetValue(web.BaseUrl.Host, out var replay)
                ? web with
                {
                    BaseUrl = Rebase(web.BaseUrl, replay),
                    Feeds = [.. web.Feeds.Select(u => Rebase(u, replay))],
                    Sitemaps = [.. web.Sitemaps.Select(u => Rebase(u, replay))],
                    ListingPages = [.. web.ListingPages.Select(u => Rebase(u, replay))],
                }
                : null);

    private static Uri Rebase(Uri url, Uri authority) => new(authority, url.PathAndQuery);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monitor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Monitor.sln not found.");
    }
}
