namespace Monitor.Replay.Elasticsearch;

/// <summary>One request as the stand-in received it, kept so tests can check what the worker sent.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    string? ContentType,
    string? Accept,
    string? Authorization,
    byte[] Body);

/// <summary>What the stand-in does instead of (or besides) answering normally.</summary>
public sealed record RequestFault
{
    /// <summary>Answer this status for the whole request, without applying it (429, 503, 413…).</summary>
    public int? Status { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Wait this long (real time) before answering: a slow cluster.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Apply the request, then drop the connection without answering.</summary>
    public bool DropAfterApplying { get; init; }

    /// <summary>Drop the connection before applying anything.</summary>
    public bool DropBeforeApplying { get; init; }

    public static RequestFault Answer(int status, TimeSpan? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };
}

/// <summary>A bulk operation about to be applied; a fault hook may reject it with a status instead.</summary>
public sealed record BulkItemRequest(string Action, string Target, string Id, int Position);

/// <summary>
/// Fault injection. Each hook runs per request (or per bulk item) and returns null to behave
/// normally. Hooks may keep state (count calls, read a fake clock) to script storms and outages.
/// </summary>
public sealed class StandInFaults
{
    public Func<RecordedRequest, RequestFault?>? Request { get; set; }

    /// <summary>Return 429, 503, 400 … to reject one bulk item with that status.</summary>
    public Func<BulkItemRequest, int?>? BulkItem { get; set; }
}
