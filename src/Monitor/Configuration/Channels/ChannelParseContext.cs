using Monitor.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace Monitor.Configuration.Channels;

/// <summary>What a channel parser gets: the entry, the common fields, and a place to note references checked across files.</summary>
internal sealed class ChannelParseContext(YamlMap map, string stationId, string channelId, string? schedule)
{
    private readonly List<(string Name, YamlNode At)> profileReferences = [];

    public YamlMap Map { get; } = map;

    public string StationId { get; } = stationId;

    public string ChannelId { get; } = channelId;

    /// <summary>The channel's own Quartz cron, already validated; null means the global default.</summary>
    public string? Schedule { get; } = schedule;

    public IReadOnlyList<(string Name, YamlNode At)> ProfileReferences => profileReferences;

    /// <summary>Notes a <c>profile:</c> name; the loader reports it once all profile files are read.</summary>
    public void ReferenceProfile(string name, YamlNode at) => profileReferences.Add((name, at));
}
