namespace Monitor.Domain;

/// <summary>
/// An organisation that publishes: a provincial radio-TV station or, after the 2025 mergers,
/// the merged newspaper-and-station body. Former names and the body it merged into are kept so
/// reports over older periods still group correctly.
/// </summary>
public sealed record Station(
    string Id,
    string Name,
    string Province,
    string? Cluster,
    IReadOnlyList<string> FormerNames,
    string? MergedInto,
    IReadOnlyList<Channel> Channels);
