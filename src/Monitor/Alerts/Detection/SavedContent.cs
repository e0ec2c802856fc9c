using Monitor.Domain;

namespace Monitor.Alerts.Detection;

/// <summary>What one save wrote that detection looks at: the items it touched, its comments, its flags.</summary>
public sealed record SavedContent(
    IReadOnlyCollection<string> TouchedItems,
    IReadOnlyList<Comment> Comments,
    IReadOnlyList<Flag> Flags);

/// <summary>The outcome of one run of one channel, for the source-health rules.</summary>
public sealed record SourceRun(string StationId, string ChannelId, bool Succeeded, string? Error, int ConsecutiveFailures);
