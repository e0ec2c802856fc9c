namespace Monitor.Collection.Social;

/// <summary>
/// Stops a paging loop that a platform sends back to a cursor it already gave (seen with Graph API
/// cursors after deletions): without this a run would read the same page forever.
/// </summary>
internal sealed class CursorGuard
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a cursor is seen; false when the platform repeats it.</summary>
    public bool TryAdvance(string cursor) => seen.Add(cursor);
}
