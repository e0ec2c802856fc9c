namespace Monitor.Configuration.Channels;

/// <summary>Every channel kind the configuration understands. Add a kind here, one line.</summary>
internal static class ChannelParsers
{
    public static IReadOnlyList<IChannelParser> All { get; } =
    [
        new WebsiteChannelParser(),
        new YouTubeChannelParser(), new FacebookChannelParser(), new TikTokChannelParser(), new ZaloChannelParser(),
    ];
}
