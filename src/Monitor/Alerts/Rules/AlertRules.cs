namespace Monitor.Alerts.Rules;

/// <summary>
/// <c>negative-surge</c>: the negative-or-toxic share of an item's (or a station's) comments in the last
/// <see cref="Window"/>, against the station's share over the previous <see cref="Baseline"/>.
/// </summary>
public sealed record NegativeSurgeRule(bool Enabled = true, int MinComments = 10, double Ratio = 2, double P = 0.001)
{
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan Baseline { get; init; } = TimeSpan.FromDays(7);
}

/// <summary><c>viral</c>: overperformance at an early age at or above <see cref="Score"/>.</summary>
public sealed record ViralRule(bool Enabled = true, double Score = 3);

/// <summary><c>watchlist</c>: a watch-list flag at or above <see cref="MinSeverity"/> (low, medium, high).</summary>
public sealed record WatchlistAlertRule(bool Enabled = true, string MinSeverity = "high");

/// <summary><c>source-silent</c>: the mean daily item count of the last <see cref="RecentDays"/> below the previous <see cref="HistoryDays"/> days' mean − <see cref="Sigmas"/>σ.</summary>
public sealed record SourceSilentRule(bool Enabled = true, int RecentDays = 7, int HistoryDays = 28, double Sigmas = 1.5, double MinHistoryMean = 1);

/// <summary><c>source-failing</c>: <see cref="Runs"/> failed runs of one channel in a row.</summary>
public sealed record SourceFailingRule(bool Enabled = true, int Runs = 3);

/// <summary><c>removed-after-flag</c>: a flagged item (or an item with flagged comments) gone upstream.</summary>
public sealed record RemovedAfterFlagRule(bool Enabled = true);

public sealed record AlertRules(
    NegativeSurgeRule NegativeSurge,
    ViralRule Viral,
    WatchlistAlertRule Watchlist,
    SourceSilentRule SourceSilent,
    SourceFailingRule SourceFailing,
    RemovedAfterFlagRule RemovedAfterFlag)
{
    public static AlertRules Defaults { get; } = new(new(), new(), new(), new(), new(), new());
}
