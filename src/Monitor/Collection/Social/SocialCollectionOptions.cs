using Microsoft.Extensions.Options;
using Monitor.Domain;

namespace Monitor.Collection.Social;

/// <summary>
/// Settings shared by the social collectors. Their bookkeeping lives behind <see cref="IObservationState"/>
/// and <see cref="IFollowerCounts"/>, registered by the store that keeps it (<c>AddSqliteCollectionState</c>).
/// </summary>
public sealed class SocialCollectionOptions
{
    public static IReadOnlyList<TimeSpan> DefaultObservationAges { get; } =
    [
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromHours(24), TimeSpan.FromHours(48), TimeSpan.FromHours(72), TimeSpan.FromDays(7),
        TimeSpan.FromDays(30),
    ];

    /// <summary>Ages at which an item is observed again (<c>schedules.observationAges</c>).</summary>
    public IReadOnlyList<TimeSpan> ObservationAges { get; set; } = DefaultObservationAges;

    /// <summary>Production API hosts; a channel's own <c>apiBaseUrl</c> wins over these.</summary>
    public Dictionary<Platform, Uri> BaseUrls { get; } = new()
    {
        [Platform.YouTube] = new Uri("https://www.googleapis.com/youtube/v3/"),
        [Platform.Facebook] = new Uri("https://graph.facebook.com/v21.0/"),
        [Platform.TikTok] = new Uri("https://open.tiktokapis.com/"),
        [Platform.Zalo] = new Uri("https://openapi.zalo.me/"),
    };

    /// <summary>Listing pages read per run; older items are refreshed from the state table instead.</summary>
    public int MaxListingPages { get; set; } = 4;

    /// <summary>Known items re-observed per channel and run at most, oldest due first, so work spreads out.</summary>
    public int MaxRefreshPerRun { get; set; } = 200;

    /// <summary>Items whose comments are read per channel and run at most.</summary>
    public int MaxCommentItemsPerRun { get; set; } = 20;

    /// <summary>YouTube Data API units per Pacific day (the default project quota is 10,000).</summary>
    public int YouTubeDailyQuota { get; set; } = 10_000;

    /// <summary>Facebook usage percentage (X-App-Usage / X-Business-Use-Case-Usage) at which a run stops early.</summary>
    public int FacebookUsageCeiling { get; set; } = 80;

    /// <summary>Pause after a 429 without <c>Retry-After</c>.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    public Uri BaseUrlFor(Platform platform, Uri? channelOverride) => channelOverride ?? BaseUrls[platform];
}

internal sealed class SocialCollectionOptionsValidator : IValidateOptions<SocialCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SocialCollectionOptions options)
    {
        var failures = new List<string>();
        if (options.ObservationAges.Count == 0 || options.ObservationAges.Any(a => a <= TimeSpan.Zero))
        {
            failures.Add("schedules.observationAges: needs at least one positive age.");
        }

        if (options.MaxListingPages < 1 || options.MaxRefreshPerRun < 1 || options.MaxCommentItemsPerRun < 0)
        {
            failures.Add("social: MaxListingPages and MaxRefreshPerRun must be ≥ 1, MaxCommentItemsPerRun ≥ 0.");
        }

        if (options.YouTubeDailyQuota < 1)
        {
            failures.Add("social: YouTubeDailyQuota must be ≥ 1.");
        }

        if (options.FacebookUsageCeiling is < 1 or > 100)
        {
            failures.Add("social: FacebookUsageCeiling is a percentage between 1 and 100.");
        }

        foreach (var (platform, url) in options.BaseUrls)
        {
            if (!url.IsAbsoluteUri || !url.AbsoluteUri.EndsWith('/'))
            {
                failures.Add($"social: base URL for {platform.ToWire()} must be absolute and end with '/'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
