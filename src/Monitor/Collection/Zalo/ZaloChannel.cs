using Monitor.Domain;

namespace Monitor.Collection.Zalo;

/// <summary>
/// A station's Zalo Official Account. The OA access token (from <see cref="TokenEnv"/>) decides
/// which OA's articles come back; <see cref="OaId"/> identifies it in reports.
/// </summary>
public sealed record ZaloChannel(
    string Id,
    string StationId,
    string? Schedule,
    string OaId,
    string TokenEnv,
    Uri? ApiBaseUrl = null)
    : Channel(Id, StationId, Platform.Zalo, Schedule);
