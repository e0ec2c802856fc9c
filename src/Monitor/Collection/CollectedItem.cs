using Monitor.Domain;

namespace Monitor.Collection;

/// <summary>What a collector hands down the pipeline for one item: the item and what was seen with it.</summary>
public sealed record CollectedItem(
    Item Item,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Comment> Comments);
