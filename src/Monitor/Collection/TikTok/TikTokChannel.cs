using Monitor.Domain;

namespace Monitor.Collection.TikTok;

/// <summary>
/// A station's own TikTok account, read through the Display API v2. The API only returns the
/// videos of the account that granted the token, so <see cref="Account"/> is the handle used for
/// links and reports, and the token (from <see cref="TokenEnv"/>) decides whose videos come back.
/// </summary>
public sealed record TikTokChannel(
    string Id,
    string StationId,
    string? Schedule,
    string Account,
    string TokenEnv,
    Uri? ApiBaseUrl = null)
    : Channel(Id, StationId, Platform.TikTok, Schedule);
