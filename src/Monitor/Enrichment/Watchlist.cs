namespace Monitor.Enrichment;

public enum WatchSeverity
{
    Low,
    Medium,
    High,
}

/// <summary>One watched term or phrase, from <c>pipelines/watchlists/&lt;name&gt;.yaml</c>.</summary>
public sealed record WatchTerm(string Term, WatchSeverity Severity, string Topic);

/// <summary>A named group of watched terms.</summary>
public sealed record Watchlist(string Name, IReadOnlyList<WatchTerm> Terms);
