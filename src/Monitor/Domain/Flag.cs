namespace Monitor.Domain;

/// <summary>
/// Why an item or comment needs a human look: a watch-list rule or a model score over a threshold,
/// with the evidence a reviewer needs to judge it (matched terms, model and score).
/// </summary>
public sealed record Flag(
    string TargetId,
    TargetKind TargetKind,
    string Source,
    string Severity,
    string Reason,
    double? Score,
    IReadOnlyList<string> Evidence,
    DateTimeOffset RaisedAt);
