using Monitor.Domain;

namespace Monitor.Collection.YouTube;

/// <summary>
/// A station's YouTube channel, read with an API key through the Data API v3.
/// <see cref="TokenEnv"/> names the environment variable holding the key (the key itself never
/// appears in config or logs); <see cref="ApiBaseUrl"/> overrides the API host (demo, tests).
/// </summary>
public sealed record YouTubeChannel(
    string Id,
    string StationId,
    string? Schedule,
    string ChannelId,
    string TokenEnv,
    Uri? ApiBaseUrl = null)
    : Channel(Id, StationId, Platform.YouTube, Schedule);
