using Monitor.Domain;
using Monitor.Enrichment;
using Monitor.Extraction;

namespace Monitor.Configuration;

/// <summary>Everything under <c>pipelines/</c>, validated: settings, stations with their channels, site profiles, watch-lists.</summary>
public sealed record PipelineConfiguration(
    string Folder,
    MonitorSettings Settings,
    IReadOnlyList<Station> Stations,
    IReadOnlyDictionary<string, SiteProfile> Profiles,
    IReadOnlySet<string> UnconfirmedChannels)
{
    public IReadOnlyList<Watchlist> Watchlists { get; init; } = [];

    /// <summary><c>alerts.yaml</c>: rules and recipients (issue 13).</summary>
    public Alerts.Rules.AlertsConfiguration Alerts { get; init; } = Monitor.Alerts.Rules.AlertsConfiguration.Empty;

    /// <summary>Every channel with its station, in file order.</summary>
    public IEnumerable<(Station Station, Channel Channel)> Sources() =>
        Stations.SelectMany(s => s.Channels.Select(c => (s, c)));

    public int ChannelCount => Stations.Sum(s => s.Channels.Count);

    public (Station Station, Channel Channel)? FindChannel(string channelId) =>
        Sources().Where(p => p.Channel.Id == channelId).Select(p => ((Station, Channel)?)p).FirstOrDefault();

    /// <summary>
    /// A copy with each channel replaced by <paramref name="rewrite"/>'s answer; a null answer drops
    /// the channel (and a station left with none). Used by <c>demo</c> to aim channels at replay sites.
    /// </summary>
    public PipelineConfiguration RewriteChannels(Func<Channel, Channel?> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var stations = Stations
            .Select(s => s with { Channels = [.. s.Channels.Select(rewrite).OfType<Channel>()] })
            .Where(s => s.Channels.Count > 0)
            .ToList();
        return this with { Stations = stations };
    }
}
