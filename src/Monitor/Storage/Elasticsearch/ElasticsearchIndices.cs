namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The names the worker writes to. Plain indices are reached only through their alias, so an
/// index can be rebuilt (reindex into <c>-000002</c>, swap the alias) without the worker changing.
/// Append-only series are data streams, which only accept <c>create</c>.
/// </summary>
public static class ElasticsearchIndices
{
    public const string Items = "mm-items";
    public const string Comments = "mm-comments";
    public const string Assessments = "mm-assessments";
    public const string Observations = "mm-observations";
    public const string Flags = "mm-flags";

    /// <summary>Flag triage: one document per flag with its status, snapshot and audit trail, updated in place.</summary>
    public const string Triage = "mm-triage";

    /// <summary>One summary per item, rewritten by every save that touches the item: what reports and the dashboard query.</summary>
    public const string Summaries = "mm-summaries";

    /// <summary>Aliases over plain indices (entities that are updated in place).</summary>
    public static IReadOnlyList<string> Aliases { get; } = [Items, Comments, Assessments, Triage, Summaries];

    /// <summary>Data streams (time-stamped, append-only).</summary>
    public static IReadOnlyList<string> DataStreams { get; } = [Observations, Flags];

    /// <summary>The first concrete index behind an alias, named so rollover can count on from it.</summary>
    public static string FirstIndexFor(string alias) => alias + "-000001";
}
