using System.Security.Cryptography;
using System.Text;

namespace Monitor.Domain;

public enum ItemKind
{
    Article,
    Video,
    Post,
    Clip,
}

/// <summary>
/// One published piece. <see cref="Id"/> is deterministic (<c>{platform}:{native id}</c> or
/// <c>web:{hash of canonical URL}</c>) so collecting it again never makes a second row.
/// Times are UTC.
/// </summary>
public sealed record Item(
    string Id,
    string StationId,
    string ChannelId,
    Platform Platform,
    ItemKind Kind,
    string Url,
    string Title,
    string? Body,
    string? Author,
    string? Category,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CollectedAt,
    string Language = "vi")
{
    public static string WebId(string canonicalUrl)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl));
        return "web:" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    public static string PlatformId(Platform platform, string nativeId) => $"{platform.ToWire()}:{nativeId}";
}
