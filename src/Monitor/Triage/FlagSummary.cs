using Monitor.Domain;

namespace Monitor.Triage;

/// <summary>
/// One inbox row: the flag's stable <see cref="Id"/>, where it comes from, its triage state, and
/// what identifies the flagged content (from the snapshot, so it reads the same after the item changed).
/// </summary>
public sealed record FlagSummary(
    string Id,
    string TargetId,
    TargetKind TargetKind,
    string ItemId,
    string? StationId,
    Platform? Platform,
    string Source,
    string Severity,
    string Reason,
    double? Score,
    string? Title,
    string? Url,
    DateTimeOffset RaisedAt,
    FlagStatus Status,
    FlagOutcome? Outcome,
    string? Assignee,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One entry of a flag's audit trail, oldest first, numbered from 1 per flag. The first is always
/// <see cref="TriageActionKind.Raise"/> by the pipeline (actor <c>system</c>). A note is an entry
/// whose <see cref="Note"/> is set; <see cref="TriageActionKind.AddNote"/> keeps the status.
/// </summary>
public sealed record AuditEntry(
    int Sequence,
    DateTimeOffset At,
    string Actor,
    TriageActionKind Action,
    FlagStatus? From,
    FlagStatus To,
    string? Assignee,
    FlagOutcome? Outcome,
    string? Note);

/// <summary>One flag with its evidence snapshot and its whole audit trail.</summary>
public sealed record FlagDetail(FlagSummary Flag, FlagSnapshot Snapshot, IReadOnlyList<AuditEntry> Audit)
{
    /// <summary>The audit entries that carry a note, oldest first.</summary>
    public IEnumerable<AuditEntry> Notes => Audit.Where(a => a.Note is not null);
}
