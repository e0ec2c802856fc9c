using Monitor.Collection.Facebook;
using Monitor.Domain;

namespace Monitor.Configuration.Channels;

/// <summary>Reads <c>kind: facebook</c>: <c>pageId</c> (a Facebook Page id), <c>tokenEnv</c>, optional <c>apiBaseUrl</c>.</summary>
internal sealed class FacebookChannelParser : IChannelParser
{
    public string Kind => "facebook";

    public Channel? Parse(ChannelParseContext context)
    {
        var map = context.Map;
        var pageId = map.String("pageId", required: true);
        var tokenEnv = SocialChannelKeys.TokenEnv(map);
        var apiBaseUrl = SocialChannelKeys.ApiBaseUrl(map);
        return pageId is null || tokenEnv is null
            ? null
            : new FacebookChannel(context.ChannelId, context.StationId, context.Schedule, pageId.TrimStart('@'), tokenEnv, apiBaseUrl);
    }
}
