using Monitor.Collection.YouTube;
using Monitor.Domain;

namespace Monitor.Configuration.Channels;

/// <summary>Reads <c>kind: youtube</c>: <c>channelId</c> (a YouTube channel id (UC…)), <c>tokenEnv</c>, optional <c>apiBaseUrl</c>.</summary>
internal sealed class YouTubeChannelParser : IChannelParser
{
    public string Kind => "youtube";

    public Channel? Parse(ChannelParseContext context)
    {
        var map = context.Map;
        var channelId = map.String("channelId", required: true);
        var tokenEnv = SocialChannelKeys.TokenEnv(map);
        var apiBaseUrl = SocialChannelKeys.ApiBaseUrl(map);
        return channelId is null || tokenEnv is null
            ? null
            : new YouTubeChannel(context.ChannelId, context.StationId, context.Schedule, channelId.TrimStart('@'), tokenEnv, apiBaseUrl);
    }
}
