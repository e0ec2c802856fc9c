using Monitor.Domain;

namespace Monitor.Storage.Queries;

/// <summary>
/// Which items a query covers. Null means no restriction. The period is [From, To) over the
/// publication time, or the collection time when the publication time is unknown (as reports
/// always counted it). <paramref name="Stations"/> empty means no station.
/// </summary>
public sealed record ContentFilter(
    IReadOnlyCollection<string>? Stations = null,
    Platform? Platform = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    public static ContentFilter All { get; } = new();

    public static ContentFilter ForStation(string stationId, DateTimeOffset? from = null, DateTimeOffset? to = null) => new([stationId], null, from, to);

    /// <summary>True when <paramref name="at"/> (publication, else collection time) is in the period.</summary>
    public bool InPeriod(DateTimeOffset at) => (From is null || at >= From) && (To is null || at < To);
}
