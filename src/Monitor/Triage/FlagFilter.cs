using Monitor.Domain;

namespace Monitor.Triage;

/// <summary>
/// Which flags an inbox page covers. Null means no restriction; <see cref="Stations"/> empty means
/// no station (a station user with none sees nothing). The period is [From, To) over the time the
/// flag was raised. <see cref="Assignee"/> matches the user name exactly; <see cref="ItemId"/> keeps
/// the flags on one item and on its comments (the item page).
/// </summary>
public sealed record FlagFilter(
    IReadOnlyCollection<string>? Stations = null,
    Platform? Platform = null,
    string? Source = null,
    string? Severity = null,
    IReadOnlyCollection<FlagStatus>? Statuses = null,
    string? Assignee = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ItemId = null)
{
    public static FlagFilter All { get; } = new();

    /// <summary>The flags still needing work (every status but resolved and dismissed).</summary>
    public static IReadOnlyList<FlagStatus> OpenWork { get; } = [.. TriageNames.AllStatuses.Where(s => !s.IsClosed())];
}

/// <summary>
/// One page of the inbox, newest first (raised time, then id), and the number of flags per status
/// under the same filter without its status part, so the status tabs show what each would hold.
/// <see cref="Next"/> is an opaque cursor for the following page, null on the last one.
/// </summary>
public sealed record FlagPage(IReadOnlyList<FlagSummary> Flags, IReadOnlyDictionary<FlagStatus, long> CountsByStatus, string? Next)
{
    public long Total => CountsByStatus.Values.Sum();
}
