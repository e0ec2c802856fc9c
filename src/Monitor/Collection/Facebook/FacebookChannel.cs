using Monitor.Domain;

namespace Monitor.Collection.Facebook;

/// <summary>
/// A station's Facebook Page, read through the Graph API with a Page access token taken from the
/// environment variable named by <see cref="TokenEnv"/>.
/// </summary>
public sealed record FacebookChannel(
    string Id,
    string StationId,
    string? Schedule,
    string PageId,
    string TokenEnv,
    Uri? ApiBaseUrl = null)
    : Channel(Id, StationId, Platform.Facebook, Schedule);
