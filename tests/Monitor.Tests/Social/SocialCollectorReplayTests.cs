using Microsoft.Extensions.DependencyInjection;
using Monitor.Collection.Social;
using Monitor.Domain;
using Monitor.Replay.Platforms;

namespace Monitor.Tests.Social;

public sealed class SocialCollectorReplayTests
{
    [Fact]
    public async Task CollectAsync_EveryPlatform_ObservesEachVisibleItemOnce()
    {
        await using var harness = await SocialHarness.StartAsync();

        var failures = await harness.RunAsync();

        failures.ShouldBeEmpty();
        var visible = harness.Replay.Catalog.Posts.Count(p => p.IsVisible(harness.Clock.GetUtcNow()));
        harness.Stored.Select(s => s.Item.Id).Distinct().Count().ShouldBe(visible);
        harness.Stored.Count.ShouldBe(visible);
        harness.Stored.ShouldAllBe(s => s.Observations.Count == 1);
        foreach (var platform in new[] { Platform.YouTube, Platform.Facebook, Platform.TikTok, Platform.Zalo })
        {
            harness.Stored.Count(s => s.Item.Platform == platform).ShouldBe(50);
        }

        var youtubeComments = harness.Stored.Where(s => s.Item.Platform == Platform.YouTube).SelectMany(s => s.Comments).ToList();
        youtubeComments.ShouldNotBeEmpty();
        youtubeComments.ShouldAllBe(c => c.Id.StartsWith("youtube:") && c.ItemId.StartsWith("youtube:"));
        harness.Stored.Where(s => s.Item.Platform == Platform.Facebook).SelectMany(s => s.Comments).ShouldAllBe(c => c.Id.StartsWith("facebook:"));
        harness.Stored.SelectMany(s => s.Comments).Select(c => c.Id).ShouldBeUnique();
    }

    [Fact]
    public async Task CollectAsync_NumbersMatchReplay_IncludingStringCountsAndMissingShares()
    {
        await using var harness = await SocialHarness.StartAsync();
        var now = harness.Clock.GetUtcNow();
        var tiktok = harness.Account("thai-nguyen", Platform.TikTok);
        var facebook = harness.Account("thai-nguyen", Platform.Facebook);
        var zalo = harness.Account("thai-nguyen", Platform.Zalo);
        harness.Replay.Faults.Set(tiktok.AccountId, PlatformFault.NumbersAsStrings);
        harness.Replay.Faults.Set(facebook.AccountId, PlatformFault.NumbersAsStrings);
        harness.Replay.Faults.Set(zalo.AccountId, PlatformFault.NumbersAsStrings);

        (await harness.RunAsync(tiktok, facebook, zalo)).ShouldBeEmpty();

        foreach (var post in harness.Replay.Catalog.Posts.Where(p => p.Account == tiktok && p.IsVisible(now)))
        {
            var observation = harness.ObservationsOf(Item.PlatformId(Platform.TikTok, post.NativeId)).Single();
            observation.Views.ShouldBe(post.Views(now));
            observation.Shares.ShouldBe(post.Shares(now));
        }

        foreach (var post in harness.Replay.Catalog.Posts.Where(p => p.Account == facebook && p.IsVisible(now)))
        {
            var observation = harness.ObservationsOf(Item.PlatformId(Platform.Facebook, post.NativeId)).Single();
            observation.Reactions.ShouldBe(post.Reactions(now));
            observation.Views.ShouldBeNull();
            // Graph leaves out `shares` when zero: that is 0 shares, not "unknown".
            observation.Shares.ShouldBe(post.Shares(now));
        }

        var article = harness.Stored.First(s => s.Item.Platform == Platform.Zalo);
        article.Observations[0].Views.ShouldNotBeNull();
        article.Observations[0].Reactions.ShouldBeNull();
    }

    [Fact]
    public async Task CollectAsync_SameInstantTwice_NoSecondObservation()
    {
        await using var harness = await SocialHarness.StartAsync();
        await harness.RunAsync();
        var first = harness.Stored.Count;

        (await harness.RunAsync()).ShouldBeEmpty();

        harness.Stored.Count.ShouldBe(first);
    }

    [Fact]
    public async Task CollectAsync_ClockMovesOn_DueItemsReobservedWithGrowthAndNewPostsAppear()
    {
        await using var harness = await SocialHarness.StartAsync();
        var youtube = harness.Account("quang-ninh", Platform.YouTube);
        await harness.RunAsync(youtube);
        harness.Clock.Advance(TimeSpan.FromHours(1));

        await harness.RunAsync(youtube);

        // The video published 30 minutes after the start is new this run.
        var catalog = harness.Replay.Catalog;
        var appeared = catalog.Posts.Single(p => p.Account == youtube && p.PublishedAt == catalog.Origin + TimeSpan.FromMinutes(30));
        harness.ObservationsOf(Item.PlatformId(Platform.YouTube, appeared.NativeId)).Count().ShouldBe(1);

        // Published 4 h before start: observed at age 4 h, due again at its 6 h checkpoint, not at 5 h.
        var fourHours = catalog.Posts.Single(p => p.Account == youtube && p.PublishedAt == catalog.Origin - TimeSpan.FromHours(4));
        harness.ObservationsOf(Item.PlatformId(Platform.YouTube, fourHours.NativeId)).Count().ShouldBe(1);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.RunAsync(youtube);
        var series = harness.ObservationsOf(Item.PlatformId(Platform.YouTube, fourHours.NativeId)).ToList();
        series.Count.ShouldBe(2);
        series[1].Views!.Value.ShouldBeGreaterThan(series[0].Views!.Value);
        series[1].Age.ShouldBe(TimeSpan.FromHours(6));
    }

    [Fact]
    public async Task CollectAsync_ExpiredTokenOnOneChannel_ThatChannelFailsClearlyOthersContinue()
    {
        await using var harness = await SocialHarness.StartAsync();
        var accounts = new[] { Platform.YouTube, Platform.Facebook, Platform.TikTok, Platform.Zalo }.Select(p => harness.Account("lang-son", p)).ToList();
        foreach (var account in accounts)
        {
            harness.Replay.Faults.Set(account.AccountId, PlatformFault.ExpiredToken);
        }

        var failures = await harness.RunAsync();

        failures.Count.ShouldBe(4);
        failures.Values.ShouldAllBe(e => ((SocialApiException)e).Failure == SocialFailure.TokenExpired && !((SocialApiException)e).IsTransient);
        harness.Stored.ShouldNotContain(s => s.Item.StationId == "lang-son");
        harness.Stored.Count(s => s.Item.StationId == "cao-bang").ShouldBe(40);
        harness.Logs.Lines.ShouldContain(l => l.Contains("lang-son-facebook failed") && l.Contains("access token invalid or expired") && l.Contains("190/463"));
    }

    [Fact]
    public async Task CollectAsync_RevokedPermission_PermanentFailureNamedPerPlatform()
    {
        await using var harness = await SocialHarness.StartAsync();
        var accounts = new[] { Platform.YouTube, Platform.Facebook, Platform.TikTok, Platform.Zalo }.Select(p => harness.Account("bac-giang", p)).ToArray();
        foreach (var account in accounts)
        {
            harness.Replay.Faults.Set(account.AccountId, PlatformFault.RevokedPermission);
        }

        var failures = await harness.RunAsync(accounts);

        failures.Values.Select(e => ((SocialApiException)e).ErrorCode).ShouldBe(["forbidden", "10", "scope_not_authorized", "-209"], ignoreOrder: true);
        failures.Values.ShouldAllBe(e => ((SocialApiException)e).Failure == SocialFailure.PermissionRevoked);
    }

    [Fact]
    public async Task CollectAsync_YouTubeQuotaExceeded_StopsCleanlyUntilPacificMidnight()
    {
        await using var harness = await SocialHarness.StartAsync();
        var youtube = harness.Account("thai-nguyen", Platform.YouTube);
        harness.Replay.Faults.Set(youtube.AccountId, PlatformFault.QuotaExceeded);

        (await harness.RunAsync(youtube)).ShouldBeEmpty();
        harness.Stored.ShouldBeEmpty();
        harness.Logs.Lines.ShouldContain(l => l.Contains("quota exhausted") && l.Contains("pausing until 2026-11-20T08:00:00"));

        harness.Replay.Faults.Clear(youtube.AccountId, PlatformFault.QuotaExceeded);
        var requests = harness.Replay.RequestCount;
        harness.Clock.Advance(TimeSpan.FromHours(5));
        await harness.RunAsync(youtube);
        harness.Replay.RequestCount.ShouldBe(requests, "a paused key sends nothing before the reset");
        harness.Logs.Lines.ShouldContain(l => l.Contains("skipping this run"));

        // 02:00 UTC + 6h01 = 08:01 UTC = 00:01 in Los Angeles (PST): the quota day has turned.
        harness.Clock.Advance(TimeSpan.FromMinutes(61));
        (await harness.RunAsync(youtube)).ShouldBeEmpty();
        // Ten published before the start, two more since (30 min and 2 h after it).
        harness.Stored.Count.ShouldBe(12);
    }

    [Fact]
    public async Task CollectAsync_DailyBudgetFromConfig_StopsBeforeSpendingMore()
    {
        await using var harness = await SocialHarness.StartAsync(o => o.YouTubeDailyQuota = 3);
        var youtube = harness.Account("thai-nguyen", Platform.YouTube);

        (await harness.RunAsync(youtube)).ShouldBeEmpty();

        // channels (1) + two playlist pages (2) = 3 units; videos.list would be the 4th.
        harness.Replay.RequestCount.ShouldBe(3);
        harness.Stored.ShouldBeEmpty();
        harness.Logs.Lines.ShouldContain(l => l.Contains("quota exhausted (dailyBudget)"));
        var state = harness.Services.GetRequiredService<IObservationState>();
        (await state.GetQuotaUnitsAsync("youtube-quota:" + youtube.TokenEnv, "2026-11-19")).ShouldBe(3);
    }

    [Fact]
    public async Task CollectAsync_RateLimited_PausesChannelKeepsWhatWasStored()
    {
        await using var harness = await SocialHarness.StartAsync();
        var tiktok = harness.Account("cao-bang", Platform.TikTok);
        var facebook = harness.Account("cao-bang", Platform.Facebook);
        var zalo = harness.Account("cao-bang", Platform.Zalo);
        await harness.RunAsync(tiktok, facebook, zalo);
        var stored = harness.Stored.Count;
        foreach (var account in new[] { tiktok, facebook, zalo })
        {
            harness.Replay.Faults.Set(account.AccountId, PlatformFault.RateLimited);
        }

        harness.Clock.Advance(TimeSpan.FromHours(3));
        (await harness.RunAsync(tiktok, facebook, zalo)).ShouldBeEmpty();

        harness.Stored.Count.ShouldBe(stored);
        harness.Logs.Lines.ShouldContain(l => l.Contains("cao-bang-tiktok") && l.Contains("rate limited (rate_limit_exceeded)") && l.Contains("05:01:00"));
        harness.Logs.Lines.ShouldContain(l => l.Contains("cao-bang-facebook") && l.Contains("error code 32") && l.Contains("05:17:00"));
        harness.Logs.Lines.ShouldContain(l => l.Contains("cao-bang-zalo") && l.Contains("rate limited (error -32)"));
    }

    [Fact]
    public async Task CollectAsync_MissingStatistics_ItemSkippedAndStaysDueUntilNumbersReturn()
    {
        await using var harness = await SocialHarness.StartAsync();
        var accounts = new[] { Platform.YouTube, Platform.Facebook, Platform.TikTok, Platform.Zalo }.Select(p => harness.Account("quang-ninh", p)).ToArray();
        foreach (var account in accounts)
        {
            harness.Replay.Faults.Set(account.AccountId, PlatformFault.MissingStatistics);
        }

        (await harness.RunAsync(accounts)).ShouldBeEmpty();

        harness.Stored.Count.ShouldBe(40 - 4);
        harness.Logs.Lines.Count(l => l.Contains("came without engagement numbers")).ShouldBe(4);
        foreach (var account in accounts)
        {
            harness.Replay.Faults.Clear(account.AccountId, PlatformFault.MissingStatistics);
        }

        await harness.RunAsync(accounts);
        harness.Stored.Count.ShouldBe(40);
        harness.Stored.Select(s => s.Item.Id).ShouldBeUnique();
    }

    [Fact]
    public async Task CollectAsync_DeletedPost_StopsObservingKeepsEarlierObservations()
    {
        await using var harness = await SocialHarness.StartAsync();
        var accounts = new[] { Platform.YouTube, Platform.Facebook, Platform.TikTok, Platform.Zalo }.Select(p => harness.Account("thai-nguyen", p)).ToArray();
        await harness.RunAsync(accounts);
        var catalog = harness.Replay.Catalog;
        // Published 200 h before the start: older than every listing page, so it is refreshed by id.
        var oldest = accounts.Select(a => catalog.Posts.Single(p => p.Account == a && p.PublishedAt == catalog.Origin - TimeSpan.FromHours(200))).ToList();
        foreach (var post in oldest)
        {
            harness.Replay.Faults.Delete(post.NativeId);
        }

        harness.Clock.Advance(TimeSpan.FromDays(30));
        (await harness.RunAsync(accounts)).ShouldBeEmpty();

        foreach (var post in oldest)
        {
            var itemId = Item.PlatformId(post.Account.Platform, post.NativeId);
            harness.ObservationsOf(itemId).Count().ShouldBe(1);
            var state = await harness.Services.GetRequiredService<IObservationState>().GetItemAsync(itemId);
            state!.Gone.ShouldBeTrue();
        }

        harness.Logs.Lines.Count(l => l.Contains("no longer exists on the platform")).ShouldBe(4);
    }

    [Fact]
    public async Task CollectAsync_RepeatedCursor_StopsPagingWithoutDuplicates()
    {
        await using var harness = await SocialHarness.StartAsync();
        harness.Replay.PageSize = 3;
        var accounts = new[] { Platform.YouTube, Platform.Facebook, Platform.TikTok, Platform.Zalo }.Select(p => harness.Account("bac-giang", p)).ToArray();
        foreach (var account in accounts)
        {
            harness.Replay.Faults.Set(account.AccountId, PlatformFault.RepeatingCursor);
        }

        (await harness.RunAsync(accounts)).ShouldBeEmpty();

        harness.Logs.Lines.Count(l => l.Contains("repeated paging cursor")).ShouldBe(4);
        harness.Stored.Select(s => s.Item.Id).ShouldBeUnique();
        harness.Stored.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task CollectAsync_FacebookUsageNearLimit_SlowsDownBeforeBeingThrottled()
    {
        await using var harness = await SocialHarness.StartAsync();
        var facebook = harness.Account("lang-son", Platform.Facebook);
        harness.Replay.Faults.Set(facebook.AccountId, PlatformFault.HighUsage);

        (await harness.RunAsync(facebook)).ShouldBeEmpty();

        harness.Stored.Count.ShouldBe(5, "the first page is kept, the second is not requested");
        harness.Logs.Lines.ShouldContain(l => l.Contains("usage at 90% of the platform limit"));
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var requests = harness.Replay.RequestCount;
        await harness.RunAsync(facebook);
        harness.Replay.RequestCount.ShouldBe(requests);
    }

    [Fact]
    public async Task CollectAsync_AnyOutcome_TokensNeverLogged()
    {
        await using var harness = await SocialHarness.StartAsync();
        foreach (var fault in new[] { PlatformFault.ExpiredToken, PlatformFault.RateLimited, PlatformFault.RepeatingCursor })
        {
            foreach (var account in harness.Replay.Catalog.Accounts.Where(a => a.StationId == "thai-nguyen"))
            {
                harness.Replay.Faults.Set(account.AccountId, fault);
            }

            await harness.RunAsync();
            foreach (var account in harness.Replay.Catalog.Accounts.Where(a => a.StationId == "thai-nguyen"))
            {
                harness.Replay.Faults.Clear(account.AccountId, fault);
            }

            harness.Clock.Advance(TimeSpan.FromHours(2));
        }

        harness.Logs.Lines.ShouldNotBeEmpty();
        harness.Logs.Lines.ShouldContain(l => l.Contains("System.Net.Http.HttpClient"));
        foreach (var account in harness.Replay.Catalog.Accounts)
        {
            harness.Logs.Lines.ShouldNotContain(l => l.Contains(account.Token), $"token of {account.AccountId} leaked");
        }
    }

    [Fact]
    public async Task CollectAsync_TokenVariableUnset_ClearErrorNamingTheVariableOnly()
    {
        await using var harness = await SocialHarness.StartAsync();
        var account = harness.Account("cao-bang", Platform.YouTube);
        var channel = new Monitor.Collection.YouTube.YouTubeChannel("cao-bang-youtube", "cao-bang", null, account.AccountId, "MONITOR_TEST_UNSET_VARIABLE");
        var collector = harness.Services.GetServices<Monitor.Collection.IChannelCollector>().Single(c => c.CanCollect(channel));

        var error = await Should.ThrowAsync<SocialApiException>(async () =>
        {
            await foreach (var unused in collector.CollectAsync(new Station("cao-bang", "Cao Bằng", "Cao Bằng", "cum-2", [], null, [channel]), channel))
            {
            }
        });

        error.Failure.ShouldBe(SocialFailure.MissingCredentials);
        error.Message.ShouldContain("MONITOR_TEST_UNSET_VARIABLE");
    }
}
