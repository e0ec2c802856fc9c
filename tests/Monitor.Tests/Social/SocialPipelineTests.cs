using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Collection.Social;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Replay.Platforms;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Social;

/// <summary>
/// The whole path with real parts: station files with social channels → config loader → the
/// pipeline's runner → SQLite store, observed at several instants of a moved clock, then the
/// report commands over the resulting file.
/// </summary>
public sealed class SocialPipelineTests
{
    [Fact]
    public async Task RunnerAndReports_FourObservationRounds_LeaderboardFromStoredSeries()
    {
        using var temp = new TempFolder();
        var clock = new FakeTimeProvider(SocialHarness.Start);
        await using var replay = await ReplayPlatforms.StartAsync(clock);
        WriteStations(temp, replay);
        var loaded = PipelineLoader.Load(temp.File("pipelines"));
        loaded.Problems.ShouldBeEmpty();
        var pipelines = loaded.Configuration!;
        pipelines.ChannelCount.ShouldBe(20);

        var db = temp.File("monitor.db");
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(logs))
            .AddSingleton<TimeProvider>(clock)
            .AddSqliteStore(db)
            .AddCollectionRunner()
            .AddSqliteCollectionState(db)
            .AddSocialCollection(_ => { })
            .BuildServiceProvider();
        var store = services.GetRequiredService<IContentStore>();
        await store.InitializeAsync();
        var runner = services.GetRequiredService<CollectionRunner>();
        var expired = replay.Catalog.Accounts.Single(a => a.StationId == "lang-son" && a.Platform == Platform.TikTok);

        var summaries = new List<SourceRunSummary>();
        foreach (var offset in new[] { 0, 1, 3, 24 })
        {
            clock.SetUtcNow(SocialHarness.Start + TimeSpan.FromHours(offset));
            if (offset == 3)
            {
                replay.Faults.Set(expired.AccountId, PlatformFault.ExpiredToken);
            }

            foreach (var (station, channel) in pipelines.Sources())
            {
                summaries.Add(await runner.RunAsync(station, channel));
            }

            replay.Faults.Clear(expired.AccountId, PlatformFault.ExpiredToken);
        }

        var failed = summaries.Where(s => !s.Succeeded).ToList();
        failed.Count.ShouldBe(1);
        failed[0].ChannelId.ShouldBe("lang-son-tiktok");
        failed[0].Outcome.ShouldBe(SourceOutcome.PermanentFailure);
        failed[0].Error.ShouldNotBeNull().ShouldContain("access token invalid or expired");

        var items = await ToListAsync(store.ReadItemsAsync());
        var observations = await ToListAsync(store.ReadObservationsAsync());
        items.Select(i => i.Platform).Distinct().Count().ShouldBe(4);
        observations.GroupBy(o => (o.ItemId, o.ObservedAt)).ShouldAllBe(g => g.Count() == 1);
        // Items published in the 72 h before the start (1, 4, 9, 20, 28, 45, 70 h) pass at least one checkpoint
        // (3 h … 72 h) during the next 24 h; at 100 h and 200 h the next checkpoint (7 d, 30 d) is more than 24 h away: observed once.
        var recent = items.Where(i => i.PublishedAt < SocialHarness.Start && i.PublishedAt >= SocialHarness.Start.AddHours(-72) && i.ChannelId != "lang-son-tiktok").ToList();
        recent.Count.ShouldBe(19 * 7);
        recent.Select(i => observations.Count(o => o.ItemId == i.Id)).ShouldAllBe(n => n >= 2);
        items.Where(i => i.PublishedAt == SocialHarness.Start.AddHours(-100) || i.PublishedAt == SocialHarness.Start.AddHours(-200)).Select(i => observations.Count(o => o.ItemId == i.Id)).ShouldAllBe(n => n == 1);
        (await ToListAsync(store.ReadCommentsAsync())).ShouldNotBeEmpty();

        var (exit, output, error) = await CliRun.InvokeAsync("report", "leaderboard", "--cluster", "cum-2", "--pipelines", temp.File("pipelines"), "--db", db);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("Leaderboard, cluster cum-2");
        output.ShouldContain("How the figures are computed:");
        var lines = output.Split('\n');
        lines.Single(l => l.TrimStart().StartsWith("1 ", StringComparison.Ordinal)).ShouldContain("quang-ninh");

        var json = await CliRun.InvokeAsync("report", "leaderboard", "--cluster", "cum-2", "--pipelines", temp.File("pipelines"), "--db", db, "--json");
        using var document = JsonDocument.Parse(json.Output);
        var rows = document.RootElement.GetProperty("rows");
        rows.GetArrayLength().ShouldBe(5);
        rows.EnumerateArray().ShouldAllBe(r => r.GetProperty("followerGrowth").ValueKind == JsonValueKind.Number);
        rows.EnumerateArray().ShouldContain(r => r.GetProperty("medianOverperformance").ValueKind == JsonValueKind.Number);

        var top = await CliRun.InvokeAsync("report", "top", "--station", "thai-nguyen", "--pipelines", temp.File("pipelines"), "--db", db, "--limit", "5");
        top.ExitCode.ShouldBe(0);
        top.Output.ShouldContain("Most overperforming items, station thai-nguyen");

        // The replay posts one headline per station on all four platforms: each is one story of four items.
        var stories = await CliRun.InvokeAsync("report", "stories", "--cluster", "cum-2", "--pipelines", temp.File("pipelines"), "--db", db, "--json");
        stories.ExitCode.ShouldBe(0);
        using var storyJson = JsonDocument.Parse(stories.Output);
        var storyRows = storyJson.RootElement.GetProperty("rows").EnumerateArray().ToList();
        storyRows.ShouldNotBeEmpty();
        storyRows.ShouldAllBe(r => r.GetProperty("stations").GetArrayLength() == 1);
        storyRows[0].GetProperty("platforms").GetArrayLength().ShouldBe(4);

        var unknown = await CliRun.InvokeAsync("report", "leaderboard", "--cluster", "cum-9", "--pipelines", temp.File("pipelines"), "--db", db);
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("Known clusters: cum-2");
    }

    [Fact]
    public void Load_TokenPastedInsteadOfVariableName_ProblemWithoutEchoingIt()
    {
        using var temp = new TempFolder();
        temp.Write("pipelines/stations/lang-son.yaml", """
            id: lang-son
            name: Đài Phát thanh - Truyền hình Lạng Sơn
            province: Lạng Sơn
            cluster: cum-2
            channels:
              - id: lang-son-facebook
                kind: facebook
                pageId: "104857600000001"
                tokenEnv: EAAB.secret-token-value
            """);

        var loaded = PipelineLoader.Load(temp.File("pipelines"));

        var problem = loaded.Problems.ShouldHaveSingleItem().ToString();
        problem.ShouldContain("'tokenEnv' must be the NAME of an environment variable");
        problem.ShouldNotContain("secret-token-value");
    }

    private static void WriteStations(TempFolder temp, ReplayPlatforms replay)
    {
        foreach (var station in replay.Catalog.Accounts.GroupBy(a => a.StationId))
        {
            var yaml = new StringBuilder($"""
                id: {station.Key}
                name: {station.First().Name}
                province: {station.Key}
                cluster: cum-2
                channels:

                """);
            foreach (var account in station)
            {
                Environment.SetEnvironmentVariable(account.TokenEnv, account.Token);
                var kind = account.Platform.ToWire();
                var key = account.Platform switch
                {
                    Platform.YouTube => "channelId",
                    Platform.Facebook => "pageId",
                    Platform.TikTok => "account",
                    _ => "oaId",
                };
                yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                      - id: {station.Key}-{kind}
                        kind: {kind}
                        confirmed: false
                        {key}: "{account.AccountId}"
                        tokenEnv: {account.TokenEnv}
                        apiBaseUrl: {replay.BaseUrls[account.Platform]}

                    """);
            }

            temp.Write($"pipelines/stations/{station.Key}.yaml", yaml.ToString());
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
