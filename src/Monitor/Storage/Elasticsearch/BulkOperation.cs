using System.Text.Json;

namespace Monitor.Storage.Elasticsearch;

public enum BulkAction
{
    /// <summary>Create or replace the whole document.</summary>
    Index,

    /// <summary>Add only if the id is new (409 otherwise, which counts as done). The only action data streams take.</summary>
    Create,

    /// <summary>Partial update with an upsert document; unchanged content answers <c>noop</c>.</summary>
    Update,
}

/// <summary>
/// One action of a bulk request. <see cref="WriteSource"/> writes the document (for
/// <see cref="BulkAction.Update"/> the partial <c>doc</c>); <see cref="WriteUpsert"/> writes the
/// document an update creates when the id is new.
/// </summary>
public sealed record BulkOperation(BulkAction Action, string Index, string Id, Action<Utf8JsonWriter> WriteSource)
{
    public Action<Utf8JsonWriter>? WriteUpsert { get; init; }

    /// <summary>Fail instead of auto-creating a concrete index with the wrong mapping when the alias is missing.</summary>
    public bool RequireAlias { get; init; }
}

/// <summary>What Elasticsearch said about one operation, once it is final.</summary>
public enum BulkItemResult
{
    Created,
    Updated,
    Noop,

    /// <summary>A <c>create</c> answered 409: the document was already there (a retry or a re-run).</summary>
    AlreadyExisted,

    /// <summary>Rejected as bad data (400); kept in the dead-letter file with the reason.</summary>
    DeadLettered,
}

public sealed record BulkItemOutcome(string Index, string Id, BulkItemResult Result);
