namespace Monitor.Triage;

/// <summary>
/// What a person (or, for <see cref="Raise"/>, the pipeline) does to a flag. <see cref="Raise"/>
/// is only ever the first audit entry, written by the store when the flag is saved; it cannot be applied.
/// </summary>
public enum TriageActionKind
{
    Raise,
    Take,
    Assign,
    StartReview,
    Escalate,
    Resolve,
    Dismiss,
    Reopen,
    AddNote,
}

/// <summary>
/// One triage action with what it needs: <see cref="Assignee"/> for assign, <see cref="Outcome"/>
/// for resolve, <see cref="Note"/> for add-note (optional on the others, kept in the audit trail).
/// Build it with the factory methods; <see cref="FlagTransitions"/> says which status it leads to.
/// </summary>
public sealed record TriageAction(TriageActionKind Kind, string? Assignee = null, FlagOutcome? Outcome = null, string? Note = null)
{
    /// <summary>The acting user takes the flag for themselves.</summary>
    public static TriageAction Take(string? note = null) => new(TriageActionKind.Take, Note: note);

    public static TriageAction AssignTo(string assignee, string? note = null) => new(TriageActionKind.Assign, Assignee: assignee, Note: note);

    public static TriageAction StartReview(string? note = null) => new(TriageActionKind.StartReview, Note: note);

    public static TriageAction Escalate(string? note = null) => new(TriageActionKind.Escalate, Note: note);

    public static TriageAction Resolve(FlagOutcome outcome, string? note = null) => new(TriageActionKind.Resolve, Outcome: outcome, Note: note);

    public static TriageAction Dismiss(string? note = null) => new(TriageActionKind.Dismiss, Note: note);

    /// <summary>Back to open from resolved or dismissed (a closed flag turned out to need another look).</summary>
    public static TriageAction Reopen(string? note = null) => new(TriageActionKind.Reopen, Note: note);

    public static TriageAction AddNote(string note) => new(TriageActionKind.AddNote, Note: note);
}
