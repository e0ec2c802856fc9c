using Monitor.Collection.Facebook;
using Monitor.Collection.TikTok;
using Monitor.Collection.YouTube;
using Monitor.Collection.Zalo;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Replay.Platforms;
using Monitor.Reporting;
using Monitor.Storage.Sqlite;
using Monitor.Storage;

namespace Monitor.Worker.Demo;

/// <summary>
/// The social half of <c>demo</c>: aims every configured social channel of a station the replay
/// knows at <see cref="ReplayPlatforms"/> (its account id, loopback base URL and a demo token set in
/// this process only), observes them again at +1 h … +48 h of the demo clock, and prints the
/// cụm 2 leaderboard from what was stored.
/// </summary>
internal static class SocialDemo
{
    public const string LeaderboardCluster = "cum-2";

    public static IReadOnlyList<TimeSpan> LaterRounds { get; } =
        [.. new[] { 1, 2, 3, 6, 12, 24, 48 }.Select(h => TimeSpan.FromHours(h))];

    /// <summary>
    /// <paramref name="webOnly"/> (the website channels already aimed at replay sites) plus the
    /// social channels of <paramref name="original"/> aimed at the replay platforms; social channels
    /// whose station has no replayed account are left out, like websites without a replay site.
    /// </summary>
    public static PipelineConfiguration AddSocialChannels(PipelineConfiguration original, PipelineConfiguration webOnly, ReplayPlatforms replay)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(webOnly);
        ArgumentNullException.ThrowIfNull(replay);
        var social = original.RewriteChannels(channel => channel.Platform == Platform.Web ? null : PointAtReplay(channel, replay));
        var stations = original.Stations
            .Select(station => station with
            {
                Channels =
                [
                    .. webOnly.Stations.FirstOrDefault(s => s.Id == station.Id)?.Channels ?? [],
                    .. social.Stations.FirstOrDefault(s => s.Id == station.Id)?.Channels ?? [],
                ],
            })
            .Where(s => s.Channels.Count > 0)
            .ToList();
        return webOnly with { Stations = stations };
    }

    public static PipelineConfiguration SocialOnly(PipelineConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.RewriteChannels(channel => channel.Platform == Platform.Web ? null : channel);
    }

    /// <summary>Moves the demo clock to each later round and runs the social channels again; false if any source failed.</summary>
    public static async Task<bool> RunLaterRoundsAsync(CollectionCycle cycle, PipelineConfiguration socialOnly, DemoClock clock, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(output);
        if (socialOnly.ChannelCount == 0)
        {
            return true;
        }

        var succeeded = true;
        foreach (var round in LaterRounds)
        {
            clock.Offset = round;
            var summary = await cycle.RunAsync(socialOnly, null, cancellationToken);
            var observations = summary.Sources.Sum(s => s.Observations);
            succeeded &= summary.AllSucceeded;
            foreach (var failed in summary.Sources.Where(s => !s.Succeeded))
            {
                await output.WriteLineAsync($"  FAIL  {failed.StationId}/{failed.ChannelId}: {failed.Error}");
            }

            await output.WriteLineAsync(
                $"Demo clock +{round.TotalHours:0} h: {summary.Sources.Count} social channels, {summary.Failed} failed; {summary.NewItems} new posts, {observations} new observations (posts past a checkpoint).");
        }

        return succeeded;
    }

    public static async Task WriteLeaderboardAsync(IContentQueries store, PipelineConfiguration configuration, string dbPath, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var followers = await SqliteFollowerCounts.ReadAsync(dbPath, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteAsync(ReportText.Render(await Leaderboard.BuildAsync(LeaderboardCluster, configuration.Stations, store, followers, null, null, cancellationToken)));
    }

    private static Channel? PointAtReplay(Channel channel, ReplayPlatforms replay)
    {
        var account = replay.Catalog.Accounts.FirstOrDefault(a => a.StationId == channel.StationId && a.Platform == channel.Platform);
        if (account is null)
        {
            return null;
        }

        // The demo's made-up token lives only in this process's environment, under the name the channel now reads.
        Environment.SetEnvironmentVariable(account.TokenEnv, account.Token);
        var baseUrl = replay.BaseUrls[channel.Platform];
        if (!baseUrl.IsLoopback)
        {
            throw new InvalidOperationException($"demo would contact {baseUrl}; only 127.0.0.1 is allowed");
        }

        return channel switch
        {
            YouTubeChannel youtube => youtube with { ChannelId = account.AccountId, TokenEnv = account.TokenEnv, ApiBaseUrl = baseUrl },
            FacebookChannel facebook => facebook with { PageId = account.AccountId, TokenEnv = account.TokenEnv, ApiBaseUrl = baseUrl },
            TikTokChannel tiktok => tiktok with { Account = account.AccountId, TokenEnv = account.TokenEnv, ApiBaseUrl = baseUrl },
            ZaloChannel zalo => zalo with { OaId = account.AccountId, TokenEnv = account.TokenEnv, ApiBaseUrl = baseUrl },
            _ => null,
        };
    }
}
