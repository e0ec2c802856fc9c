namespace Monitor.Pipeline;

public enum SourceOutcome
{
    Succeeded,

    /// <summary>Worth retrying next time: timeouts, 5xx, 429, network down.</summary>
    TemporaryFailure,

    /// <summary>Will fail again until someone changes something: 404, 403, bad content, a bug.</summary>
    PermanentFailure,

    /// <summary>No registered collector handles the channel's kind.</summary>
    NoCollector,

    Cancelled,
}

/// <summary>One source's result for one run; <see cref="Error"/> is one readable line (no stack trace).</summary>
public sealed record SourceRunSummary(
    string StationId,
    string ChannelId,
    SourceOutcome Outcome,
    int NewItems,
    int ChangedItems,
    int UnchangedItems,
    int Observations,
    int Comments,
    int Flags,
    TimeSpan Elapsed,
    string? Error = null)
{
    public bool Succeeded => Outcome == SourceOutcome.Succeeded;

    public int Stored => NewItems + ChangedItems + UnchangedItems;
}

/// <summary>A whole cycle over every source.</summary>
public sealed record CycleSummary(IReadOnlyList<SourceRunSummary> Sources, TimeSpan Elapsed)
{
    public bool AllSucceeded => Sources.All(s => s.Succeeded);

    public int NewItems => Sources.Sum(s => s.NewItems);

    public int Stored => Sources.Sum(s => s.Stored);

    public int Failed => Sources.Count(s => !s.Succeeded);
}
