using Monitor.Collection.Facebook;
using Monitor.Collection.TikTok;
using Monitor.Collection.YouTube;
using Monitor.Collection.Zalo;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Replay.Platforms;
using Monitor.Tests.Support;
using Monitor.Worker.Demo;

namespace Monitor.Tests.Social;

public sealed class SocialDemoTests
{
    [Fact]
    public async Task AddSocialChannels_ShippedPipelines_EverySocialChannelAimedAtLoopbackReplay()
    {
        var configuration = PipelineLoader.Load(RepositoryPaths.Pipelines).GetValidConfiguration();
        await using var replay = await ReplayPlatforms.StartAsync(TimeProvider.System);
        var webOnly = configuration.RewriteChannels(c => c.Platform == Platform.Web ? c : null);

        var demo = SocialDemo.AddSocialChannels(configuration, webOnly, replay);

        var social = demo.Sources().Select(s => s.Channel).Where(c => c.Platform != Platform.Web).ToList();
        social.Count.ShouldBe(20);
        demo.Sources().Count(s => s.Channel.Platform == Platform.Web).ShouldBe(webOnly.ChannelCount);
        foreach (var channel in social)
        {
            var (baseUrl, id, tokenEnv) = channel switch
            {
                YouTubeChannel c => (c.ApiBaseUrl, c.ChannelId, c.TokenEnv),
                FacebookChannel c => (c.ApiBaseUrl, c.PageId, c.TokenEnv),
                TikTokChannel c => (c.ApiBaseUrl, c.Account, c.TokenEnv),
                ZaloChannel c => (c.ApiBaseUrl, c.OaId, c.TokenEnv),
                _ => throw new InvalidOperationException(channel.ToString()),
            };
            baseUrl!.IsLoopback.ShouldBeTrue();
            replay.Catalog.FindAccount(channel.Platform, id).ShouldNotBeNull().StationId.ShouldBe(channel.StationId);
            Environment.GetEnvironmentVariable(tokenEnv).ShouldNotBeNullOrEmpty();
        }
    }
}
