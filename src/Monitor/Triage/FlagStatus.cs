namespace Monitor.Triage;

/// <summary>
/// Where a flag stands in triage. <see cref="Resolved"/> and <see cref="Dismissed"/> are closed;
/// the others are open work. The lower-case wire names (<see cref="TriageNames"/>) are what the
/// stores keep, the API answers and the inbox links carry.
/// </summary>
public enum FlagStatus
{
    Open,
    Taken,
    Assigned,
    InReview,
    Escalated,
    Resolved,
    Dismissed,
}

/// <summary>What a resolved flag turned out to be.</summary>
public enum FlagOutcome
{
    Confirmed,
    FalseAlarm,
}

/// <summary>The wire and storage names of the triage vocabulary: <c>open</c>, <c>in_review</c>, <c>false_alarm</c>, <c>add_note</c>…</summary>
public static class TriageNames
{
    public static IReadOnlyList<FlagStatus> AllStatuses { get; } = Enum.GetValues<FlagStatus>();

    public static bool IsClosed(this FlagStatus status) => status is FlagStatus.Resolved or FlagStatus.Dismissed;

    public static string ToWire(this FlagStatus status) => status switch
    {
        FlagStatus.Open => "open",
        FlagStatus.Taken => "taken",
        FlagStatus.Assigned => "assigned",
        FlagStatus.InReview => "in_review",
        FlagStatus.Escalated => "escalated",
        FlagStatus.Resolved => "resolved",
        FlagStatus.Dismissed => "dismissed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown flag status."),
    };

    public static string ToWire(this FlagOutcome outcome) => outcome switch
    {
        FlagOutcome.Confirmed => "confirmed",
        FlagOutcome.FalseAlarm => "false_alarm",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    public static string ToWire(this TriageActionKind action) => action switch
    {
        TriageActionKind.Raise => "raise",
        TriageActionKind.Take => "take",
        TriageActionKind.Assign => "assign",
        TriageActionKind.StartReview => "in_review",
        TriageActionKind.Escalate => "escalate",
        TriageActionKind.Resolve => "resolve",
        TriageActionKind.Dismiss => "dismiss",
        TriageActionKind.Reopen => "reopen",
        TriageActionKind.AddNote => "add_note",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown triage action."),
    };

    /// <summary>Accepts the wire name, or the enum name in any case (<c>InReview</c>, <c>in-review</c>).</summary>
    public static bool TryParseStatus(string? text, out FlagStatus status) => TryParse(text, AllStatuses, ToWire, out status);

    public static bool TryParseOutcome(string? text, out FlagOutcome outcome) => TryParse(text, Enum.GetValues<FlagOutcome>(), ToWire, out outcome);

    public static bool TryParseAction(string? text, out TriageActionKind action) => TryParse(text, Enum.GetValues<TriageActionKind>(), ToWire, out action);

    public static FlagStatus ParseStatus(string text) =>
        TryParseStatus(text, out var status) ? status : throw new InvalidDataException($"Unknown flag status '{text}'.");

    public static FlagOutcome ParseOutcome(string text) =>
        TryParseOutcome(text, out var outcome) ? outcome : throw new InvalidDataException($"Unknown flag outcome '{text}'.");

    public static TriageActionKind ParseAction(string text) =>
        TryParseAction(text, out var action) ? action : throw new InvalidDataException($"Unknown triage action '{text}'.");

    private static bool TryParse<T>(string? text, IEnumerable<T> values, Func<T, string> wire, out T value)
        where T : struct, Enum
    {
        var key = text?.Trim().Replace('-', '_').ToLowerInvariant();
        foreach (var candidate in values)
        {
            if (wire(candidate) == key || candidate.ToString().Equals(key?.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
