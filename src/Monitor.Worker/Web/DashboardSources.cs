using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Sqlite;

namespace Monitor.Worker.Web;

/// <summary>What every page reads: the stations from pipelines/, the store's queries, and the store file the follower counts live in.</summary>
public sealed class DashboardSources(PipelineConfiguration pipelines, IContentQueries queries, string stateFilePath)
{
    private readonly Dictionary<string, Station> stations = pipelines.Stations.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public PipelineConfiguration Pipelines => pipelines;

    public IContentQueries Queries => queries;

    public IReadOnlyList<Station> Stations => pipelines.Stations;

    public IReadOnlyList<string> Clusters { get; } = [.. pipelines.Stations.Select(s => s.Cluster).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public Station? Station(string id) => stations.GetValueOrDefault(id);

    public string StationName(string id) => stations.TryGetValue(id, out var station) ? station.Name : id;

    public Task<IReadOnlyList<FollowerCount>> FollowersAsync(CancellationToken cancellationToken) => SqliteFollowerCounts.ReadAsync(stateFilePath, cancellationToken);
}
