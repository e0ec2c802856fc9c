using Monitor.Triage;

namespace Monitor.Storage;

/// <summary>
/// Whole triage records (state, snapshot, audit trail) read out of one store and written into
/// another as they are, for <c>migrate</c>: a flag keeps its status, evidence and history.
/// </summary>
internal interface IFlagTriageTransfer
{
    /// <summary>Every flag's record, a page at a time in id order.</summary>
    IAsyncEnumerable<FlagDetail> ReadTriageAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores these records, replacing any with the same id (so a resumed copy never duplicates).</summary>
    Task WriteTriageAsync(IReadOnlyList<FlagDetail> records, CancellationToken cancellationToken = default);
}
