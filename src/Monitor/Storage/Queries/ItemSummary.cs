using Monitor.Domain;

namespace Monitor.Storage.Queries;

/// <summary>
/// An item as queries return it: what identifies and locates it, its latest engagement
/// (<see cref="Engagement"/> = reactions + comments + shares of the latest observation, 0 when
/// never observed; <see cref="Views"/> null when unknown) and its overperformance scores at
/// 1 h, 24 h and 7 d (null where not scored). No body.
/// </summary>
public sealed record ItemSummary(
    string Id,
    string StationId,
    string ChannelId,
    Platform Platform,
    ItemKind Kind,
    string Url,
    string Title,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CollectedAt,
    long Engagement,
    long? Views,
    double? Score1h,
    double? Score24h,
    double? Score7d)
{
    /// <summary>The score at the largest standard age that has one.</summary>
    public double? BestScore => Score7d ?? Score24h ?? Score1h;
}

/// <summary>An item with the keys that link it into stories: its own canonical URL and the links in its title and body.</summary>
public sealed record StoryCandidate(ItemSummary Item, IReadOnlyList<string> LinkKeys);

/// <summary>
/// One station's totals over a filter. <see cref="MedianScore"/> is the median of its items'
/// best scores taken on the ratio (see <c>Leaderboard.MedianScore</c>), over <see cref="ScoredItems"/> items.
/// </summary>
public sealed record StationTotals(
    string StationId,
    int Items,
    long Engagement,
    long Views,
    IReadOnlyDictionary<string, int> ItemsPerPlatform,
    IReadOnlyList<string> Channels,
    double? MedianScore,
    int ScoredItems);
