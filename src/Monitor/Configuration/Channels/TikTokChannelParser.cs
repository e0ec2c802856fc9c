using Monitor.Collection.TikTok;
using Monitor.Domain;

namespace Monitor.Configuration.Channels;

/// <summary>Reads <c>kind: tiktok</c>: <c>account</c> (the TikTok account handle (without @)), <c>tokenEnv</c>, optional <c>apiBaseUrl</c>.</summary>
internal sealed class TikTokChannelParser : IChannelParser
{
    public string Kind => "tiktok";

    public Channel? Parse(ChannelParseContext context)
    {
        var map = context.Map;
        var account = map.String("account", required: true);
        var tokenEnv = SocialChannelKeys.TokenEnv(map);
        var apiBaseUrl = SocialChannelKeys.ApiBaseUrl(map);
        return account is null || tokenEnv is null
            ? null
            : new TikTokChannel(context.ChannelId, context.StationId, context.Schedule, account.TrimStart('@'), tokenEnv, apiBaseUrl);
    }
}
