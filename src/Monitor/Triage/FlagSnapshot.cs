using Monitor.Domain;

namespace Monitor.Triage;

/// <summary>
/// The evidence as it was when the flag was raised, stored with the flag and never changed after:
/// the item (or comment) may be edited or disappear upstream, and a reviewer must still see what
/// was flagged. <see cref="Text"/> is the comment's text, or the item's title and body.
/// <see cref="MatchedTerms"/> are the flag's evidence (watch-list terms, model labels).
/// </summary>
public sealed record FlagSnapshot(
    string TargetId,
    TargetKind TargetKind,
    string ItemId,
    string? StationId,
    string? ChannelId,
    Platform? Platform,
    string? Url,
    string? Title,
    string Text,
    string? Author,
    DateTimeOffset? PublishedAt,
    string Source,
    string Severity,
    string Reason,
    double? Score,
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<ScoreSnapshot> Scores,
    EngagementSnapshot? Engagement,
    DateTimeOffset RaisedAt);

/// <summary>A classifier's label on the flagged target when it was flagged (task: sentiment, toxicity).</summary>
public sealed record ScoreSnapshot(string Task, string Label, double Probability);

/// <summary>
/// The item's latest observation when the flag was raised (null numbers: not reported by the
/// platform) and, for a comment, its likes.
/// </summary>
public sealed record EngagementSnapshot(DateTimeOffset? ObservedAt, long? Views, long? Reactions, long? Comments, long? Shares, long? CommentLikes);
