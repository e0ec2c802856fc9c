using Monitor.Collection.Zalo;
using Monitor.Domain;

namespace Monitor.Configuration.Channels;

/// <summary>Reads <c>kind: zalo</c>: <c>oaId</c> (the Zalo Official Account id), <c>tokenEnv</c>, optional <c>apiBaseUrl</c>.</summary>
internal sealed class ZaloChannelParser : IChannelParser
{
    public string Kind => "zalo";

    public Channel? Parse(ChannelParseContext context)
    {
        var map = context.Map;
        var oaId = map.String("oaId", required: true);
        var tokenEnv = SocialChannelKeys.TokenEnv(map);
        var apiBaseUrl = SocialChannelKeys.ApiBaseUrl(map);
        return oaId is null || tokenEnv is null
            ? null
            : new ZaloChannel(context.ChannelId, context.StationId, context.Schedule, oaId.TrimStart('@'), tokenEnv, apiBaseUrl);
    }
}
