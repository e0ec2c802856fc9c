namespace Monitor.Domain;

/// <summary>Where a channel publishes. The lower-case name is the wire and storage form.</summary>
public enum Platform
{
    Web,
    YouTube,
    Facebook,
    TikTok,
    Zalo,
}

public static class PlatformNames
{
    public static string ToWire(this Platform platform) => platform switch
    {
        Platform.Web => "web",
        Platform.YouTube => "youtube",
        Platform.Facebook => "facebook",
        Platform.TikTok => "tiktok",
        Platform.Zalo => "zalo",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform."),
    };

    public static bool TryParse(string? text, out Platform platform)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "web" or "website": platform = Platform.Web; return true;
            case "youtube": platform = Platform.YouTube; return true;
            case "facebook": platform = Platform.Facebook; return true;
            case "tiktok": platform = Platform.TikTok; return true;
            case "zalo": platform = Platform.Zalo; return true;
            default: platform = default; return false;
        }
    }
}
