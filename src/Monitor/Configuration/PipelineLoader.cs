using Monitor.Configuration.Yaml;
using Monitor.Enrichment;
using Monitor.Extraction;
using Monitor.Domain;

namespace Monitor.Configuration;

/// <summary>What loading <c>pipelines/</c> gave: the configuration when valid, and every problem found.</summary>
public sealed record PipelineLoadResult(PipelineConfiguration? Configuration, IReadOnlyList<ConfigurationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Configuration is not null;

    /// <summary>The configuration, or an exception listing every problem.</summary>
    public PipelineConfiguration GetValidConfiguration() =>
        IsValid ? Configuration! : throw new InvalidConfigurationException(Problems);
}

/// <summary>
/// Loads and validates a <c>pipelines/</c> folder: <c>monitor.yaml</c>, <c>stations/*.yaml</c>,
/// <c>profiles/*.yaml</c>, <c>watchlists/*.yaml</c>. It never stops at the first problem; <c>validate</c> and <c>run</c> print
/// the whole list with file, line and column.
/// </summary>
public static class PipelineLoader
{
    public static PipelineLoadResult Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var problems = new ProblemList();
        if (!Directory.Exists(folder))
        {
            problems.Add(folder, $"the pipelines folder does not exist (looked in {Path.GetFullPath(folder)}; pass --pipelines PATH)");
            return new PipelineLoadResult(null, problems.Sorted());
        }

        var settings = LoadSettings(folder, problems);
        var profiles = LoadProfiles(folder, problems);
        var stations = LoadStations(folder, problems);
        var watchlists = LoadWatchlists(folder, problems);
        CheckAcrossFiles(stations, profiles, problems);
        var alerts = LoadAlerts(folder, stations.Select(s => s.Parsed.Station).ToList(), problems);

        var configuration = new PipelineConfiguration(
            folder,
            settings,
            [.. stations.Select(s => s.Parsed.Station)],
            profiles.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            stations.SelectMany(s => s.Parsed.Channels).Where(c => !c.Confirmed && c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal))
        {
            Watchlists = watchlists,
            Alerts = alerts,
        };
        return new PipelineLoadResult(configuration, problems.Sorted());
    }

    private sealed record StationFile(string File, string FileName, StationParser.ParsedStation Parsed);

    private static MonitorSettings LoadSettings(string folder, ProblemList problems)
    {
        var path = Path.Combine(folder, "monitor.yaml");
        if (!File.Exists(path))
        {
            return new MonitorSettings();
        }

        var map = YamlFile.LoadMapping(path, problems);
        return map is null ? new MonitorSettings() : MonitorSettingsParser.Parse(map);
    }

    /// <summary><c>alerts.yaml</c> when present (issue 13); without it the rules keep their defaults and nobody is told.</summary>
    private static Alerts.Rules.AlertsConfiguration LoadAlerts(string folder, List<Domain.Station> stations, ProblemList problems)
    {
        var path = Path.Combine(folder, "alerts.yaml");
        if (!File.Exists(path) || YamlFile.LoadMapping(path, problems) is not { } map)
        {
            return Alerts.Rules.AlertsConfiguration.Empty;
        }

        return Alerts.Rules.AlertsParser.Parse(
            map,
            stations.Select(s => s.Id).ToHashSet(StringComparer.Ordinal),
            stations.Select(s => s.Cluster).OfType<string>().ToHashSet(StringComparer.Ordinal));
    }

    private static Dictionary<string, SiteProfile> LoadProfiles(string folder, ProblemList problems)
    {
        var profiles = new Dictionary<string, SiteProfile>(StringComparer.Ordinal);
        foreach (var path in YamlFiles(Path.Combine(folder, "profiles")))
        {
            var fileName = Path.GetFileNameWithoutExtension(path);
            if (YamlFile.LoadMapping(path, problems) is { } map && SiteProfileParser.Parse(map, fileName) is { } profile)
            {
                profiles[fileName] = profile;
            }
        }

        return profiles;
    }

    /// <summary>Every watch-list file; the enricher gets them only once all of them read without a problem.</summary>
    internal static List<Watchlist> LoadWatchlists(string folder, ProblemList problems) =>
        LoadWatchlistFolder(Path.Combine(folder, "watchlists"), problems);

    internal static List<Watchlist> LoadWatchlistFolder(string watchlistFolder, ProblemList problems)
    {
        var lists = new List<Watchlist>();
        foreach (var path in YamlFiles(watchlistFolder))
        {
            if (YamlFile.LoadMapping(path, problems) is { } map && WatchlistParser.Parse(map, Path.GetFileNameWithoutExtension(path)) is { } list)
            {
                lists.Add(list);
            }
        }

        return lists;
    }

    private static List<StationFile> LoadStations(string folder, ProblemList problems)
    {
        var stationsFolder = Path.Combine(folder, "stations");
        var files = YamlFiles(stationsFolder);
        if (files.Count == 0)
        {
            problems.Add(stationsFolder, "no station files (*.yaml) found: there is nothing to watch");
        }

        var stations = new List<StationFile>();
        foreach (var path in files)
        {
            if (YamlFile.LoadMapping(path, problems) is { } map && StationParser.Parse(map) is { } parsed)
            {
                stations.Add(new StationFile(path, Path.GetFileNameWithoutExtension(path), parsed));
            }
        }

        return stations;
    }

    private static void CheckAcrossFiles(List<StationFile> stations, Dictionary<string, SiteProfile> profiles, ProblemList problems)
    {
        var stationIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var channelIds = new Dictionary<string, string>(StringComparer.Ordinal);

        // One website host, one channel: a channel's runs never overlap, on one worker or across a
        // cluster (its job is not run concurrently), so per-host politeness holds everywhere only
        // while no two channels fetch from the same host.
        var hostOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, fileName, parsed) in stations)
        {
            var station = parsed.Station;
            var idNode = parsed.IdNode!;
            if (station.Id != fileName)
            {
                problems.Add(file, idNode, $"station id '{station.Id}' must match its file name '{fileName}.yaml'");
            }

            if (!stationIds.TryAdd(station.Id, file))
            {
                problems.Add(file, idNode, $"duplicate station id '{station.Id}' (also in {stationIds[station.Id]})");
            }

            foreach (var channel in parsed.Channels)
            {
                if (channel is { Id: { } channelId, IdNode: { } channelIdNode } && !channelIds.TryAdd(channelId, file))
                {
                    problems.Add(file, channelIdNode, $"duplicate channel id '{channelId}' (also in {channelIds[channelId]})");
                }

                if (channel is { Channel: WebsiteChannel website, Id: { } owner, IdNode: { } ownerNode })
                {
                    foreach (var host in new[] { website.BaseUrl.Authority }.Concat(website.AliasHosts).Distinct(StringComparer.OrdinalIgnoreCase))
                    {
                        if (!hostOwners.TryAdd(host, owner) && hostOwners[host] != owner)
                        {
                            problems.Add(file, ownerNode, $"channel '{owner}' fetches from {host}, which channel '{hostOwners[host]}' already fetches from: "
                                + "give each website host to one channel (put a merged station's old domain under its new channel's aliasHosts)");
                        }
                    }
                }

                var references = channel.Context?.ProfileReferences ?? [];
                foreach (var (name, at) in references.Where(r => !profiles.ContainsKey(r.Name)))
                {
                    var known = profiles.Count == 0 ? "none" : string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal));
                    problems.Add(file, at, $"unknown profile '{name}': no profiles/{name}.yaml (known profiles: {known})");
                }
            }
        }

        foreach (var (file, _, parsed) in stations)
        {
            if (parsed.Station.MergedInto is { } target && parsed.MergedIntoNode is { } at)
            {
                if (target == parsed.Station.Id)
                {
                    problems.Add(file, at, "a station cannot be merged into itself");
                }
                else if (!stationIds.ContainsKey(target))
                {
                    problems.Add(file, at, $"'mergedInto' names station '{target}', which has no file under stations/");
                }
            }
        }
    }

    private static List<string> YamlFiles(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
}
