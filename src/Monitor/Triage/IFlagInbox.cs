namespace Monitor.Triage;

/// <summary>
/// The triage inbox over the flags a store keeps (SQLite or Elasticsearch, same answers). Every
/// flag gets its triage record when the store saves it: status open, its evidence snapshot, and a
/// first audit entry. Reads are answered inside the store over indexed fields; each change is
/// written together with its audit entry, or not at all. <c>actor</c> is the signed-in user's name.
/// </summary>
public interface IFlagInbox
{
    /// <summary>
    /// One page of flags matching <paramref name="filter"/>, newest first; <paramref name="cursor"/>
    /// is the previous page's <see cref="FlagPage.Next"/> (null: the first page).
    /// </summary>
    Task<FlagPage> ListAsync(FlagFilter filter, int limit, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>One flag with its snapshot and audit trail; null when there is no such flag.</summary>
    Task<FlagDetail?> GetAsync(string flagId, CancellationToken cancellationToken = default);

    /// <summary>Applies one action; throws <see cref="TriageRefusedException"/> (nothing changed) when it cannot.</summary>
    Task<FlagSummary> ApplyAsync(string flagId, TriageAction action, string actor, CancellationToken cancellationToken = default);

    /// <summary>Applies one action to each flag it can apply to; the others are listed as refused, unchanged.</summary>
    Task<BulkTriageResult> ApplyAsync(IReadOnlyCollection<string> flagIds, TriageAction action, string actor, CancellationToken cancellationToken = default);
}
