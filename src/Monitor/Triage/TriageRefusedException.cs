namespace Monitor.Triage;

/// <summary>Why an action was not applied to a flag.</summary>
public enum TriageRefusalReason
{
    /// <summary>No flag has this id (or it is outside what the caller may see).</summary>
    NotFound,

    /// <summary>The action does not apply in the flag's current status (resolve an open flag, take a dismissed one…).</summary>
    NotAllowed,

    /// <summary>The action lacks what it needs (an assignee, an outcome, a note).</summary>
    Invalid,
}

/// <summary>One flag a (bulk) action left unchanged, and why; <see cref="Message"/> is Vietnamese for the person who asked.</summary>
public sealed record TriageRefusal(string FlagId, TriageRefusalReason Reason, FlagStatus? Status, TriageActionKind Action, string Message);

/// <summary>A single action that cannot be applied; nothing was changed and no audit entry was written.</summary>
public sealed class TriageRefusedException : InvalidOperationException
{
    public TriageRefusedException()
    {
    }

    public TriageRefusedException(string message)
        : base(message)
    {
    }

    public TriageRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TriageRefusedException(TriageRefusal refusal)
        : base((refusal ?? throw new ArgumentNullException(nameof(refusal))).Message)
    {
        Refusal = refusal;
    }

    public TriageRefusal? Refusal { get; }
}

/// <summary>
/// What a bulk action did: each flag either changed together with its audit entry
/// (<see cref="Applied"/>, in the order asked) or stayed as it was (<see cref="Refused"/>).
/// </summary>
public sealed record BulkTriageResult(IReadOnlyList<FlagSummary> Applied, IReadOnlyList<TriageRefusal> Refused);
