using Monitor.Domain;

namespace Monitor.Pipeline;

/// <summary>Everything the enrichers produced for a group of collected items, written together.</summary>
public sealed record ContentBatch(
    IReadOnlyList<Item> Items,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Comment> Comments,
    IReadOnlyList<Assessment> Assessments,
    IReadOnlyList<Flag> Flags)
{
    public static ContentBatch Empty { get; } = new([], [], [], [], []);

    /// <summary>
    /// A position the store keeps in the same transaction as the batch (an import's "everything before
    /// this line is stored"), so a resumed run starts exactly where the stored data ends. Null for collection.
    /// </summary>
    public BatchCheckpoint? Checkpoint { get; init; }

    /// <summary>
    /// One of a long run of batches (an import) that ends with a batch where this is false. The store may
    /// then leave work that later batches would redo (the items' summaries, other items' overperformance)
    /// to that last batch; until it is saved, queries may not count those items yet. False for collection.
    /// </summary>
    public bool Bulk { get; init; }
}

/// <summary>A named position saved with a batch (<see cref="ContentBatch.Checkpoint"/>).</summary>
public sealed record BatchCheckpoint(string Key, string Value);

/// <summary>What a save changed: new items, items whose body changed (kept as a new version), unchanged ones.</summary>
public sealed record SaveResult(int NewItems, int ChangedItems, int UnchangedItems, int Observations, int Comments, int Flags);
